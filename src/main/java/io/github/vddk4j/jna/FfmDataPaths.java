package io.github.vddk4j.jna;

import com.sun.jna.NativeLibrary;

/**
 * Makes the Foreign Function &amp; Memory data path. This is the Java 17 build of the class: it has
 * none. The multi-release jar carries a Java 22 build ({@code META-INF/versions/22}) that Java 22+
 * loads instead and that returns an {@code FfmVixDiskLibDataPath}.
 */
final class FfmDataPaths {
    private FfmDataPaths() {
    }

    /** Whether this build of the class can make an FFM data path (false: Java 17 build). */
    static boolean available() {
        return false;
    }

    /**
     * Always fails in this build.
     *
     * @throws UnsupportedOperationException saying why no FFM data path exists here
     */
    static VixDiskLibDataPath create(NativeLibrary library, DirectVixDiskLibDataPath jna) {
        int feature = Runtime.version().feature();
        throw new UnsupportedOperationException(feature < 22
                ? "Java " + feature + ": the FFM data path needs Java 22 or later"
                : "Java " + feature + ", but the class path holds vddk4j's Java 17 classes only (a classes"
                        + " directory, or a vddk4j jar built without JDK 22+: no META-INF/versions/22)");
    }
}
