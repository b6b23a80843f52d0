package io.github.vddk4j;

/**
 * {@code VixDiskLibHwVersion}: the virtual hardware version written into a new disk's descriptor
 * ({@code ddb.virtualHWVersion}). Several names share a value, as in the C header.
 */
public enum HardwareVersion {
    /** {@code VIXDISKLIB_HWVERSION_WORKSTATION_4} (3). */
    WORKSTATION_4(3),
    /** {@code VIXDISKLIB_HWVERSION_WORKSTATION_5} (4). */
    WORKSTATION_5(4),
    /** {@code VIXDISKLIB_HWVERSION_WORKSTATION_6} (6). */
    WORKSTATION_6(6),
    /** {@code VIXDISKLIB_HWVERSION_ESX30} (4). */
    ESX30(4),
    /** {@code VIXDISKLIB_HWVERSION_ESX4X} (7). */
    ESX4X(7),
    /** {@code VIXDISKLIB_HWVERSION_ESX50} (8). */
    ESX50(8),
    /** {@code VIXDISKLIB_HWVERSION_ESX51} (9). */
    ESX51(9),
    /** {@code VIXDISKLIB_HWVERSION_ESX55} (10). */
    ESX55(10),
    /** {@code VIXDISKLIB_HWVERSION_ESX60} (11). */
    ESX60(11),
    /** {@code VIXDISKLIB_HWVERSION_ESX65} (13). */
    ESX65(13);

    private final int code;

    HardwareVersion(int code) {
        this.code = code;
    }

    /** The C value (a {@code uint16}). */
    public int code() {
        return code;
    }
}
