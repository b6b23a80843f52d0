package io.github.vddk4j.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * {@link VixDiskLibDataPath} through JNA direct mapping ({@code Native.register}): the natives take
 * only primitives (handle and buffer as native addresses), so a call costs about one JNI transition
 * and no argument conversion or copying.
 *
 * <p>Direct mapping binds static natives of a class, so there is one binding per JVM: binding a
 * second, different library re-registers the natives (VDDK allows one library per process anyway).
 * Read/Write are bound at construction (every VDDK has them); ReadAsync/WriteAsync are bound when
 * exported, and otherwise raise {@link UnsupportedOperationException} at call time.
 */
public final class DirectVixDiskLibDataPath implements VixDiskLibDataPath {

    /** Direct-mapped {@code VixDiskLib_Read/Write} (VIXDISKLIB_1.0). */
    static final class SyncIo {
        private SyncIo() {}

        static native long VixDiskLib_Read(long handle, long startSector, long numSectors, long buf);

        static native long VixDiskLib_Write(long handle, long startSector, long numSectors, long buf);
    }

    /** Direct-mapped {@code VixDiskLib_ReadAsync/WriteAsync} (VIXDISKLIB_6.0). */
    static final class AsyncIo {
        private AsyncIo() {}

        static native long VixDiskLib_ReadAsync(long handle, long startSector, long numSectors, long buf,
                                                VixDiskLibCompletionCB cb, Pointer cbData);

        static native long VixDiskLib_WriteAsync(long handle, long startSector, long numSectors, long buf,
                                                 VixDiskLibCompletionCB cb, Pointer cbData);
    }

    private static NativeLibrary syncBoundTo;
    private static NativeLibrary asyncBoundTo;

    private final String libraryPath;
    private final int vddkMajor;
    private final boolean asyncAvailable;

    /**
     * Binds the natives to {@code library}.
     *
     * @throws UnsatisfiedLinkError if the library does not export VixDiskLib_Read/Write
     */
    public DirectVixDiskLibDataPath(NativeLibrary library, int vddkMajor) {
        this.libraryPath = library.getFile() != null ? library.getFile().getPath() : library.getName();
        this.vddkMajor = vddkMajor;
        synchronized (DirectVixDiskLibDataPath.class) {
            if (syncBoundTo != library) {
                if (syncBoundTo != null) {
                    Native.unregister(SyncIo.class);
                    syncBoundTo = null;
                }
                Native.register(SyncIo.class, library);
                syncBoundTo = library;
            }
            if (asyncBoundTo != library) {
                if (asyncBoundTo != null) {
                    Native.unregister(AsyncIo.class);
                    asyncBoundTo = null;
                }
                if (exports(library, "VixDiskLib_ReadAsync") && exports(library, "VixDiskLib_WriteAsync")) {
                    Native.register(AsyncIo.class, library);
                    asyncBoundTo = library;
                }
            }
            this.asyncAvailable = asyncBoundTo == library;
        }
    }

    private static boolean exports(NativeLibrary library, String name) {
        try {
            library.getFunction(name);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    @Override
    public long read(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress) {
        return SyncIo.VixDiskLib_Read(handle.address(), startSector, numSectors, bufferAddress);
    }

    @Override
    public long write(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress) {
        return SyncIo.VixDiskLib_Write(handle.address(), startSector, numSectors, bufferAddress);
    }

    @Override
    public long readAsync(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress,
                          VixDiskLibCompletionCB callback, Pointer cbData) {
        requireAsync("VixDiskLib_ReadAsync");
        return AsyncIo.VixDiskLib_ReadAsync(handle.address(), startSector, numSectors, bufferAddress, callback, cbData);
    }

    @Override
    public long writeAsync(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress,
                           VixDiskLibCompletionCB callback, Pointer cbData) {
        requireAsync("VixDiskLib_WriteAsync");
        return AsyncIo.VixDiskLib_WriteAsync(handle.address(), startSector, numSectors, bufferAddress, callback, cbData);
    }

    private void requireAsync(String function) {
        if (!asyncAvailable) {
            throw new UnsupportedOperationException(
                    VixDiskLibFunctionVersions.unsupportedMessage(function, libraryPath, vddkMajor));
        }
    }
}
