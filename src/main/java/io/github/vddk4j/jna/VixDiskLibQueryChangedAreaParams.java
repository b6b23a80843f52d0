package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** C {@code VixDiskLibQueryChangedAreaParams} (VDDK 9.0, 8 bytes): {@code uint64 startOffset}. */
@Structure.FieldOrder({"startOffset"})
public class VixDiskLibQueryChangedAreaParams extends Structure {
    public long startOffset;

    public VixDiskLibQueryChangedAreaParams() {
        super();
    }

    public VixDiskLibQueryChangedAreaParams(Pointer p) {
        super(p);
    }
}
