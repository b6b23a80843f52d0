package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/**
 * C {@code VixDiskLibHandle}: an opaque pointer to an open disk made by {@code VixDiskLib_Open}
 * (or {@code VixDiskLib_OpenEx}), released by {@code VixDiskLib_Close}. Out-parameters come back
 * through a {@link com.sun.jna.ptr.PointerByReference}; wrap its value with
 * {@link #VixDiskLibHandle(Pointer)}.
 */
public final class VixDiskLibHandle extends PointerType {
    /** A NULL handle (JNA needs a public no-argument constructor). */
    public VixDiskLibHandle() {
        super();
    }

    /** Wraps the address returned by the library. */
    public VixDiskLibHandle(Pointer address) {
        super(address);
    }

    /** The raw native address of this handle (0 for NULL), as the direct-mapped data path takes it. */
    public long address() {
        return Pointer.nativeValue(getPointer());
    }
}
