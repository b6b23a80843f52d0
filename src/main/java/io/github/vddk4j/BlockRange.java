package io.github.vddk4j;

/**
 * A range of sectors ({@code VixDiskLibBlock}: offset and length in 512-byte sectors).
 *
 * @param startSector the first sector
 * @param numSectors  how many sectors
 */
public record BlockRange(long startSector, long numSectors) {
    /** Checks that the range is non-negative and does not overflow. */
    public BlockRange {
        if (startSector < 0 || numSectors < 0 || startSector > Long.MAX_VALUE - numSectors) {
            throw new IllegalArgumentException("invalid sector range: start " + startSector + ", length " + numSectors);
        }
    }

    /** The sector after the last one: {@code startSector + numSectors}. */
    public long endSector() {
        return startSector + numSectors;
    }
}
