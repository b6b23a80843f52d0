package io.github.vddk4j;

import java.util.Objects;

/**
 * What a new disk looks like ({@code VixDiskLibCreateParams}), for {@link DiskManager#create} and
 * {@link DiskManager#clone}. Validated when built, before any native call.
 *
 * <pre>{@code
 * CreateSpec spec = CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 20L * 1024 * 1024 * 2)  // 20 GiB
 *         .adapter(AdapterType.SCSI_LSILOGIC)
 *         .build();
 * }</pre>
 *
 * @param diskType           {@code diskType}
 * @param adapter            {@code adapterType}: IDE, SCSI_BUSLOGIC or SCSI_LSILOGIC
 * @param hardwareVersion    {@code hwVersion}
 * @param capacitySectors    {@code capacity}, in 512-byte sectors, positive
 * @param logicalSectorSize  {@code logicalSectorSize}: 512 or 4096 (4096 needs VDDK 7 or later)
 * @param physicalSectorSize {@code physicalSectorSize}: 512 or 4096, not below the logical size
 */
public record CreateSpec(DiskType diskType, AdapterType adapter, HardwareVersion hardwareVersion,
                         long capacitySectors, int logicalSectorSize, int physicalSectorSize) {
    /** The default adapter: {@link AdapterType#SCSI_LSILOGIC}. */
    public static final AdapterType DEFAULT_ADAPTER = AdapterType.SCSI_LSILOGIC;
    /** The default hardware version: {@link HardwareVersion#WORKSTATION_6}. */
    public static final HardwareVersion DEFAULT_HARDWARE_VERSION = HardwareVersion.WORKSTATION_6;

    /**
     * @throws IllegalArgumentException for an unknown adapter, a capacity that is not positive or
     *         sector sizes other than 512/4096 (or a physical size below the logical one)
     * @throws NullPointerException naming a null argument
     */
    public CreateSpec {
        Objects.requireNonNull(diskType, "diskType");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(hardwareVersion, "hardwareVersion");
        if (adapter == AdapterType.UNKNOWN) {
            throw new IllegalArgumentException("adapter must be IDE, SCSI_BUSLOGIC or SCSI_LSILOGIC, not UNKNOWN");
        }
        if (capacitySectors <= 0 || capacitySectors > Long.MAX_VALUE / DiskHandle.SECTOR_SIZE) {
            throw new IllegalArgumentException("capacitySectors must be positive (512-byte sectors), was " + capacitySectors);
        }
        checkSectorSize("logicalSectorSize", logicalSectorSize);
        checkSectorSize("physicalSectorSize", physicalSectorSize);
        if (physicalSectorSize < logicalSectorSize) {
            throw new IllegalArgumentException("physicalSectorSize " + physicalSectorSize
                    + " must not be smaller than logicalSectorSize " + logicalSectorSize);
        }
        if (logicalSectorSize == 4096 && capacitySectors % 8 != 0) {
            throw new IllegalArgumentException("a disk with 4096-byte logical sectors needs a capacity that is a multiple "
                    + "of 8 sectors (4 KiB), was " + capacitySectors);
        }
    }

    private static void checkSectorSize(String name, int size) {
        if (size != 512 && size != 4096) {
            throw new IllegalArgumentException(name + " must be 512 or 4096, was " + size);
        }
    }

    /** A builder for a disk of {@code diskType} and {@code capacitySectors} (512-byte sectors). */
    public static Builder builder(DiskType diskType, long capacitySectors) {
        return new Builder(diskType, capacitySectors);
    }

    /** The capacity in bytes. */
    public long capacityBytes() {
        return capacitySectors * DiskHandle.SECTOR_SIZE;
    }

    /** Builds a {@link CreateSpec}; defaults: SCSI LSI Logic, Workstation 6 hardware, 512-byte sectors. */
    public static final class Builder {
        private final DiskType diskType;
        private final long capacitySectors;
        private AdapterType adapter = DEFAULT_ADAPTER;
        private HardwareVersion hardwareVersion = DEFAULT_HARDWARE_VERSION;
        private int logicalSectorSize = 512;
        private int physicalSectorSize = 512;

        private Builder(DiskType diskType, long capacitySectors) {
            this.diskType = Objects.requireNonNull(diskType, "diskType");
            this.capacitySectors = capacitySectors;
        }

        /** The virtual controller ({@code adapterType}). */
        public Builder adapter(AdapterType adapter) {
            this.adapter = Objects.requireNonNull(adapter, "adapter");
            return this;
        }

        /** The virtual hardware version ({@code hwVersion}). */
        public Builder hardwareVersion(HardwareVersion hardwareVersion) {
            this.hardwareVersion = Objects.requireNonNull(hardwareVersion, "hardwareVersion");
            return this;
        }

        /** Logical and physical sector sizes: 512/512 (default), 512/4096 (512e) or 4096/4096 (4Kn). */
        public Builder sectorSizes(int logical, int physical) {
            this.logicalSectorSize = logical;
            this.physicalSectorSize = physical;
            return this;
        }

        /**
         * @throws IllegalArgumentException as {@link CreateSpec#CreateSpec}
         */
        public CreateSpec build() {
            return new CreateSpec(diskType, adapter, hardwareVersion, capacitySectors, logicalSectorSize,
                    physicalSectorSize);
        }
    }
}
