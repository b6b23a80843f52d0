package io.github.vddk4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Builds another ABI variant of the stub ({@code make VDDK_MAJOR=N}: 6, 7, 8 or 9) and returns its
 * distribution directory (the libDir): {@link #build} into a test's temporary directory,
 * {@link #shared} beside the default stub ({@code target/vddk-stub-N}), so the test JVMs of one
 * build reuse it (make rebuilds only what changed). A test that loads a variant runs in its own JVM
 * ({@link OwnJvm}), so the default stub is never loaded beside it.
 */
public final class StubVariant {
    private StubVariant() {
    }

    /**
     * The variant {@code major}, built once for all test JVMs into {@code <libDir>-N} beside the
     * default stub ({@code vddk4j.test.libDir}, whose {@code make check} already built 9 there);
     * the default build itself for 8.
     *
     * @param major the VDDK major version: 6 (6.7), 7, 8 or 9
     * @return the distribution directory of the variant
     */
    public static Path shared(int major) throws IOException, InterruptedException {
        if (major == 8) {
            return Stub.libDir();
        }
        return variant(Stub.libDir(), major);
    }

    /**
     * @param out   a temporary directory
     * @param major the VDDK major version to build
     * @return the distribution directory of the variant
     */
    public static Path build(Path out, int major) throws IOException, InterruptedException {
        return variant(out.resolve("stub"), major);
    }

    /** {@code make VDDK_MAJOR=major OUT=base all}; the Makefile puts a variant other than 8 into {@code base-N}. */
    private static Path variant(Path base, int major) throws IOException, InterruptedException {
        Path nativeStubs = Path.of("native-stubs").toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(nativeStubs.resolve("Makefile")), "native-stubs/Makefile not found");
        Process p;
        try {
            p = new ProcessBuilder("make", "-s", "-C", nativeStubs.toString(), "OUT=" + base, "VDDK_MAJOR=" + major, "all")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("make is not available: " + e.getMessage());
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "make VDDK_MAJOR=" + major + " failed:\n" + output);
        Path variant = base.resolveSibling(base.getFileName() + "-" + major);
        return Files.isDirectory(variant) ? variant : base;
    }
}
