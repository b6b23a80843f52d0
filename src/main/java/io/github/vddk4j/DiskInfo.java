package io.github.vddk4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code VixDiskLibInfo}, copied out of native memory by {@link DiskHandle#info()}.
 *
 * @param capacitySectors    the disk's capacity in 512-byte sectors
 * @param biosGeometry       {@code biosGeo}
 * @param physGeometry       {@code physGeo}
 * @param adapterType        {@code adapterType}
 * @param numLinks           {@code numLinks}: 1 for a disk without parents
 * @param parentFileNameHint {@code parentFileNameHint}, empty when NULL
 * @param uuid               {@code uuid}, empty when NULL
 * @param logicalSectorSize  {@code logicalSectorSize}; present only on VDDK 7 and later
 * @param physicalSectorSize {@code physicalSectorSize}; present only on VDDK 7 and later
 */
public record DiskInfo(long capacitySectors,
                       DiskGeometry biosGeometry,
                       DiskGeometry physGeometry,
                       AdapterType adapterType,
                       int numLinks,
                       Optional<String> parentFileNameHint,
                       Optional<String> uuid,
                       OptionalInt logicalSectorSize,
                       OptionalInt physicalSectorSize) {

    /** Checks for nulls and a negative capacity. */
    public DiskInfo {
        if (capacitySectors < 0) {
            throw new IllegalArgumentException("capacitySectors must not be negative: " + capacitySectors);
        }
        Objects.requireNonNull(biosGeometry, "biosGeometry");
        Objects.requireNonNull(physGeometry, "physGeometry");
        Objects.requireNonNull(adapterType, "adapterType");
        Objects.requireNonNull(parentFileNameHint, "parentFileNameHint");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(logicalSectorSize, "logicalSectorSize");
        Objects.requireNonNull(physicalSectorSize, "physicalSectorSize");
    }

    /** The capacity in bytes: {@code capacitySectors * 512}. */
    public long capacityBytes() {
        return Math.multiplyExact(capacitySectors, 512L);
    }
}
