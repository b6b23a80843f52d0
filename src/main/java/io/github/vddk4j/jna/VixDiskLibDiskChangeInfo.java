package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * C {@code VixDiskLibDiskChangeInfo} (VDDK 9.0, 24 bytes): {@code uint64 startOffset; uint64 length;
 * VixDiskLibBlockList *areas}. Returned by QueryChangedAreas, freed (with its list) by
 * FreeChangedAreas; read the areas with {@link VixDiskLibBlockList#readBlocks(Pointer)}.
 */
@Structure.FieldOrder({"startOffset", "length", "areas"})
public class VixDiskLibDiskChangeInfo extends Structure {
    public long startOffset;
    public long length;
    /** {@code VixDiskLibBlockList *}, library-owned. */
    public Pointer areas;

    public VixDiskLibDiskChangeInfo() {
        super();
    }

    public VixDiskLibDiskChangeInfo(Pointer p) {
        super(p);
    }
}
