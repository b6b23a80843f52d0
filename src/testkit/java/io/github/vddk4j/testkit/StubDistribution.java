package io.github.vddk4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The stub VDDK this test kit carries: a prebuilt {@code libvixDiskLib.so.N} for linux-x86_64,
 * laid out as a VDDK distribution ({@code lib64/libvixDiskLib.so.N} plus the unversioned link)
 * in a temporary directory, once per JVM. Pass {@link #libDir()} to
 * {@code DiskLib.builder().libDir(...)}.
 *
 * <p>The system property {@value #LIB_DIR_PROPERTY} names an existing distribution to use
 * instead (for example a stub built with sanitizers, or the one vddk4j's own build lays out).
 */
public final class StubDistribution {
    /** System property naming a stub distribution directory to use instead of the bundled one. */
    public static final String LIB_DIR_PROPERTY = "vddk4j.testkit.libDir";
    private static final String RESOURCE_DIR = "/io/github/vddk4j/testkit/linux-x86_64/lib64/";
    private static final String LINK = "libvixDiskLib.so";
    private static Path libDir;

    private StubDistribution() {
    }

    /**
     * The stub's distribution directory (the folder holding {@code lib64/}): the directory named by
     * {@value #LIB_DIR_PROPERTY}, else the bundled stub extracted into a temporary directory on the
     * first call (removed when the JVM exits).
     *
     * @return the distribution directory
     * @throws IllegalStateException if this platform is not linux-x86_64 or the jar lacks the stub
     * @throws UncheckedIOException  if the stub cannot be extracted
     */
    public static synchronized Path libDir() {
        if (libDir == null) {
            String configured = System.getProperty(LIB_DIR_PROPERTY);
            if (configured != null && !configured.isBlank()) {
                libDir = Path.of(configured).toAbsolutePath();
            } else {
                libDir = extractToTemporaryDirectory();
            }
        }
        return libDir;
    }

    /**
     * The stub library file under {@code libDir} ({@code lib64/libvixDiskLib.so} resolved to its
     * target), the file vddk4j loads from that distribution.
     *
     * @param libDir a stub distribution directory
     * @return the absolute, real path of the library file
     * @throws UncheckedIOException if there is no library under {@code libDir}
     */
    public static Path libraryFile(Path libDir) {
        Path link = libDir.resolve("lib64").resolve(LINK);
        try {
            return link.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("no stub library at " + link + " (is " + libDir
                    + " a VDDK distribution directory, the one that holds lib64/?)", e);
        }
    }

    /**
     * Extracts the bundled stub into {@code dir} as a VDDK distribution: {@code dir/lib64/libvixDiskLib.so.N}
     * and the link {@code dir/lib64/libvixDiskLib.so}.
     *
     * @param dir an existing, writable directory
     * @return {@code dir}
     * @throws IllegalStateException if this platform is not linux-x86_64 or the jar lacks the stub
     * @throws UncheckedIOException  if writing fails
     */
    public static Path extractTo(Path dir) {
        requireLinuxX8664();
        String soname = bundledSoname();
        try (InputStream in = StubDistribution.class.getResourceAsStream(RESOURCE_DIR + soname)) {
            Path lib64 = Files.createDirectories(dir.resolve("lib64"));
            Files.copy(in, lib64.resolve(soname), StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(lib64.resolve(LINK));
            Files.createSymbolicLink(lib64.resolve(LINK), Path.of(soname));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the stub VDDK into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path extractToTemporaryDirectory() {
        Path dir;
        try {
            dir = Files.createTempDirectory("vddk4j-stub-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the stub VDDK", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "vddk4j-stub-cleanup"));
        return extractTo(dir);
    }

    /** The file name of the bundled library, {@code libvixDiskLib.so.N} for the newest N present. */
    private static String bundledSoname() {
        for (int major = 9; major >= 6; major--) {
            String name = "libvixDiskLib.so." + major;
            if (StubDistribution.class.getResource(RESOURCE_DIR + name) != null) {
                return name;
            }
        }
        throw new IllegalStateException("this vddk4j test kit carries no stub library (" + RESOURCE_DIR
                + "libvixDiskLib.so.N missing): it was built with -Dvddk4j.skipStub; use a test kit built with the stub");
    }

    private static void requireLinuxX8664() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the vddk4j stub is built for linux-x86_64 only, not " + os + "-" + arch);
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException | UncheckedIOException e) {
            // best effort at JVM exit or after a test: a leftover temporary file is not an error
        }
    }

    /**
     * Removes a directory tree (for example a test's files, or an extracted distribution); a
     * missing directory is no error. Symbolic links are removed, never followed.
     *
     * @param dir the directory
     * @throws IOException if something cannot be removed
     */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
