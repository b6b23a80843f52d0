package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the async data path lean (issue 11): at depth 16 through the stub, as the benchmark does
 * (a buffer is reused once its previous request's future completed), a request allocates nothing
 * but its returned future on the submitting thread (no map entry, no boxed id, no {@code Pointer},
 * no lambda; the buffer's address is remembered by the slot that last carried it), and the request
 * slots are reused rather than one made per request; a slot remembers its last buffer only weakly,
 * so fresh buffers per request are not kept alive by the handle.
 */
@ExtendWith(StubLeakCheck.class)
class AsyncAllocationTest {
    private static final int DEPTH = 16;
    private static final int REQUESTS = 10_000;
    /** The returned future: 40 bytes with compressed references (measured), 64 without. */
    private static final long MAX_BYTES_PER_REQUEST = 64;

    @TempDir
    static Path dir;

    @Test
    void tenThousandRequestsAtDepth16AllocateAboutTheirFutureAndReuseTheirSlots() throws Exception {
        Path disk = Stub.createDisk(dir.resolve("async-alloc.vmdk"), 2048);
        try (Connection c = SharedDiskLib.get().connect(ConnectParams.local());
             DiskHandle d = c.open(disk.toString(), OpenOption.READ_ONLY)) {
            ByteBuffer[] bufs = new ByteBuffer[DEPTH];
            for (int i = 0; i < DEPTH; i++) {
                bufs[i] = d.allocateBuffer(4096);
            }
            CompletableFuture<?>[] inFlight = new CompletableFuture<?>[DEPTH];
            readAtDepth(d, bufs, inFlight, 2_000); // thread-locals, class loading, slot table
            long before = allocatedBytes();
            readAtDepth(d, bufs, inFlight, REQUESTS);
            long perRequest = (allocatedBytes() - before) / REQUESTS;
            d.awaitAsync();
            for (CompletableFuture<?> f : inFlight) {
                assertTrue(f.isDone() && !f.isCompletedExceptionally());
            }
            assertTrue(perRequest <= MAX_BYTES_PER_REQUEST, "readAsync allocated " + perRequest + " bytes per request");
            assertTrue(d.asyncIo().slotCount() <= 2 * DEPTH, "slots are reused: " + d.asyncIo().slotCount() + " made for "
                    + (REQUESTS + 2_000) + " requests at depth " + DEPTH);
            assertEquals(0, d.asyncInFlight());
        }
    }

    @Test
    void freshBuffersPerRequestAreCollectableOnceDroppedWhileTheHandleStaysOpen() throws Exception {
        Path disk = Stub.createDisk(dir.resolve("async-fresh.vmdk"), 2048);
        try (Connection c = SharedDiskLib.get().connect(ConnectParams.local());
             DiskHandle d = c.open(disk.toString(), OpenOption.READ_ONLY)) {
            List<WeakReference<ByteBuffer>> dropped = new ArrayList<>();
            CompletableFuture<?>[] inFlight = new CompletableFuture<?>[DEPTH];
            for (int n = 0; n < 4 * DEPTH; n++) {
                int slot = n % DEPTH;
                if (inFlight[slot] != null) {
                    inFlight[slot].join();
                }
                ByteBuffer b = d.allocateBuffer(4096); // a fresh buffer per request
                dropped.add(new WeakReference<>(b));
                inFlight[slot] = d.readAsync(n * 8L, b);
            }
            d.awaitAsync();
            Arrays.fill(inFlight, null);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (dropped.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(10);
            }
            long reachable = dropped.stream().filter(r -> r.get() != null).count();
            assertEquals(0, reachable, reachable + " of " + dropped.size() + " dropped buffers are still reachable"
                    + " while the handle is open (the request slots must not keep them)");
        }
    }

    private static void readAtDepth(DiskHandle d, ByteBuffer[] bufs, CompletableFuture<?>[] inFlight, int requests) {
        for (int n = 0; n < requests; n++) {
            int slot = n % DEPTH;
            if (inFlight[slot] != null) {
                inFlight[slot].join();
            }
            ByteBuffer b = bufs[slot];
            b.clear();
            inFlight[slot] = d.readAsync((n % 256) * 8L, b);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
