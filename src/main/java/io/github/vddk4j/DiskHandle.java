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
import java.util.Optional;
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
    private final ChangeId changeId;
    private final HandleState state;
    /** The native calls of read/write, made once: the data path allocates nothing per call. */
    private final SectorTransfer.SectorCall nativeRead = this::readSectors;
    private final SectorTransfer.SectorCall nativeWrite = this::writeSectors;

    DiskHandle(Connection owner, NativeCalls calls, VixDiskLibHandle handle, String path, boolean readOnly,
               String transportModeName, long capacitySectors) {
        this(owner, calls, handle, path, readOnly, transportModeName, capacitySectors, null);
    }

    DiskHandle(Connection owner, NativeCalls calls, VixDiskLibHandle handle, String path, boolean readOnly,
               String transportModeName, long capacitySectors, ChangeId changeId) {
        this.owner = owner;
        this.calls = calls;
        this.handle = handle;
        this.path = path;
        this.readOnly = readOnly;
        this.transportModeName = transportModeName;
        this.capacitySectors = capacitySectors;
        this.guard = new ResourceGuard("DiskHandle for '" + path + "'");
        this.async = new AsyncIo(calls, handle, path, guard, calls.completionExecutor);
        this.changeId = changeId;
        this.state = new HandleState(owner.state(), calls, handle, path, guard, transfer, async);
        SafetyNet.register(this, state, SafetyNet.openedAt(calls.trackUnclosed, guard.description()));
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
        guard.enter();
        try {
            transfer.read(startSector, dst, nativeRead);
        } finally {
            guard.exit();
        }
    }

    /**
     * {@code VixDiskLib_Write}: writes {@code src.remaining() / 512} sectors from {@code src}
     * starting at {@code startSector} and advances its position to its limit.
     *
     * @throws IllegalArgumentException if {@code startSector} is negative, {@code src.remaining()}
     *         is not a multiple of 512, or the range passes the end of the disk
     * @throws IllegalStateException if this handle is read-only, after close, or if this handle
     *         already wrote asynchronously (VDDK refuses the mix with 26000)
     * @throws VddkCallException if VDDK fails the write (e.g. SAN transport on a non-SAN datastore)
     */
    public void write(long startSector, ByteBuffer src) {
        SectorTransfer.checkRange("write", startSector, src, capacitySectors, false);
        if (readOnly) {
            throw new IllegalStateException("cannot write to '" + path + "': it was opened read-only "
                    + "(OpenOption.READ_ONLY or a read-only connection); open it read-write on a read-write connection");
        }
        if (src.hasRemaining()) {
            async.claimWriteStyle(AsyncIo.WriteStyle.SYNC);
        }
        guard.enter();
        try {
            transfer.write(startSector, src, nativeWrite);
        } finally {
            guard.exit();
        }
    }

    private void readSectors(long startSector, long numSectors, long address) {
        calls.readOrWrite(false, handle, path, startSector, numSectors, address);
    }

    private void writeSectors(long startSector, long numSectors, long address) {
        calls.readOrWrite(true, handle, path, startSector, numSectors, address);
    }

    /**
     * {@code VixDiskLib_ReadAsync}: queues a read of {@code dst.remaining() / 512} sectors into
     * {@code dst}, a <em>direct</em> buffer that VDDK fills after this method returns. The future
     * completes (on the completion executor, or on a thread waiting for it in {@code join()}/{@code get()}
     * when that executor is the common pool; never on VDDK's thread) when VDDK reports the result; then
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
        return submitAsync(false, startSector, dst);
    }

    /**
     * {@code VixDiskLib_WriteAsync}: queues a write of {@code src.remaining() / 512} sectors from
     * {@code src}, a <em>direct</em> buffer VDDK reads after this method returns; see
     * {@link #readAsync}. Keep {@code src} unchanged until the future completes.
     *
     * @throws IllegalArgumentException for a heap buffer, and as {@link #write}
     * @throws IllegalStateException if this handle is read-only, after close, or if this handle
     *         already wrote synchronously (VDDK refuses the mix with 26000)
     * @throws InterruptedWaitException if interrupted while waiting for a free slot (see
     *         {@link #maxAsyncInFlight()})
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
        if (src.hasRemaining()) {
            async.claimWriteStyle(AsyncIo.WriteStyle.ASYNC);
        }
        return submitAsync(true, startSector, src);
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
        async.awaitCompletionWork("the async requests of " + guard.description() + " to complete", true);
    }

    private CompletableFuture<Void> submitAsync(boolean write, long startSector, ByteBuffer buffer) {
        if (buffer.remaining() == 0) {
            guard.run(() -> { });
            return CompletableFuture.completedFuture(null);
        }
        return async.submit(write, startSector, buffer);
    }

    /**
     * The bound of asynchronous requests in flight on this handle (default 64). When it is
     * reached, {@link #readAsync}/{@link #writeAsync} wait, interruptibly, until VDDK completes
     * one: back-pressure instead of an unbounded queue.
     */
    public int maxAsyncInFlight() {
        return async.maxInFlight();
    }

    /**
     * Sets the bound of asynchronous requests in flight on this handle.
     *
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public void setMaxAsyncInFlight(int max) {
        async.setMaxInFlight(max);
    }

    /** Asynchronous requests submitted on this handle and not yet completed by VDDK. */
    public int asyncInFlight() {
        return async.inFlight();
    }

    /** For tests: this handle's asynchronous I/O. */
    AsyncIo asyncIo() {
        return async;
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
                BlockRanges.append(ranges, new BlockRange(startSector + aligned, numSectors - aligned));
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
                BlockRanges.append(into, new BlockRange(b.offset, b.length));
            }
            copied = true;
        } finally {
            long err = InsideVddk.call("VixDiskLib_FreeBlockList", () -> calls.lib.VixDiskLib_FreeBlockList(list));
            if (copied && err != 0) {
                throw calls.failure("VixDiskLib_FreeBlockList", path, err, List.of());
            }
        }
    }

    /**
     * The disk's metadata ({@code ddb.*} entries): {@code VixDiskLib_GetMetadataKeys},
     * {@code ReadMetadata} and {@code WriteMetadata} through a map-like view.
     */
    public DiskMetadata metadata() {
        return new DiskMetadata(this, calls);
    }

    /** The change ID this disk was opened with ({@link Connection#open(String, ChangeId, OpenOption...)}). */
    public Optional<ChangeId> changeId() {
        return Optional.ofNullable(changeId);
    }

    /**
     * {@code VixDiskLib_QueryChangedAreas} (VDDK 9) over the whole disk: the ranges written since
     * the change ID this disk was opened with, in order, adjacent ranges merged. Every answer is
     * freed with {@code VixDiskLib_FreeChangedAreas}.
     *
     * @throws IllegalStateException if the disk was not opened with a change ID, or after close
     * @throws VddkCallException if VDDK fails, e.g. for a change ID that expired since the open
     * @throws VddkUnsupportedException if the loaded VDDK lacks the function (before 9.0)
     */
    public List<BlockRange> changedAreas() {
        return changedAreas(0, capacitySectors);
    }

    /**
     * {@link #changedAreas()} within {@code [startSector, startSector + numSectors)}.
     *
     * @throws IllegalArgumentException for a range outside the disk
     */
    public List<BlockRange> changedAreas(long startSector, long numSectors) {
        if (startSector < 0 || numSectors < 0 || startSector > capacitySectors || numSectors > capacitySectors - startSector) {
            throw new IllegalArgumentException("sectors [" + startSector + ", " + (startSector + numSectors)
                    + ") are not within the disk (capacity " + capacitySectors + " sectors)");
        }
        calls.require(VixDiskLibFunction.VixDiskLib_QueryChangedAreas);
        if (changeId == null) {
            throw new IllegalStateException("'" + path + "' was opened without a change ID: open it with "
                    + "Connection.open(path, ChangeId.of(...), ...) to query its changed areas");
        }
        return guard.use(() -> ChangedAreasQuery.query(calls, handle, path, startSector, startSector + numSectors));
    }

    /**
     * The connection this disk was opened on. With VDDK 9 (which has
     * {@code VixDiskLib_GetConnectionFromDisk}) VDDK is asked and must name the same connection;
     * older libraries are not asked.
     *
     * @throws VddkCallException if GetConnectionFromDisk fails
     * @throws IllegalStateException after close, or if VDDK names another connection
     */
    public Connection connection() {
        return guard.use(() -> {
            if (calls.capabilities.supports("VixDiskLib_GetConnectionFromDisk")) {
                com.sun.jna.ptr.PointerByReference out = new com.sun.jna.ptr.PointerByReference();
                calls.check("VixDiskLib_GetConnectionFromDisk", path,
                        () -> calls.lib.VixDiskLib_GetConnectionFromDisk(handle, out));
                if (!Objects.equals(out.getValue(), owner.rawConnection().getPointer())) {
                    throw new IllegalStateException("VixDiskLib_GetConnectionFromDisk names connection " + out.getValue()
                            + " for '" + path + "', not the one it was opened on (" + owner.rawConnection().getPointer() + ")");
                }
            }
            return owner;
        });
    }

    /** This handle's lock (disk management runs under it). */
    ResourceGuard guard() {
        return guard;
    }

    /**
     * VixDiskLib_Attach invalidated this (parent) handle: it counts as closed without a
     * VixDiskLib_Close, which would use the freed handle.
     */
    void invalidatedByAttach() {
        state.invalidatedByAttach();
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
        state.close();
    }

    /** The closing half of this handle (held by its connection and the {@link SafetyNet}). */
    HandleState state() {
        return state;
    }

    /**
     * The closing half of a handle, held by its connection and by the {@link SafetyNet}; it never
     * references the DiskHandle, so a forgotten handle can become unreachable and be closed.
     */
    static final class HandleState implements SafetyNet.State {
        private final Connection.ConnectionState owner;
        private final NativeCalls calls;
        private final VixDiskLibHandle handle;
        private final String path;
        private final ResourceGuard guard;
        private final SectorTransfer transfer;
        private final AsyncIo async;

        HandleState(Connection.ConnectionState owner, NativeCalls calls, VixDiskLibHandle handle, String path,
                    ResourceGuard guard, SectorTransfer transfer, AsyncIo async) {
            this.owner = owner;
            this.calls = calls;
            this.handle = handle;
            this.path = path;
            this.guard = guard;
            this.transfer = transfer;
            this.async = async;
        }

        @Override
        public ResourceGuard guard() {
            return guard;
        }

        /** Closed by VDDK (Attach): forgotten without a VixDiskLib_Close, which would use the freed handle. */
        void invalidatedByAttach() {
            guard.close(() -> {
                transfer.release();
                owner.forget(this);
            });
        }

        @Override
        public void close() {
            RuntimeException[] failure = {null};
            guard.close(() -> {
                try {
                    RuntimeException waitFailure = null;
                    if (async.wasUsed()) {
                        try {
                            calls.check("VixDiskLib_Wait", path, () -> calls.lib.VixDiskLib_Wait(handle));
                            async.failOutstanding("VDDK's Wait returned but never completed this request", true);
                            // completion work (error texts: VixDiskLib calls) must be done before Close and Exit
                            async.awaitCompletionWork("the completion work of " + guard.description()
                                    + "'s async requests, to close it", false);
                        } catch (RuntimeException e) {
                            waitFailure = e;
                            async.failOutstanding("DiskHandle for '" + path + "' was closed after VixDiskLib_Wait failed",
                                    false);
                        }
                    }
                    try {
                        LifecycleLock.release(() -> calls.check("VixDiskLib_Close", path,
                                () -> calls.lib.VixDiskLib_Close(handle)));
                    } catch (RuntimeException e) {
                        if (waitFailure != null) {
                            e.addSuppressed(waitFailure);
                        }
                        throw e; // "close failed": the handle stays with its connection, close() retries
                    }
                    transfer.release();
                    async.forgetBuffers();
                    owner.forget(this);
                    failure[0] = waitFailure;
                } finally {
                    java.lang.ref.Reference.reachabilityFence(async.callback());
                }
            });
            if (failure[0] != null) {
                throw failure[0]; // the handle is closed (Close succeeded): reported, never retried
            }
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
