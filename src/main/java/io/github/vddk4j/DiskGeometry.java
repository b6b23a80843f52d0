package io.github.vddk4j;

/**
 * {@code VixDiskLibGeometry}: a cylinders/heads/sectors triple (each a C {@code uint32}, carried
 * as the unsigned value in a {@code long}).
 */
public record DiskGeometry(long cylinders, long heads, long sectors) {
    /** Checks that every value fits a C uint32. */
    public DiskGeometry {
        checkUint32("cylinders", cylinders);
        checkUint32("heads", heads);
        checkUint32("sectors", sectors);
    }

    private static void checkUint32(String name, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " must be a uint32 (0.." + 0xFFFF_FFFFL + "), was " + v);
        }
    }
}
