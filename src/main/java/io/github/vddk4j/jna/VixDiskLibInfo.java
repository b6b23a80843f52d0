package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * C {@code VixDiskLibInfo}, returned by {@code VixDiskLib_GetInfo} and freed with
 * {@code VixDiskLib_FreeInfo}. 64 bytes on VDDK 7 and later; 56 bytes before 7, where
 * {@code logicalSectorSize} and {@code physicalSectorSize} do not exist. Always read it through
 * {@link #read(Pointer, int)}, which never touches the absent fields (before 7 it copies the 56
 * existing bytes into Java-owned memory; the two string pointers still point into the library's
 * result, so copy them before {@code FreeInfo}).
 */
@Structure.FieldOrder({"biosGeo", "physGeo", "capacity", "adapterType", "numLinks",
        "parentFileNameHint", "uuid", "logicalSectorSize", "physicalSectorSize"})
public class VixDiskLibInfo extends Structure {
    public VixDiskLibGeometry biosGeo;
    public VixDiskLibGeometry physGeo;
    /** Capacity in sectors. */
    public long capacity;
    /** {@code VixDiskLibAdapterType}. */
    public int adapterType;
    public int numLinks;
    /** {@code char *}, library-owned, may be NULL. */
    public Pointer parentFileNameHint;
    /** {@code char *}, library-owned, may be NULL. */
    public Pointer uuid;
    /** VDDK 7 and later only (0 when read from an older library). */
    public int logicalSectorSize;
    /** VDDK 7 and later only (0 when read from an older library). */
    public int physicalSectorSize;

    private boolean hasSectorSizes;

    public VixDiskLibInfo() {
        super();
    }

    public VixDiskLibInfo(Pointer p) {
        super(p);
    }

    /** {@code sizeof(VixDiskLibInfo)} in a VDDK major version. */
    public static int sizeFor(int vddkMajor) {
        return vddkMajor >= 7 ? 64 : SIZE_BEFORE_7;
    }

    /** {@code sizeof(VixDiskLibInfo)} before VDDK 7. */
    public static final int SIZE_BEFORE_7 = 56;

    /** Whether the sector-size fields exist in the VDDK version this was read from. */
    public boolean hasSectorSizes() {
        return hasSectorSizes;
    }

    /**
     * Reads a library-owned {@code VixDiskLibInfo *}: every field for VDDK 7+, only the first 56
     * bytes before 7.
     *
     * @throws IllegalArgumentException if {@code p} is NULL
     */
    public static VixDiskLibInfo read(Pointer p, int vddkMajor) {
        if (p == null) {
            throw new IllegalArgumentException("VixDiskLibInfo pointer is NULL");
        }
        VixDiskLibInfo info;
        if (vddkMajor >= 7) {
            info = new VixDiskLibInfo(p);
            info.read();
            info.hasSectorSizes = true;
        } else {
            // copy exactly the 56 bytes that exist, into Java-owned memory of the full layout
            info = new VixDiskLibInfo();
            info.getPointer().write(0, p.getByteArray(0, SIZE_BEFORE_7), 0, SIZE_BEFORE_7);
            info.read();
            info.logicalSectorSize = 0;
            info.physicalSectorSize = 0;
        }
        return info;
    }

    /** {@code parentFileNameHint} copied as a Java string, or {@code null}. */
    public String parentFileNameHintString() {
        return parentFileNameHint == null ? null : parentFileNameHint.getString(0, "UTF-8");
    }

    /** {@code uuid} copied as a Java string, or {@code null}. */
    public String uuidString() {
        return uuid == null ? null : uuid.getString(0, "UTF-8");
    }
}
