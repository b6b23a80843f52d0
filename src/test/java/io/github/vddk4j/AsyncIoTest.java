package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** ReadAsync/WriteAsync/Wait over mocks: buffer lifetime, completion threads, close ordering. */
class AsyncIoTest {
    private final FakeVddk vddk = new FakeVddk();
    private DiskLib lib;

    /** Completions the fake has not delivered yet: {callback, cbData}. */
    private final List<Object[]> held = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (lib != null) {
            lib.close();
        }
        assertEquals(Map.of(), vddk.outstanding);
    }

    private DiskHandle open(OpenOption... options) {
        lib = vddk.open();
        return lib.connect(ConnectParams.local()).open("/a.vmdk", options);
    }

    /** The fake completes reads from its own thread after filling the buffer with 0x42. */
    private void completeReadsFromALibraryThread() {
        doAnswer(inv -> {
            long n = inv.getArgument(2);
            long address = inv.getArgument(3);
            long cb = inv.getArgument(4);
            long cbData = inv.getArgument(5);
            Thread t = new Thread(() -> {
                byte[] data = new byte[(int) n * 512];
                java.util.Arrays.fill(data, (byte) 0x42);
                new Pointer(address).write(0, data, 0, data.length);
                NativeCompletion.invoke(cb, cbData, 0);
            }, "vddk-fake-completion");
            t.start();
            return 25000L;
        }).when(vddk.dataPath).readAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
    }

    /** The fake queues writes and completes them only when Wait is called. */
    private void holdWritesUntilWait(long waitResult) {
        doAnswer(inv -> {
            held.add(new Object[] {inv.getArgument(4), inv.getArgument(5)});
            return 25000L;
        }).when(vddk.dataPath).writeAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        doAnswer(inv -> {
            if (waitResult == 0) {
                for (Object[] h : held) {
                    NativeCompletion.invoke((Long) h[0], (Long) h[1], 0);
                }
                held.clear();
            }
            return waitResult;
        }).when(vddk.lib).VixDiskLib_Wait(any());
    }

    @Test
    void readAsyncCompletesFromALibraryThreadAndAdvancesThePosition() throws Exception {
        completeReadsFromALibraryThread();
        DiskHandle d = open();
        ByteBuffer buf = d.allocateBuffer(8192);
        buf.position(4096);
        AtomicReference<String> continuationThread = new AtomicReference<>();
        CompletableFuture<Void> f = d.readAsync(10, buf);
        f.thenRun(() -> continuationThread.set(Thread.currentThread().getName())).get(10, TimeUnit.SECONDS);
        assertEquals(8192, buf.position());
        assertEquals(0x42, buf.get(4096));
        assertEquals(0, buf.get(0));
        assertNotEquals("vddk-fake-completion", continuationThread.get(), "user code must not run on VDDK's thread");
        verify(vddk.dataPath).readAsync(any(), eq(10L), eq(8L), anyLong(), anyLong(), anyLong());
    }

    @Test
    void completionInsideTheSubmittingCallIsHandled() throws Exception {
        doAnswer(inv -> {
            NativeCompletion.invoke(inv.getArgument(4), inv.getArgument(5), 0);
            return 25000L;
        }).when(vddk.dataPath).readAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        DiskHandle d = open();
        ByteBuffer buf = ByteBuffer.allocateDirect(512);
        d.readAsync(0, buf).get(10, TimeUnit.SECONDS);
        assertEquals(512, buf.position());
    }

    @Test
    void failedCompletionFailsTheFutureWithTheErrorAndItsText() {
        doAnswer(inv -> {
            NativeCompletion.invoke(inv.getArgument(4), inv.getArgument(5), 30028L);
            return 25000L;
        }).when(vddk.dataPath).readAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        DiskHandle d = open();
        ByteBuffer buf = ByteBuffer.allocateDirect(512);
        ExecutionException e = assertThrows(ExecutionException.class, () -> d.readAsync(0, buf).get(10, TimeUnit.SECONDS));
        VddkCallException v = assertInstanceOf(VddkCallException.class, e.getCause());
        assertEquals(VixErrorCode.VIX_E_NET_HTTP_OPERATION_TIMEDOUT, v.errorCode());
        assertEquals("VixDiskLib_ReadAsync", v.function());
        assertEquals(0, buf.position(), "a failed read does not advance the position");
        verify(vddk.lib).VixDiskLib_FreeErrorText(any());
    }

    @Test
    void refusedRequestThrowsAtOnce() {
        doReturn(3L).when(vddk.dataPath).readAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        DiskHandle d = open();
        VddkCallException e = assertThrows(VddkCallException.class, () -> d.readAsync(0, ByteBuffer.allocateDirect(512)));
        assertEquals(VixErrorCode.VIX_E_INVALID_ARG, e.errorCode());
        d.close();
        verify(vddk.lib, never()).VixDiskLib_Wait(any()); // nothing was queued
    }

    @Test
    void badArgumentsNeverReachVddk() {
        DiskHandle d = open(OpenOption.READ_ONLY);
        assertThrows(IllegalArgumentException.class, () -> d.readAsync(0, ByteBuffer.allocate(512)));
        assertThrows(IllegalArgumentException.class, () -> d.readAsync(FakeVddk.CAPACITY, ByteBuffer.allocateDirect(512)));
        assertThrows(IllegalArgumentException.class, () -> d.readAsync(0, ByteBuffer.allocateDirect(100)));
        assertThrows(IllegalStateException.class, () -> d.writeAsync(0, ByteBuffer.allocateDirect(512)));
        verifyNoInteractions(vddk.dataPath);
    }

    @Test
    void closeWaitsForQueuedRequestsBeforeClose() throws Exception {
        holdWritesUntilWait(0);
        DiskHandle d = open();
        CompletableFuture<Void> f1 = d.writeAsync(0, d.allocateBuffer(4096));
        CompletableFuture<Void> f2 = d.writeAsync(8, d.allocateBuffer(4096));
        assertEquals(2, held.size());
        d.close();
        f1.get(10, TimeUnit.SECONDS);
        f2.get(10, TimeUnit.SECONDS);
        InOrder order = inOrder(vddk.lib);
        order.verify(vddk.lib).VixDiskLib_Wait(any());
        order.verify(vddk.lib).VixDiskLib_Close(any());
    }

    @Test
    void awaitAsyncReturnsWhenEveryFutureIsDone() {
        holdWritesUntilWait(0);
        DiskHandle d = open();
        CompletableFuture<Void> f = d.writeAsync(0, d.allocateBuffer(512));
        d.awaitAsync();
        assertTrue(f.isDone() && !f.isCompletedExceptionally());
    }

    @Test
    void failedWaitAtCloseStillClosesAndFailsTheRequests() {
        holdWritesUntilWait(1);
        DiskHandle d = open();
        CompletableFuture<Void> f = d.writeAsync(0, d.allocateBuffer(512));
        VddkCallException e = assertThrows(VddkCallException.class, d::close);
        assertEquals("VixDiskLib_Wait", e.function());
        verify(vddk.lib).VixDiskLib_Close(any());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertTrue(d.isClosed());
    }

    @Test
    void closeWithoutAsyncIoNeverCallsWait() {
        DiskHandle d = open();
        d.close();
        verify(vddk.lib, never()).VixDiskLib_Wait(any());
    }

    /** An executor that runs nothing until the test says so. */
    private static final class HeldExecutor implements java.util.concurrent.Executor {
        final java.util.concurrent.BlockingQueue<Runnable> tasks = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            for (Runnable r; (r = tasks.poll()) != null; ) {
                r.run();
            }
        }
    }

    @Test
    void awaitAsyncRunsCompletionWorkTheExecutorHasNotStartedSoEveryFutureIsDone() throws Exception {
        // VDDK completes the request at once (before awaitAsync even starts); its completion work is queued
        doAnswer(inv -> {
            NativeCompletion.invoke(inv.getArgument(4), inv.getArgument(5), 0);
            return 25000L;
        }).when(vddk.dataPath).writeAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        doReturn(0L).when(vddk.lib).VixDiskLib_Wait(any());
        HeldExecutor executor = new HeldExecutor();
        lib = DiskLib.builder().completionExecutor(executor).openWith(vddk.lib, vddk.dataPath, 8);
        DiskHandle d = lib.connect(ConnectParams.local()).open("/a.vmdk");
        ByteBuffer buf = d.allocateBuffer(512);
        CompletableFuture<Void> f = d.writeAsync(0, buf);
        d.awaitAsync(); // the executor never runs anything meanwhile
        assertTrue(f.isDone());
        assertEquals(512, buf.position());
        executor.runAll(); // the queued copy finds the work done and does nothing
        assertEquals(512, buf.position());
    }

    @Test
    void closeDoesQueuedCompletionWorkBeforeCloseSoNoVixDiskLibCallFollowsExit() throws Exception {
        holdWritesUntilWait(0);
        doAnswer(inv -> {
            for (Object[] h : held) {
                NativeCompletion.invoke((Long) h[0], (Long) h[1], 30028L); // fails: needs GetErrorText
            }
            held.clear();
            return 0L;
        }).when(vddk.lib).VixDiskLib_Wait(any());
        HeldExecutor executor = new HeldExecutor(); // never runs anything before close returns
        DiskLib l = DiskLib.builder().completionExecutor(executor).openWith(vddk.lib, vddk.dataPath, 8);
        DiskHandle d = l.connect(ConnectParams.local()).open("/a.vmdk");
        CompletableFuture<Void> f = d.writeAsync(0, d.allocateBuffer(512));
        l.close();
        executor.runAll();
        InOrder order = inOrder(vddk.lib);
        order.verify(vddk.lib).VixDiskLib_GetErrorText(eq(30028L), any());
        order.verify(vddk.lib).VixDiskLib_Close(any());
        order.verify(vddk.lib).VixDiskLib_Exit();
        verify(vddk.lib).VixDiskLib_GetErrorText(eq(30028L), any()); // once: the executor's copy did nothing
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(VddkCallException.class, e.getCause());
    }

    @Test
    void anInlineExecutorNeverRunsCompletionWorkOnVddksThread() throws Exception {
        List<String> errorTextThreads = new CopyOnWriteArrayList<>();
        doAnswer(inv -> {
            errorTextThreads.add(Thread.currentThread().getName());
            return null;
        }).when(vddk.lib).VixDiskLib_GetErrorText(anyLong(), any());
        doAnswer(inv -> {
            long cb = inv.getArgument(4);
            long cbData = inv.getArgument(5);
            new Thread(() -> NativeCompletion.invoke(cb, cbData, 30028L), "vddk-fake-completion").start();
            return 25000L;
        }).when(vddk.dataPath).readAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        lib = DiskLib.builder().completionExecutor(Runnable::run).openWith(vddk.lib, vddk.dataPath, 8);
        DiskHandle d = lib.connect(ConnectParams.local()).open("/a.vmdk");
        AtomicReference<String> continuationThread = new AtomicReference<>();
        CompletableFuture<Void> f = d.readAsync(0, d.allocateBuffer(512));
        f.whenComplete((r, t) -> continuationThread.set(Thread.currentThread().getName()));
        assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(AsyncIo.HANDOFF_THREAD_NAME), errorTextThreads, "GetErrorText ran off VDDK's thread");
        assertNotEquals("vddk-fake-completion", continuationThread.get());
    }

    @Test
    void closeFromATaskOnASingleThreadCompletionExecutorDoesNotDeadlock() throws Exception {
        completeReadsFromALibraryThread();
        java.util.concurrent.ExecutorService single = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            lib = DiskLib.builder().completionExecutor(single).openWith(vddk.lib, vddk.dataPath, 8);
            Connection c = lib.connect(ConnectParams.local());
            CompletableFuture<Void> read = single.submit(() -> {
                CompletableFuture<Void> r;
                try (DiskHandle d = c.open("/a.vmdk")) {
                    r = d.readAsync(0, d.allocateBuffer(512));
                    Thread.sleep(100); // the completion is queued behind this task
                }
                return r;
            }).get(10, TimeUnit.SECONDS);
            assertTrue(read.isDone(), "close completed the future itself");
            read.get();
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void completionsRunOnTheCallersExecutor() throws Exception {
        java.util.concurrent.CountDownLatch registered = new java.util.concurrent.CountDownLatch(1);
        doAnswer(inv -> {
            long cb = inv.getArgument(4);
            long cbData = inv.getArgument(5);
            new Thread(() -> {
                try {
                    registered.await(10, TimeUnit.SECONDS); // complete only after the continuation is registered
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                NativeCompletion.invoke(cb, cbData, 0);
            }, "vddk-fake-completion").start();
            return 25000L;
        }).when(vddk.dataPath).readAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "my-completions"));
        try {
            lib = DiskLib.builder().completionExecutor(mine).openWith(vddk.lib, vddk.dataPath, 8);
            DiskHandle d = lib.connect(ConnectParams.local()).open("/a.vmdk");
            AtomicReference<String> thread = new AtomicReference<>();
            CompletableFuture<Void> done = d.readAsync(0, d.allocateBuffer(512))
                    .thenRun(() -> thread.set(Thread.currentThread().getName()));
            registered.countDown();
            done.get(10, TimeUnit.SECONDS);
            assertEquals("my-completions", thread.get());
        } finally {
            mine.shutdown();
        }
    }
}
