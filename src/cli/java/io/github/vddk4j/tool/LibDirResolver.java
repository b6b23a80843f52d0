package io.github.vddk4j.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the VDDK distribution directory: {@code --lib-dir}, else the system property
 * {@code vddk4j.libDir}, else the environment variable {@code VDDK_LIBDIR}, else
 * {@code target/vddk-stub} under the working directory when it exists (the stub a Maven build
 * lays out), else {@code vddk-stub} beside the running jar (so {@code java -jar
 * /path/to/target/vddk4j.jar demo} works from any directory).
 */
final class LibDirResolver {
    static final String PROPERTY = "vddk4j.libDir";
    static final String ENV = "VDDK_LIBDIR";
    static final Path BUNDLED_STUB = Path.of("target", "vddk-stub");

    private LibDirResolver() {}

    /** The directory and where it came from, or empty with the places tried. */
    record Choice(Path dir, String source) {}

    static Optional<Choice> resolve(Optional<Path> option, Function<String, String> properties,
                                    Function<String, String> env, Path workingDir) {
        return resolve(option, properties, env, workingDir, Optional.empty());
    }

    static Optional<Choice> resolve(Optional<Path> option, Function<String, String> properties,
                                    Function<String, String> env, Path workingDir, Optional<Path> jar) {
        if (option.isPresent()) {
            return Optional.of(new Choice(option.get(), "--lib-dir"));
        }
        String p = properties.apply(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Optional.of(new Choice(Path.of(p), "system property " + PROPERTY));
        }
        String e = env.apply(ENV);
        if (e != null && !e.isBlank()) {
            return Optional.of(new Choice(Path.of(e), "environment variable " + ENV));
        }
        Path stub = workingDir.resolve(BUNDLED_STUB);
        if (Files.isDirectory(stub)) {
            return Optional.of(new Choice(stub, "the bundled stub (" + BUNDLED_STUB + ")"));
        }
        if (jar.isPresent() && jar.get().getParent() != null) {
            Path besideJar = jar.get().getParent().resolve(BUNDLED_STUB.getFileName());
            if (Files.isDirectory(besideJar)) {
                return Optional.of(new Choice(besideJar, "the bundled stub beside " + jar.get().getFileName()));
            }
        }
        return Optional.empty();
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

    static String notFoundMessage(Path workingDir) {
        List<String> tried = new ArrayList<>();
        tried.add("--lib-dir");
        tried.add("-D" + PROPERTY);
        tried.add("$" + ENV);
        tried.add(workingDir.resolve(BUNDLED_STUB) + " (missing: run 'mvn -DskipTests package' first)");
        tried.add("vddk-stub beside the jar");
        return "no VDDK library directory: tried " + String.join(", ", tried)
                + ". Pass --lib-dir DIR (the VDDK distribution root that holds lib64/).";
    }
}
