package io.github.vddk4j.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * {@link VixDiskLibDataPath} through JNA direct mapping ({@code Native.register}): the natives take
 * only primitives (handle, buffer, completion callback and cbData as native addresses), so a call costs about one JNI transition
 * and no argument conversion or copying.
 *
 * <p>Direct mapping binds static natives of a class, so there is one binding per JVM: loading a
 * second, different library file re-registers the natives, and the data paths of the earlier load
 * then raise {@link IllegalStateException} instead of calling into the wrong library (VDDK allows one
 * library per process anyway). Loading the same file again shares the binding.
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
                                                long cb, long cbData);

        static native long VixDiskLib_WriteAsync(long handle, long startSector, long numSectors, long buf,
                                                 long cb, long cbData);
    }

    /** The library file the natives are bound to (one binding per JVM). */
    private static volatile String syncBoundTo;
    private static volatile String asyncBoundTo;

    private final String libraryPath;
    private final String bindingKey;
    private final int vddkMajor;
    private final boolean asyncAvailable;

    /**
     * Binds the natives to {@code library} (unless they are already bound to the same file).
     *
     * @throws UnsatisfiedLinkError if the library does not export VixDiskLib_Read/Write
     */
    public DirectVixDiskLibDataPath(NativeLibrary library, int vddkMajor) {
        this.libraryPath = library.getFile() != null ? library.getFile().getPath() : library.getName();
        this.bindingKey = bindingKey(library);
        this.vddkMajor = vddkMajor;
        synchronized (DirectVixDiskLibDataPath.class) {
            if (!bindingKey.equals(syncBoundTo)) {
                if (syncBoundTo != null) {
                    Native.unregister(SyncIo.class);
                    syncBoundTo = null;
                }
                Native.register(SyncIo.class, library);
                syncBoundTo = bindingKey;
            }
            if (!bindingKey.equals(asyncBoundTo)) {
                if (asyncBoundTo != null) {
                    Native.unregister(AsyncIo.class);
                    asyncBoundTo = null;
                }
                if (exports(library, "VixDiskLib_ReadAsync") && exports(library, "VixDiskLib_WriteAsync")) {
                    Native.register(AsyncIo.class, library);
                    asyncBoundTo = bindingKey;
                }
            }
            this.asyncAvailable = bindingKey.equals(asyncBoundTo);
        }
    }

    /** The file {@code library} is (canonical path): loads of the same file share a binding. */
    static String bindingKey(NativeLibrary library) {
        if (library.getFile() != null) {
            try {
                return library.getFile().getCanonicalPath();
            } catch (java.io.IOException e) {
                return library.getFile().getAbsolutePath();
            }
        }
        return library.getName();
    }

    /**
     * Fails if a later load bound the natives to another library file (they would call into it).
     * The FFM data path checks through this too.
     */
    void requireBound() {
        if (!bindingKey.equals(syncBoundTo)) {
            throw new IllegalStateException("this data path was bound to " + libraryPath
                    + ", but a later VixDiskLibLoader.load bound the direct-mapped natives to " + syncBoundTo
                    + "; only one VixDiskLib can be used per process");
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
        requireBound();
        return SyncIo.VixDiskLib_Read(handle.address(), startSector, numSectors, bufferAddress);
    }

    @Override
    public long write(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress) {
        requireBound();
        return SyncIo.VixDiskLib_Write(handle.address(), startSector, numSectors, bufferAddress);
    }

    @Override
    public long readAsync(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress,
                          long callback, long cbData) {
        requireAsync("VixDiskLib_ReadAsync");
        return AsyncIo.VixDiskLib_ReadAsync(handle.address(), startSector, numSectors, bufferAddress, callback, cbData);
    }

    @Override
    public long writeAsync(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress,
                           long callback, long cbData) {
        requireAsync("VixDiskLib_WriteAsync");
        return AsyncIo.VixDiskLib_WriteAsync(handle.address(), startSector, numSectors, bufferAddress, callback, cbData);
    }

    private void requireAsync(String function) {
        requireBound();
        if (!asyncAvailable) {
            throw new UnsupportedOperationException(
                    VixDiskLibFunction.valueOf(function).unsupportedMessage(libraryPath, String.valueOf(vddkMajor)));
        }
    }
}
