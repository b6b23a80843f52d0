package io.github.vddk4j;

/**
 * How {@link DiskHandle}'s synchronous reads and writes reach {@code VixDiskLib_Read} and
 * {@code VixDiskLib_Write} ({@link DiskLib#dataPathImplementation()}). Both give the same results,
 * checks and errors; they differ in call overhead only. The system property {@code vddk4j.dataPath}
 * ({@code jna}, {@code ffm} or {@code auto}) forces one.
 */
public enum DataPathImplementation {
    /** JNA direct mapping ({@code Native.register}): Java 17+, and the fallback everywhere. */
    JNA,
    /**
     * Foreign Function &amp; Memory downcalls ({@code java.lang.foreign}): the default on Java 22+
     * with the multi-release vddk4j jar (needs {@code --enable-native-access}, see docs/api.md).
     * Async reads and writes still go through JNA.
     */
    FFM
}
