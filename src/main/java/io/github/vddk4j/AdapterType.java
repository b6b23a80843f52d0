package io.github.vddk4j;

/** {@code VixDiskLibAdapterType}: the virtual controller a disk is attached to. */
public enum AdapterType {
    /** {@code VIXDISKLIB_ADAPTER_IDE} (1). */
    IDE(1),
    /** {@code VIXDISKLIB_ADAPTER_SCSI_BUSLOGIC} (2). */
    SCSI_BUSLOGIC(2),
    /** {@code VIXDISKLIB_ADAPTER_SCSI_LSILOGIC} (3). */
    SCSI_LSILOGIC(3),
    /** {@code VIXDISKLIB_ADAPTER_UNKNOWN} (256), also used for any value vddk4j does not know. */
    UNKNOWN(256);

    private final int code;

    AdapterType(int code) {
        this.code = code;
    }

    /** The C enum value. */
    public int code() {
        return code;
    }

    /** The adapter type with the C value {@code code}, {@link #UNKNOWN} for any other value. */
    public static AdapterType fromCode(int code) {
        for (AdapterType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
