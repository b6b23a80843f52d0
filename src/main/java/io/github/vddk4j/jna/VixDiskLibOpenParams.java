package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * C {@code VixDiskLibOpenParams} (VDDK 9.0, 24 bytes): {@code char *path @0; uint32 flags @8;
 * char *changeId @16}. Allocated by Java for {@code VixDiskLib_OpenEx}; the strings are kept alive by
 * this Structure (JNA copies them to native memory it owns).
 */
@Structure.FieldOrder({"path", "flags", "changeId"})
public class VixDiskLibOpenParams extends Structure {
    public String path;
    /** {@code VIXDISKLIB_FLAG_OPEN_*}. */
    public int flags;
    /** Change ID for changed-block tracking, may be {@code null}. */
    public String changeId;

    public VixDiskLibOpenParams() {
        super();
        setStringEncoding("UTF-8");
    }

    public VixDiskLibOpenParams(Pointer p) {
        super(p);
        setStringEncoding("UTF-8");
    }
}
