package io.github.vddk4j;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.jna.VixDiskLibBlock;
import io.github.vddk4j.jna.VixDiskLibBlockList;
import io.github.vddk4j.jna.VixDiskLibFunction;
import io.github.vddk4j.jna.VixDiskLibHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An open virtual disk ({@code VixDiskLibHandle}) from {@link Connection#open(String, OpenOption...)}.
 *
 * <p>Reads and writes move whole 512-byte sectors between the disk and a {@link ByteBuffer}: the
 * number of sectors is {@code buffer.remaining() / 512}, and the buffer's position advances like a
 * channel's. Direct buffers go to VDDK without a copy; heap buffers go through a reused
 * page-aligned direct buffer in 1 MiB chunks. For SAN transport (O_DIRECT) use
 * {@link #allocateBuffer(int)}, whose buffers are page-aligned.
 *
 * <p>Thread-safe by serialization: one handle never sees concurrent I/O (concurrent callers wait
 * for each other); use several handles for parallel I/O. A handle may be used from any thread.
 * {@link #close()} waits for a read or write in flight; any use after close raises
 * {@link IllegalStateException} without reaching native code.
 */
public final class DiskHandle implements AutoCloseable {
    /** {@code VIXDISKLIB_SECTOR_SIZE}: the unit of every offset and length. */
    public static final int SECTOR_SIZE = 512;
    /** {@code VIXDISKLIB_MIN_CHUNK_SIZE}: the smallest chunk of {@link #allocatedBlocks} (128 sectors, 64 KiB). */
    public static final long MIN_CHUNK_SECTORS = 128;
    /** {@code VIXDISKLIB_MAX_CHUNK_SIZE}: the largest chunk (128 Ki sectors, 64 MiB). */
    public static final long MAX_CHUNK_SECTORS = 128L * 1024;
    /** {@code VIXDISKLIB_MAX_CHUNK_NUMBER}: the most chunks one QueryAllocatedBlocks call may cover. */
    static final long MAX_CHUNKS_PER_CALL = 512L * 1024;

    private final Connection owner;
    private final NativeCalls calls;
    private final VixDiskLibHandle handle;
    private final String path;
    private final boolean readOnly;
    private final String transportModeName;
    private final long capacitySectors;
    private final ResourceGuard guard;
    private final SectorTransfer transfer = new SectorTransfer();
    private final AsyncIo async;

    DiskHandle(Connection owner, NativeCalls calls, VixDiskLibHandle handle, String path, boolean readOnly,
               String transportModeName, long capacitySectors) {
        this.owner = owner;
        this.calls = calls;
        this.handle = handle;
        this.path = path;
        this.readOnly = readOnly;
        this.transportModeName = transportModeName;
        this.capacitySectors = capacitySectors;
        this.guard = new ResourceGuard("DiskHandle for '" + path + "'");
        this.async = new AsyncIo(calls, path, calls.completionExecutor);
    }

    /** The path this disk was opened with. */
    public String path() {
        return path;
    }

    /** Whether writes are refused (opened with READ_ONLY or on a read-only connection). */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** The capacity in sectors, as GetInfo reported it at open. */
    public long capacitySectors() {
        return capacitySectors;
    }

    /**
     * The transport VDDK chose for this disk ({@code VixDiskLib_GetTransportMode}, copied at
     * open: VDDK's string is invalid after Close).
     *
     * @throws IllegalStateException if VDDK reported a mode vddk4j does not know (see
     *         {@link #transportModeName()})
     */
    public TransportMode transportMode() {
        return TransportMode.fromCName(transportModeName).orElseThrow(() -> new IllegalStateException(
                "VDDK reported transport mode '" + transportModeName + "', unknown to vddk4j; use transportModeName()"));
    }

    /** The transport name exactly as VDDK reported it, e.g. {@code "nbdssl"}. */
    public String transportModeName() {
        return transportModeName;
    }

    /**
     * {@code VixDiskLib_GetInfo}, copied into a record ({@code VixDiskLib_FreeInfo} always follows).
     *
     * @throws VddkCallException if GetInfo fails
     * @throws IllegalStateException after close
     */
    public DiskInfo info() {
        return guard.use(() -> Connection.readInfo(calls, handle, path));
    }

    /**
     * {@code VixDiskLib_Read}: reads {@code dst.remaining() / 512} sectors starting at
     * {@code startSector} into {@code dst} and advances its position to its limit. On failure of a
     * heap buffer's chunk, the position stays after the chunks already read.
     *
     * @throws IllegalArgumentException if {@code startSector} is negative, {@code dst.remaining()}
     *         is not a multiple of 512, the range passes the end of the disk, or {@code dst} is read-only
     * @throws VddkCallException if VDDK fails the read
     * @throws IllegalStateException after close
     */
    public void read(long startSector, ByteBuffer dst) {
        SectorTransfer.checkRange("read", startSector, dst, capacitySectors, true);
        guard.run(() -> transfer.read(startSector, dst, (s, n, address) ->
                calls.check("VixDiskLib_Read", path, () -> calls.dataPath.read(handle, s, n, address))));
    }

    /**
     * {@code VixDiskLib_Write}: writes {@code src.remaining() / 512} sectors from {@code src}
     * starting at {@code startSector} and advances its position to its limit.
     *
     * @throws IllegalArgumentException if {@code startSector} is negative, {@code src.remaining()}
     *         is not a multiple of 512, or the range passes the end of the disk
     * @throws IllegalStateException if this handle is read-only, or after close
     * @throws VddkCallException if VDDK fails the write (e.g. SAN transport on a non-SAN datastore)
     */
    public void write(long startSector, ByteBuffer src) {
        SectorTransfer.checkRange("write", startSector, src, capacitySectors, false);
        if (readOnly) {
            throw new IllegalStateException("cannot write to '" + path + "': it was opened read-only "
                    + "(OpenOption.READ_ONLY or a read-only connection); open it read-write on a read-write connection");
        }
        guard.run(() -> transfer.write(startSector, src, (s, n, address) ->
                calls.check("VixDiskLib_Write", path, () -> calls.dataPath.write(handle, s, n, address))));
    }

    /**
     * {@code VixDiskLib_ReadAsync}: queues a read of {@code dst.remaining() / 512} sectors into
     * {@code dst}, a <em>direct</em> buffer that VDDK fills after this method returns. The future
     * completes (on the common pool, never on VDDK's thread) when VDDK reports the result; then
     * {@code dst}'s position has advanced to its limit. Do not touch {@code dst} before that. For
     * nbd/nbdssl, several requests in flight are what makes throughput; {@link #awaitAsync()}
     * waits for all of them ({@code VixDiskLib_Wait}), and {@link #close()} does so first.
     *
     * @throws IllegalArgumentException for a heap buffer, and as {@link #read}
     * @throws VddkCallException if VDDK refuses the request
     * @throws VddkUnsupportedException if the loaded VDDK lacks ReadAsync
     * @throws IllegalStateException after close
     */
    public CompletableFuture<Void> readAsync(long startSector, ByteBuffer dst) {
        SectorTransfer.checkRange("readAsync", startSector, dst, capacitySectors, true);
        requireDirect("readAsync", dst);
        calls.require(VixDiskLibFunction.VixDiskLib_ReadAsync);
        return submitAsync("VixDiskLib_ReadAsync", startSector, dst, (address, cb, cbData) ->
                InsideVddk.call("VixDiskLib_ReadAsync", () -> calls.dataPath.readAsync(handle, startSector,
                        dst.remaining() / SECTOR_SIZE, address, cb, cbData)));
    }

    /**
     * {@code VixDiskLib_WriteAsync}: queues a write of {@code src.remaining() / 512} sectors from
     * {@code src}, a <em>direct</em> buffer VDDK reads after this method returns; see
     * {@link #readAsync}. Keep {@code src} unchanged until the future completes.
     *
     * @throws IllegalArgumentException for a heap buffer, and as {@link #write}
     * @throws IllegalStateException if this handle is read-only, or after close
     * @throws VddkCallException if VDDK refuses the request
     * @throws VddkUnsupportedException if the loaded VDDK lacks WriteAsync
     */
    public CompletableFuture<Void> writeAsync(long startSector, ByteBuffer src) {
        SectorTransfer.checkRange("writeAsync", startSector, src, capacitySectors, false);
        requireDirect("writeAsync", src);
        calls.require(VixDiskLibFunction.VixDiskLib_WriteAsync);
        if (readOnly) {
            throw new IllegalStateException("cannot write to '" + path + "': it was opened read-only");
        }
        return submitAsync("VixDiskLib_WriteAsync", startSector, src, (address, cb, cbData) ->
                InsideVddk.call("VixDiskLib_WriteAsync", () -> calls.dataPath.writeAsync(handle, startSector,
                        src.remaining() / SECTOR_SIZE, address, cb, cbData)));
    }

    /**
     * {@code VixDiskLib_Wait}: waits until every queued ReadAsync/WriteAsync on this handle has
     * completed, then until their futures have completed (each buffer's position has advanced):
     * when this returns, {@code isDone()} is true for every future submitted before the call.
     *
     * @throws VddkCallException if Wait fails
     * @throws VddkUnsupportedException if the loaded VDDK lacks Wait
     * @throws IllegalStateException after close
     * @throws InterruptedWaitException if interrupted while waiting
     */
    public void awaitAsync() {
        calls.require(VixDiskLibFunction.VixDiskLib_Wait);
        guard.run(() -> calls.check("VixDiskLib_Wait", path, () -> calls.lib.VixDiskLib_Wait(handle)));
        // VDDK has called back for every request; now wait for their completion work (the futures)
        async.awaitCompletionWork("the async requests of " + guard.description() + " to complete");
    }

    private CompletableFuture<Void> submitAsync(String function, long startSector, ByteBuffer buffer, AsyncIo.Submit call) {
        if (buffer.remaining() == 0) {
            guard.run(() -> { });
            return CompletableFuture.completedFuture(null);
        }
        return guard.use(() -> async.submit(function, startSector, buffer, call));
    }

    private static void requireDirect(String op, ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException(op + " needs a direct buffer (VDDK uses it after the call returns): "
                    + "use allocateBuffer(bytes) or ByteBuffer.allocateDirect");
        }
    }

    /**
     * {@code VixDiskLib_Flush}: makes written data durable.
     *
     * @throws VddkCallException if Flush fails
     * @throws IllegalStateException after close
     */
    public void flush() {
        guard.run(() -> calls.check("VixDiskLib_Flush", path, () -> calls.lib.VixDiskLib_Flush(handle)));
    }

    /**
     * {@link #allocatedBlocks(long, long, long)} over the whole disk with the smallest chunk
     * (128 sectors): the ranges a backup must read; what was never written is left out.
     */
    public List<BlockRange> allocatedBlocks() {
        return allocatedBlocks(0, capacitySectors, MIN_CHUNK_SECTORS);
    }

    /**
     * {@code VixDiskLib_QueryAllocatedBlocks}: the allocated ranges within
     * {@code [startSector, startSector + numSectors)}, at the granularity of {@code chunkSectors},
     * adjacent ranges merged, in order. VDDK accepts only whole chunks and at most 512 Ki chunks
     * per call: vddk4j splits the range into as few calls as possible (each call is slow on real
     * servers), queries the chunk-aligned part and reports a final partial chunk as allocated.
     * Every block list is freed with {@code VixDiskLib_FreeBlockList}.
     *
     * @param startSector  a multiple of {@code chunkSectors}
     * @param numSectors   how many sectors to look at (within the disk)
     * @param chunkSectors a power of two from 128 to 131072
     * @throws IllegalArgumentException for a chunk size VDDK rejects, an unaligned start or a
     *         range outside the disk
     * @throws VddkUnsupportedException if the loaded VDDK lacks QueryAllocatedBlocks
     * @throws VddkCallException if VDDK fails the query (e.g. a transport or disk type without it)
     * @throws IllegalStateException after close
     */
    public List<BlockRange> allocatedBlocks(long startSector, long numSectors, long chunkSectors) {
        if (chunkSectors < MIN_CHUNK_SECTORS || chunkSectors > MAX_CHUNK_SECTORS || Long.bitCount(chunkSectors) != 1) {
            throw new IllegalArgumentException("chunkSectors must be a power of two from " + MIN_CHUNK_SECTORS + " to "
                    + MAX_CHUNK_SECTORS + " (VIXDISKLIB_MIN/MAX_CHUNK_SIZE), was " + chunkSectors);
        }
        if (startSector < 0 || numSectors < 0 || startSector > capacitySectors || numSectors > capacitySectors - startSector) {
            throw new IllegalArgumentException("sectors " + SectorTransfer.describeRange(startSector, numSectors)
                    + " are not within the disk (capacity " + capacitySectors + " sectors)");
        }
        if (startSector % chunkSectors != 0) {
            throw new IllegalArgumentException("startSector " + startSector + " must be a multiple of chunkSectors "
                    + chunkSectors + " (VDDK queries whole chunks)");
        }
        calls.require(VixDiskLibFunction.VixDiskLib_QueryAllocatedBlocks);
        long aligned = numSectors / chunkSectors * chunkSectors;
        return guard.use(() -> {
            List<BlockRange> ranges = new ArrayList<>();
            long maxPerCall = MAX_CHUNKS_PER_CALL * chunkSectors;
            for (long s = startSector; s < startSector + aligned; s += maxPerCall) {
                long n = Math.min(maxPerCall, startSector + aligned - s);
                queryAllocated(s, n, chunkSectors, ranges);
            }
            if (aligned < numSectors) {
                add(ranges, new BlockRange(startSector + aligned, numSectors - aligned));
            }
            return List.copyOf(ranges);
        });
    }

    private void queryAllocated(long start, long num, long chunk, List<BlockRange> into) {
        PointerByReference out = new PointerByReference();
        calls.check("VixDiskLib_QueryAllocatedBlocks", path,
                () -> calls.lib.VixDiskLib_QueryAllocatedBlocks(handle, start, num, chunk, out));
        Pointer list = out.getValue();
        if (list == null) {
            throw new IllegalStateException("VixDiskLib_QueryAllocatedBlocks returned VIX_OK without a block list");
        }
        boolean copied = false;
        try {
            for (VixDiskLibBlock b : VixDiskLibBlockList.readBlocks(list)) {
                add(into, new BlockRange(b.offset, b.length));
            }
            copied = true;
        } finally {
            long err = calls.lib.VixDiskLib_FreeBlockList(list);
            if (copied && err != 0) {
                throw calls.failure("VixDiskLib_FreeBlockList", path, err, List.of());
            }
        }
    }

    private static void add(List<BlockRange> ranges, BlockRange r) {
        if (r.numSectors() == 0) {
            return;
        }
        if (!ranges.isEmpty()) {
            BlockRange last = ranges.get(ranges.size() - 1);
            if (last.endSector() == r.startSector()) {
                ranges.set(ranges.size() - 1, new BlockRange(last.startSector(), last.numSectors() + r.numSectors()));
                return;
            }
        }
        ranges.add(r);
    }

    /**
     * A direct buffer of {@code bytes} capacity whose memory starts on a 4096-byte page boundary,
     * as SAN transport's O_DIRECT I/O wants. Use multiples of 512 (ideally of 4096).
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public ByteBuffer allocateBuffer(int bytes) {
        return AlignedBuffers.allocate(bytes);
    }

    /** Whether {@link #close()} was called (or its connection closed). */
    public boolean isClosed() {
        return guard.isClosed();
    }

    /**
     * {@code VixDiskLib_Close}, after any read or write in flight finished. Idempotent once it
     * succeeded. If Close fails, the handle is "close failed": unusable ({@link #isClosed()} is
     * true, every use says to retry), still owned by its connection, and the next {@code close()}
     * (or its connection's, or the DiskLib's) calls Close again, so the disk can be unlocked
     * without ending the process.
     *
     * @throws VddkCallException if Close fails
     */
    @Override
    public void close() {
        RuntimeException[] waitFailure = {null};
        guard.close(() -> {
            try {
                if (async.wasUsed()) {
                    try {
                        calls.check("VixDiskLib_Wait", path, () -> calls.lib.VixDiskLib_Wait(handle));
                        async.failOutstanding("VDDK's Wait returned but never completed this request", true);
                        // completion work (error texts: VixDiskLib calls) must be done before Close and Exit
                        try {
                            async.awaitCompletionWork("the completion work of " + guard.description()
                                    + "'s async requests, to close it");
                        } catch (InterruptedWaitException interrupted) {
                            waitFailure[0] = interrupted; // still close; late error texts are refused after Exit
                        }
                    } catch (RuntimeException e) {
                        waitFailure[0] = e;
                        async.failOutstanding("DiskHandle for '" + path + "' was closed after VixDiskLib_Wait failed", false);
                    }
                }
                try {
                    LifecycleLock.run(() -> calls.check("VixDiskLib_Close", path, () -> calls.lib.VixDiskLib_Close(handle)));
                } catch (RuntimeException e) {
                    if (waitFailure[0] != null) {
                        e.addSuppressed(waitFailure[0]);
                        waitFailure[0] = null;
                    }
                    throw e; // "close failed": the handle stays with its connection, close() retries
                }
                transfer.release();
                owner.forget(this);
            } finally {
                java.lang.ref.Reference.reachabilityFence(async.callback());
            }
        });
        if (waitFailure[0] != null) {
            throw waitFailure[0]; // the handle is closed (Close succeeded): reported, never retried
        }
    }


    @Override
    public String toString() {
        return guard.description() + " via " + transportModeName + (readOnly ? ", read-only" : "")
                + (guard.isClosed() ? " (closed)" : "");
    }

    /** For tests: the raw handle. */
    VixDiskLibHandle rawHandle() {
        return Objects.requireNonNull(handle);
    }
}
