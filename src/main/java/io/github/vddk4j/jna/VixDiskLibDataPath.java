package io.github.vddk4j.jna;

/**
 * The VixDiskLib data path: Read/Write and ReadAsync/WriteAsync on native addresses, never on
 * {@code byte[]} (JNA would copy a whole array in and out on every call).
 *
 * <p>The loader's implementation is JNA <em>direct-mapped</em> ({@code Native.register}) with
 * primitive arguments; inject a mock for unit tests. {@code bufferAddress} is the native address of
 * at least {@code numSectors * 512} bytes, e.g. {@code Pointer.nativeValue(Native.getDirectBufferPointer(buf))}
 * of a direct {@link java.nio.ByteBuffer}, already advanced to the buffer's position. The caller keeps
 * the buffer (and, for async calls, the callback) reachable until the I/O has completed.
 * Every method returns the 64-bit {@code VixError}.
 */
public interface VixDiskLibDataPath {
    /** {@code VixDiskLib_Read(handle, startSector, numSectors, (uint8 *) bufferAddress)}. */
    long read(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress);

    /** {@code VixDiskLib_Write(handle, startSector, numSectors, (const uint8 *) bufferAddress)}. */
    long write(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress);

    /**
     * {@code VixDiskLib_ReadAsync(handle, startSector, numSectors, buf, (VixDiskLibCompletionCB) callback,
     * (void *) cbData)}: returns
     * {@link VixErrors#VIX_ASYNC} when queued (the callback reports the result).
     *
     * @throws UnsupportedOperationException if the loaded VDDK does not export it (before VDDK 6.0)
     */
    long readAsync(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress,
                   long callback, long cbData);

    /**
     * {@code VixDiskLib_WriteAsync(handle, startSector, numSectors, buf, (VixDiskLibCompletionCB) callback,
     * (void *) cbData)}.
     *
     * @throws UnsupportedOperationException if the loaded VDDK does not export it (before VDDK 6.0)
     */
    long writeAsync(VixDiskLibHandle handle, long startSector, long numSectors, long bufferAddress,
                    long callback, long cbData);
}
