package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** VMware's threading rules, enforced by the API, proven over mocks of the raw layer. */
class ThreadingTest {
    private final FakeVddk vddk = new FakeVddk();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private DiskLib lib;

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        if (lib != null) {
            lib.close();
        }
    }

    /** Counts how many calls are inside the mock at once. */
    private static final class OverlapDetector {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger maxInside = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        long enter() throws InterruptedException {
            int now = inside.incrementAndGet();
            maxInside.accumulateAndGet(now, Math::max);
            calls.incrementAndGet();
            Thread.sleep(1); // widen the window in which an overlap would show
            inside.decrementAndGet();
            return 0L;
        }
    }

    @Test
    void concurrentReadsOnOneHandleNeverOverlapInNativeCode() throws Exception {
        OverlapDetector detector = new OverlapDetector();
        doAnswer(inv -> detector.enter()).when(vddk.dataPath).read(any(), anyLong(), anyLong(), anyLong());
        doAnswer(inv -> detector.enter()).when(vddk.dataPath).write(any(), anyLong(), anyLong(), anyLong());
        lib = vddk.open();
        DiskHandle d = lib.connect(ConnectParams.local()).open("/a.vmdk");
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    if ((i + thread) % 3 == 0) {
                        d.write(i, ByteBuffer.allocate(512)); // heap: through the shared bounce buffer
                    } else {
                        d.read(i, ByteBuffer.allocate(1024));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(100, detector.calls.get());
        assertEquals(1, detector.maxInside.get(), "one handle must never see concurrent I/O");
    }

    @Test
    void differentHandlesDoIoInParallel() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        doAnswer(inv -> {
            bothInside.countDown();
            // Serializing different handles would make this wait time out.
            return bothInside.await(10, TimeUnit.SECONDS) ? 0L : 1L;
        }).when(vddk.dataPath).read(any(), anyLong(), anyLong(), anyLong());
        lib = vddk.open();
        Connection c = lib.connect(ConnectParams.local());
        DiskHandle a = c.open("/a.vmdk");
        DiskHandle b = c.open("/b.vmdk");
        Future<?> fa = pool.submit(() -> a.read(0, ByteBuffer.allocateDirect(512)));
        Future<?> fb = pool.submit(() -> b.read(0, ByteBuffer.allocateDirect(512)));
        fa.get(20, TimeUnit.SECONDS);
        fb.get(20, TimeUnit.SECONDS);
    }

    @Test
    void closeWaitsForTheReadInFlight() throws Exception {
        CountDownLatch readEntered = new CountDownLatch(1);
        CountDownLatch finishRead = new CountDownLatch(1);
        doAnswer(inv -> {
            readEntered.countDown();
            assertTrue(finishRead.await(10, TimeUnit.SECONDS));
            return 0L;
        }).when(vddk.dataPath).read(any(), anyLong(), anyLong(), anyLong());
        lib = vddk.open();
        DiskHandle d = lib.connect(ConnectParams.local()).open("/a.vmdk");
        Future<?> reader = pool.submit(() -> d.read(0, ByteBuffer.allocateDirect(512)));
        assertTrue(readEntered.await(10, TimeUnit.SECONDS));
        Future<?> closer = pool.submit(d::close);
        Thread.sleep(200);
        assertFalse(closer.isDone(), "close must wait for the read in flight");
        verify(vddk.lib, never()).VixDiskLib_Close(any());
        finishRead.countDown();
        reader.get(10, TimeUnit.SECONDS);
        closer.get(10, TimeUnit.SECONDS);
        InOrder order = inOrder(vddk.dataPath, vddk.lib);
        order.verify(vddk.dataPath).read(any(), anyLong(), anyLong(), anyLong());
        order.verify(vddk.lib).VixDiskLib_Close(any());
    }

    @Test
    void readWaitingBehindCloseFailsCleanlyWithoutNativeCall() throws Exception {
        CountDownLatch readEntered = new CountDownLatch(1);
        CountDownLatch finishRead = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        doAnswer(inv -> {
            reads.incrementAndGet();
            readEntered.countDown();
            assertTrue(finishRead.await(10, TimeUnit.SECONDS));
            return 0L;
        }).when(vddk.dataPath).read(any(), anyLong(), anyLong(), anyLong());
        lib = vddk.open();
        DiskHandle d = lib.connect(ConnectParams.local()).open("/a.vmdk");
        Future<?> first = pool.submit(() -> d.read(0, ByteBuffer.allocateDirect(512)));
        assertTrue(readEntered.await(10, TimeUnit.SECONDS));
        AtomicReference<Thread> closerThread = new AtomicReference<>();
        Future<?> closer = pool.submit(() -> {
            closerThread.set(Thread.currentThread());
            d.close();
        });
        awaitBlocked(closerThread); // close queued first: a fixed sleep is not enough on a loaded machine
        Future<?> late = pool.submit(() -> d.read(0, ByteBuffer.allocateDirect(512)));
        Thread.sleep(100);
        finishRead.countDown();
        first.get(10, TimeUnit.SECONDS);
        closer.get(10, TimeUnit.SECONDS);
        java.util.concurrent.ExecutionException e =
                assertThrows(java.util.concurrent.ExecutionException.class, () -> late.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1, reads.get());
    }

    /** Waits until the thread (once known) is parked, i.e. queued on a lock. */
    private static void awaitBlocked(AtomicReference<Thread> thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the thread never blocked: " + thread.get());
            Thread.sleep(1);
        }
    }

    @Test
    void handleMovesBetweenThreads() throws Exception {
        lib = vddk.open();
        DiskHandle d = pool.submit(() -> lib.connect(ConnectParams.local()).open("/a.vmdk")).get(10, TimeUnit.SECONDS);
        pool.submit(() -> d.read(0, ByteBuffer.allocateDirect(512))).get(10, TimeUnit.SECONDS);
        d.read(1, ByteBuffer.allocateDirect(512));
        pool.submit(d::close).get(10, TimeUnit.SECONDS);
        verify(vddk.dataPath, times(2)).read(any(), anyLong(), anyLong(), anyLong());
    }

    @Test
    void concurrentCloseCallsCloseNativelyOnce() throws Exception {
        lib = vddk.open();
        Connection c = lib.connect(ConnectParams.local());
        DiskHandle d = c.open("/a.vmdk");
        List<Future<?>> closers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            closers.add(pool.submit(i % 2 == 0 ? d::close : c::close));
        }
        for (Future<?> f : closers) {
            f.get(10, TimeUnit.SECONDS);
        }
        verify(vddk.lib, times(1)).VixDiskLib_Close(any());
        verify(vddk.lib, times(1)).VixDiskLib_Disconnect(any());
    }

    @Test
    void openAndCloseAreSerializedProcessWide() throws Exception {
        OverlapDetector detector = new OverlapDetector();
        AtomicReference<Throwable> lockNotHeld = new AtomicReference<>();
        doAnswer(inv -> {
            if (!LifecycleLock.isHeldByCurrentThread()) {
                lockNotHeld.set(new AssertionError("Open without the lifecycle lock"));
            }
            detector.enter();
            ((PointerByReference) inv.getArgument(3)).setValue(vddk.allocate("handle", 8));
            return 0L;
        }).when(vddk.lib).VixDiskLib_Open(any(), anyString(), anyInt(), any());
        doAnswer(inv -> {
            if (!LifecycleLock.isHeldByCurrentThread()) {
                lockNotHeld.set(new AssertionError("Close without the lifecycle lock"));
            }
            detector.enter();
            vddk.free("handle", ((com.sun.jna.PointerType) inv.getArgument(0)).getPointer());
            return 0L;
        }).when(vddk.lib).VixDiskLib_Close(any());
        lib = vddk.open();
        Connection c1 = lib.connect(ConnectParams.local());
        Connection c2 = lib.connect(ConnectParams.local());
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Connection c = t % 2 == 0 ? c1 : c2;
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    c.open("/disk-" + thread + "-" + i + ".vmdk").close();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertNull(lockNotHeld.get());
        assertEquals(80, detector.calls.get());
        assertEquals(1, detector.maxInside.get(), "Open/Close must never run concurrently");
    }

    @Test
    void connectionCloseWaitsForAnOpenInFlight() throws Exception {
        CountDownLatch openEntered = new CountDownLatch(1);
        CountDownLatch finishOpen = new CountDownLatch(1);
        doAnswer(inv -> {
            openEntered.countDown();
            assertTrue(finishOpen.await(10, TimeUnit.SECONDS));
            ((PointerByReference) inv.getArgument(3)).setValue(vddk.allocate("handle", 8));
            return 0L;
        }).when(vddk.lib).VixDiskLib_Open(any(), anyString(), anyInt(), any());
        lib = vddk.open();
        Connection c = lib.connect(ConnectParams.local());
        Future<DiskHandle> opener = pool.submit(() -> c.open("/a.vmdk"));
        assertTrue(openEntered.await(10, TimeUnit.SECONDS));
        Future<?> closer = pool.submit(c::close);
        Thread.sleep(100);
        assertFalse(closer.isDone());
        finishOpen.countDown();
        DiskHandle d = opener.get(10, TimeUnit.SECONDS);
        closer.get(10, TimeUnit.SECONDS);
        assertTrue(d.isClosed(), "the handle opened just before close must be closed with the connection");
        InOrder order = inOrder(vddk.lib);
        order.verify(vddk.lib).VixDiskLib_Close(any());
        order.verify(vddk.lib).VixDiskLib_Disconnect(any());
    }
}
