package io.github.vddk4j.jna;

import com.sun.jna.NativeLibrary;

/**
 * Makes the Foreign Function &amp; Memory data path. This is the Java 22 build of the class
 * ({@code META-INF/versions/22} in the multi-release jar); the Java 17 build has no FFM path.
 */
final class FfmDataPaths {
    private FfmDataPaths() {
    }

    /** Whether this build of the class can make an FFM data path (true: Java 22 build). */
    static boolean available() {
        return true;
    }

    /**
     * An {@link FfmVixDiskLibDataPath} over the library the loader opened.
     *
     * @throws IllegalCallerException if native access is denied to vddk4j's module
     * @throws UnsupportedOperationException if the platform's ABI does not pass a pointer like a 64-bit integer
     * @throws UnsatisfiedLinkError if the library lacks VixDiskLib_Read/Write
     */
    static VixDiskLibDataPath create(NativeLibrary library, DirectVixDiskLibDataPath jna) {
        return new FfmVixDiskLibDataPath(library, jna);
    }
}
