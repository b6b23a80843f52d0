package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** C {@code VixDiskLibGeometry} (12 bytes): {@code uint32 cylinders, heads, sectors}. */
@Structure.FieldOrder({"cylinders", "heads", "sectors"})
public class VixDiskLibGeometry extends Structure {
    public int cylinders;
    public int heads;
    public int sectors;

    public VixDiskLibGeometry() {
        super();
    }

    public VixDiskLibGeometry(Pointer p) {
        super(p);
    }
}
