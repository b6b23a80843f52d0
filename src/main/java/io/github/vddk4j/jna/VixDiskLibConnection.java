package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/**
 * C {@code VixDiskLibConnection}: an opaque pointer to a connection made by
 * {@code VixDiskLib_ConnectEx}/{@code VixDiskLib_Connect}, released by {@code VixDiskLib_Disconnect}.
 * Out-parameters come back through a {@link com.sun.jna.ptr.PointerByReference}; wrap its value with
 * {@link #VixDiskLibConnection(Pointer)}.
 */
public final class VixDiskLibConnection extends PointerType {
    /** A NULL connection (JNA needs a public no-argument constructor). */
    public VixDiskLibConnection() {
        super();
    }

    /** Wraps the address returned by the library. */
    public VixDiskLibConnection(Pointer address) {
        super(address);
    }
}
