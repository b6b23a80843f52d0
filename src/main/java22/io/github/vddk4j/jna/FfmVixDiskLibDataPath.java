package io.github.vddk4j.jna;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * {@link VixDiskLibDataPath} whose sync {@code VixDiskLib_Read/Write} are Foreign Function &amp;
 * Memory downcalls (Java 22+): no JNA dispatch, no libffi, no JNI exception check, no object per
 * call. ReadAsync/WriteAsync are delegated to the JNA data path (their callbacks are JNA callbacks).
 *
 * <p>Signature. C: {@code VixError VixDiskLib_Read(VixDiskLibHandle, VixDiskLibSectorType,
 * VixDiskLibSectorType, uint8 *)}, where {@code VixError} and {@code VixDiskLibSectorType} are
 * {@code uint64} and the handle is a pointer. The downcalls are linked as
 * {@code (long, long, long, long) -> long}, the handle and buffer passed as their 64-bit addresses:
 * on LP64 platforms, both x86-64 (System V ABI: the first integer-class arguments in rdi, rsi, rdx,
 * rcx, the result in rax) and aarch64 (AAPCS64: x0..x3 and x0), a pointer and a 64-bit integer are
 * one INTEGER-class, 8-byte argument in the same register, so the callee cannot tell them apart.
 * {@code JAVA_LONG} instead of {@code ADDRESS} saves making a {@link MemorySegment} for each call.
 * The constructor checks {@code ADDRESS} is 8 bytes (LP64) and otherwise refuses, and the loader
 * then uses JNA.
 *
 * <p>Not {@code Linker.Option.critical}: a critical downcall does not leave the Java thread state,
 * so the JVM cannot reach a safepoint (GC, deoptimisation) while it runs: every other Java thread
 * that reaches one would wait for the call to return, and a VDDK read over NBD/NBDSSL, or from a
 * stalled datastore, can block for seconds or minutes. An ordinary downcall already costs a small
 * fraction of JNA's.
 *
 * <p>One binding per JVM, as for {@link DirectVixDiskLibDataPath}: the method handles are the
 * targets of process-wide call sites (so the JIT treats them as constants), retargeted by each load;
 * every call first checks that no later load bound another library, through the JNA data path's
 * check and that the call sites still target this object's library file
 * ({@link IllegalStateException} otherwise, as with JNA). The function addresses come from the JNA
 * {@link NativeLibrary} the loader opened, so this is the very same loaded library (no second
 * {@code dlopen}); this object keeps that library reachable so that JNA never closes it under a
 * downcall.
 */
@SuppressWarnings("restricted") // Linker.downcallHandle: vddk4j's module needs native access, as JNA does
final class FfmVixDiskLibDataPath implements VixDiskLibDataPath {
    private static final FunctionDescriptor SYNC_IO = FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
    private static final MethodType SYNC_IO_TYPE = SYNC_IO.toMethodType();
    private static final MutableCallSite READ_SITE = new MutableCallSite(SYNC_IO_TYPE);
    private static final MutableCallSite WRITE_SITE = new MutableCallSite(SYNC_IO_TYPE);
    private static final MethodHandle READ = READ_SITE.dynamicInvoker();
    private static final MethodHandle WRITE = WRITE_SITE.dynamicInvoker();
    /** The library file READ_SITE and WRITE_SITE call into. */
    private static volatile String sitesBoundTo;

    private final DirectVixDiskLibDataPath jna;
    private final String boundTo;
    /** Held so that the library stays loaded while this data path exists. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final NativeLibrary library;

    /**
     * Links the downcalls to {@code library}'s VixDiskLib_Read/Write.
     *
     * @param jna the JNA data path bound to the same library (binding check, async calls)
     * @throws IllegalCallerException if native access is denied to vddk4j's module
     * @throws UnsupportedOperationException on a platform whose pointers are not 64-bit
     * @throws UnsatisfiedLinkError if the library lacks VixDiskLib_Read/Write
     */
    FfmVixDiskLibDataPath(NativeLibrary library, DirectVixDiskLibDataPath jna) {
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES) {
            throw new UnsupportedOperationException("the FFM data path passes pointers as 64-bit integers (LP64),"
                    + " but pointers are " + ValueLayout.ADDRESS.byteSize() + " bytes here");
        }
        Linker linker = Linker.nativeLinker();
        MethodHandle read = linker.downcallHandle(function(library, "VixDiskLib_Read"), SYNC_IO);
        MethodHandle write = linker.downcallHandle(function(library, "VixDiskLib_Write"), SYNC_IO);
        this.library = library;
        this.jna = jna;
        this.boundTo = DirectVixDiskLibDataPath.bindingKey(library);
        synchronized (FfmVixDiskLibDataPath.class) {
            READ_SITE.setTarget(read);
            WRITE_SITE.setTarget(write);
            MutableCallSite.syncAll(new MutableCallSite[] {READ_SITE, WRITE_SITE});
            sitesBoundTo = boundTo;
        }
    }

    private static MemorySegment function(NativeLibrary library, String name) {
        return MemorySegment.ofAddress(Pointer.nativeValue(library.getFunction(name)));
    }

    @Override
    public long read(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress) {
        return call(false, handle, startSector, numSectors, bufferAddress);
    }

    @Override
    public long write(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress) {
        return call(true, handle, startSector, numSectors, bufferAddress);
    }

    /** The downcall, after the binding check; READ and WRITE stay constants for the JIT. */
    private long call(boolean write, VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress) {
        jna.requireBound();
        if (!boundTo.equals(sitesBoundTo)) {
            throw new IllegalStateException("this data path was bound to " + boundTo + ", but a later"
                    + " VixDiskLibLoader.load bound the FFM downcalls to " + sitesBoundTo
                    + "; only one VixDiskLib can be used per process");
        }
        try {
            return write ? (long) WRITE.invokeExact(handle.address(), startSector, numSectors, bufferAddress)
                    : (long) READ.invokeExact(handle.address(), startSector, numSectors, bufferAddress);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    /** A downcall throws nothing checked; anything else passes through unchanged. */
    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("unexpected exception from a downcall", t);
    }

    @Override
    public long readAsync(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress,
                          long callback, long cbData) {
        return jna.readAsync(handle, startSector, numSectors, bufferAddress, callback, cbData);
    }

    @Override
    public long writeAsync(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress,
                           long callback, long cbData) {
        return jna.writeAsync(handle, startSector, numSectors, bufferAddress, callback, cbData);
    }
}
