package io.github.vddk4j.tool;

import io.github.vddk4j.testkit.StubDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the VDDK distribution directory: {@code --libdir}, else the system property
 * {@code vddk4j.libDir}, else the environment variable {@code VDDK_LIBDIR}, else the stub
 * {@code vddk-stub/} beside the CLI's own jar (where {@code mvn package} lays it out), else the
 * stub carried inside the CLI jar (extracted to a temporary directory). Never a directory found
 * relative to the current working directory.
 */
final class LibDirResolver {
    static final String PROPERTY = "vddk4j.libDir";
    static final String ENV = "VDDK_LIBDIR";
    static final String STUB_BESIDE_JAR = "vddk-stub";

    private LibDirResolver() {}

    /** The directory and where it came from. */
    record Choice(Path dir, String source) {}

    static Choice resolve(Optional<Path> option, Function<String, String> properties, Function<String, String> env,
                          Optional<Path> jar) throws CommandFailedException {
        if (option.isPresent()) {
            return new Choice(option.get(), "--libdir");
        }
        String p = properties.apply(PROPERTY);
        if (p != null && !p.isBlank()) {
            return new Choice(Path.of(p), "system property " + PROPERTY);
        }
        String e = env.apply(ENV);
        if (e != null && !e.isBlank()) {
            return new Choice(Path.of(e), "environment variable " + ENV);
        }
        if (jar.isPresent() && jar.get().getParent() != null) {
            Path besideJar = jar.get().getParent().resolve(STUB_BESIDE_JAR);
            if (Files.isDirectory(besideJar)) {
                return new Choice(besideJar, "the stub beside " + jar.get().getFileName());
            }
        }
        try {
            return new Choice(StubDistribution.libDir(), "the stub inside the CLI jar");
        } catch (RuntimeException | LinkageError notBundled) {
            throw new CommandFailedException("no VDDK library directory: pass --libdir DIR (the VDDK distribution"
                    + " root that holds lib64/), or set -D" + PROPERTY + " or $" + ENV);
        }
    }

    /** The jar this class was loaded from, when it was loaded from a jar file. */
    static Optional<Path> runningJar() {
        try {
            var source = LibDirResolver.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (Exception | Error e) {
            return Optional.empty();
        }
    }
}
