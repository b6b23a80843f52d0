package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** C {@code VixDiskLibBlock} (16 bytes): {@code uint64 offset, uint64 length}, both in sectors. */
@Structure.FieldOrder({"offset", "length"})
public class VixDiskLibBlock extends Structure {
    public long offset;
    public long length;

    public VixDiskLibBlock() {
        super();
    }

    public VixDiskLibBlock(Pointer p) {
        super(p);
    }
}
