package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ReadAsync/WriteAsync/Wait through the native path: the stub completes requests on its own worker
 * threads, in any order, and calls vddk4j's JNA callback from there.
 */
class AsyncIoStubTest extends LocalStubConnectionTest {
    private static final int BLOCK = 64 * 1024;
    private static final int SECTORS_PER_BLOCK = BLOCK / 512;

    @BeforeAll
    static void asyncIoIsExported() {
        assertTrue(SharedDiskLib.get().capabilities().supportsAsyncIo());
    }

    private static DiskHandle newDisk(String name, long sectors) {
        return conn.open(Stub.createDisk(dir.resolve(name + ".vmdk"), sectors).toString());
    }

    private static ByteBuffer block(DiskHandle d, long seed) {
        ByteBuffer b = d.allocateBuffer(BLOCK);
        byte[] data = new byte[BLOCK];
        new Random(seed).nextBytes(data);
        b.put(data).flip();
        return b;
    }

    private static List<Thread> completionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(AsyncIo.COMPLETION_THREAD_NAME)).toList();
    }

    @Test
    void writesAndReadsCompleteFromTheStubsThreadsWithEveryByteInPlace() throws Exception {
        int blocks = 64;
        try (DiskHandle d = newDisk("roundtrip", (long) blocks * SECTORS_PER_BLOCK)) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            List<ByteBuffer> sources = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                ByteBuffer src = block(d, i);
                sources.add(src);
                writes.add(d.writeAsync((long) i * SECTORS_PER_BLOCK, src));
            }
            d.awaitAsync();
            for (int i = 0; i < blocks; i++) {
                assertTrue(writes.get(i).isDone(), "awaitAsync returns after every future completed");
                assertFalse(sources.get(i).hasRemaining(), "a completed write advanced its buffer");
            }
            List<ByteBuffer> reads = new ArrayList<>();
            List<CompletableFuture<Void>> readFutures = new ArrayList<>();
            for (int i = blocks - 1; i >= 0; i--) {
                ByteBuffer dst = d.allocateBuffer(BLOCK);
                reads.add(0, dst);
                readFutures.add(d.readAsync((long) i * SECTORS_PER_BLOCK, dst));
            }
            CompletableFuture.allOf(readFutures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < blocks; i++) {
                byte[] expected = new byte[BLOCK];
                new Random(i).nextBytes(expected);
                byte[] actual = new byte[BLOCK];
                reads.get(i).flip().get(actual);
                assertArrayEquals(expected, actual, "block " + i);
            }
            ByteBuffer sync = d.allocateBuffer(BLOCK);
            d.read(0, sync); // reads mix freely with asynchronous I/O
        }
        List<Thread> threads = completionThreads();
        // still attached after the last completion: JNA attached each worker once (detach=false); a
        // per-callback attach would have detached them again and left no such thread
        assertFalse(threads.isEmpty(), "the stub's worker threads delivered the completions and stay attached");
        assertTrue(threads.size() <= 4, "attached once per native worker thread, not once per callback: " + threads.size());
        assertTrue(threads.stream().allMatch(Thread::isDaemon), "callback threads never keep the JVM alive");
    }

    @Test
    void continuationsNeverRunOnVddksThreadsWhetherAWaiterOrThePoolFinishesTheRequest() throws Exception {
        int depth = 16;
        java.util.Set<String> continuationThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (DiskHandle d = newDisk("continuations", 2048)) {
            ByteBuffer[] bufs = new ByteBuffer[depth];
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                bufs[i] = d.allocateBuffer(4096);
                inFlight.add(null);
            }
            for (int n = 0; n < 2_000; n++) { // as the benchmark: join the oldest, reuse its buffer
                int slot = n % depth;
                if (inFlight.get(slot) != null) {
                    inFlight.get(slot).join();
                }
                bufs[slot].clear();
                CompletableFuture<Void> f = d.readAsync((n % 256) * 8L, bufs[slot]);
                f.thenRun(() -> continuationThreads.add(Thread.currentThread().getName()));
                inFlight.set(slot, f);
            }
            d.awaitAsync();
        }
        assertFalse(continuationThreads.isEmpty());
        assertFalse(continuationThreads.contains(AsyncIo.COMPLETION_THREAD_NAME),
                "a continuation ran inside VDDK's callback: " + continuationThreads);
    }

    @Test
    void theBoundOnRequestsInFlightHoldsAgainstRealCompletions() throws Exception {
        try (DiskHandle d = newDisk("bound", 256L * SECTORS_PER_BLOCK)) {
            d.setMaxAsyncInFlight(3);
            int max = 0;
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                futures.add(d.readAsync((long) i * SECTORS_PER_BLOCK, d.allocateBuffer(BLOCK)));
                max = Math.max(max, d.asyncInFlight());
            }
            d.awaitAsync();
            assertTrue(max <= 3, "in flight at most 3, was " + max);
            assertTrue(futures.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
            assertEquals(0, d.asyncInFlight());
        }
    }

    @Test
    void aSyncWriteAfterAsyncWritesIsRefusedInJavaSayingWhy() {
        try (DiskHandle d = newDisk("mixed", 1024)) {
            d.writeAsync(0, block(d, 1));
            d.awaitAsync();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.write(0, block(d, 2)));
            assertTrue(e.getMessage().contains("VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED, 26000"), e.getMessage());
        }
        try (DiskHandle d = conn.open(dir.resolve("mixed.vmdk").toString())) {
            d.write(0, block(d, 3));
            assertThrows(IllegalStateException.class, () -> d.writeAsync(0, block(d, 4)));
        }
    }

    @Test
    void aFaultDeliveredThroughTheCallbackFailsThatFutureOnly() throws Exception {
        try (DiskHandle d = newDisk("fault", 1024)) {
            Stub.injectFault("VixDiskLib_ReadAsync", 2, 16000);
            CompletableFuture<Void> first = d.readAsync(0, d.allocateBuffer(BLOCK));
            ByteBuffer failedBuffer = d.allocateBuffer(BLOCK);
            CompletableFuture<Void> second = d.readAsync(SECTORS_PER_BLOCK, failedBuffer);
            CompletableFuture<Void> third = d.readAsync(2 * SECTORS_PER_BLOCK, d.allocateBuffer(BLOCK));
            d.awaitAsync();
            first.get(10, TimeUnit.SECONDS);
            third.get(10, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS));
            VddkCallException v = assertInstanceOf(VddkCallException.class, e.getCause());
            assertEquals("VixDiskLib_ReadAsync", v.function());
            assertEquals(16000, v.code());
            assertEquals(0, failedBuffer.position(), "a failed read does not advance its buffer");
        }
    }

    @Test
    void closeWithRequestsInFlightCompletesThemAll() throws Exception {
        AtomicInteger completed = new AtomicInteger();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        DiskHandle d = newDisk("close", 64L * SECTORS_PER_BLOCK);
        for (int i = 0; i < 64; i++) {
            futures.add(d.readAsync((long) i * SECTORS_PER_BLOCK, d.allocateBuffer(BLOCK)).thenRun(completed::incrementAndGet));
        }
        d.close();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(64, completed.get());
    }

    @Test
    void awaitAsyncReturnsOnlyWhenEveryFutureHasCompletedAndItsBufferAdvanced() {
        int notDone = 0;
        int notAdvanced = 0;
        try (DiskHandle d = newDisk("await", 2048)) {
            ByteBuffer buf = d.allocateBuffer(4096);
            for (int round = 0; round < 500; round++) {
                buf.clear();
                CompletableFuture<Void> f = d.writeAsync((round % 256) * 8L, buf);
                d.awaitAsync();
                notDone += f.isDone() ? 0 : 1;
                notAdvanced += buf.hasRemaining() ? 1 : 0;
            }
        }
        assertEquals(0, notDone, "futures not done after awaitAsync returned");
        assertEquals(0, notAdvanced, "buffers whose position had not advanced after awaitAsync returned");
    }

    @Test
    void aFailedWriteAsyncAndAFailedWaitNameTheirFunctionAndTheHandleStillCloses() throws Exception {
        DiskHandle d = newDisk("wait-fault", 1024);
        Stub.injectFault("VixDiskLib_WriteAsync", 1, 16000);
        CompletableFuture<Void> failed = d.writeAsync(0, block(d, 5));
        ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
        assertEquals("VixDiskLib_WriteAsync", assertInstanceOf(VddkCallException.class, e.getCause()).function());
        CompletableFuture<Void> ok = d.writeAsync(SECTORS_PER_BLOCK, block(d, 6));
        Stub.injectFault("VixDiskLib_Wait", 1, 2);
        VddkCallException w = assertThrows(VddkCallException.class, d::awaitAsync);
        assertEquals("VixDiskLib_Wait", w.function());
        d.close(); // waits again (VDDK's Wait now works), then closes
        ok.get(10, TimeUnit.SECONDS);
        assertEquals(0, Stub.counter("handles"));
    }
}
