package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * C {@code VixDiskLibCreateParams} (32 bytes): {@code diskType @0, adapterType @4, uint16 hwVersion @8,
 * uint64 capacity @16 (sectors), uint32 logicalSectorSize @24, uint32 physicalSectorSize @28}.
 * Allocated by Java and passed by pointer to Create and Clone.
 */
@Structure.FieldOrder({"diskType", "adapterType", "hwVersion", "capacity", "logicalSectorSize", "physicalSectorSize"})
public class VixDiskLibCreateParams extends Structure {
    /** {@code VixDiskLibDiskType}. */
    public int diskType;
    /** {@code VixDiskLibAdapterType}. */
    public int adapterType;
    /** {@code VixDiskLibHwVersion} (uint16). */
    public short hwVersion;
    /** Capacity in sectors. */
    public long capacity;
    public int logicalSectorSize;
    public int physicalSectorSize;

    public VixDiskLibCreateParams() {
        super();
    }

    public VixDiskLibCreateParams(Pointer p) {
        super(p);
    }
}
