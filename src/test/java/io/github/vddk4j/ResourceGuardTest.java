package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourceGuardTest {

    @Test
    void useAfterCloseFailsWithoutRunning() {
        ResourceGuard g = new ResourceGuard("DiskHandle x");
        assertTrue(g.close(() -> { }));
        AtomicBoolean ran = new AtomicBoolean();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.run(() -> ran.set(true)));
        assertEquals("DiskHandle x is closed", e.getMessage());
        assertFalse(ran.get());
    }

    @Test
    void closeRunsItsActionOnce() {
        ResourceGuard g = new ResourceGuard("r");
        AtomicInteger closes = new AtomicInteger();
        assertTrue(g.close(closes::incrementAndGet));
        assertFalse(g.close(closes::incrementAndGet));
        assertEquals(1, closes.get());
    }

    @Test
    void closeThatThrowsStillLeavesTheResourceClosed() {
        ResourceGuard g = new ResourceGuard("r");
        assertThrows(IllegalStateException.class, () -> g.close(() -> {
            throw new IllegalStateException("native close failed");
        }));
        assertTrue(g.isClosed());
    }

    @Test
    void closeWaitsForTheUseInFlight() throws Exception {
        ResourceGuard g = new ResourceGuard("r");
        CountDownLatch inUse = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean useFinished = new AtomicBoolean();
        AtomicBoolean closedBeforeUseFinished = new AtomicBoolean();
        Thread user = new Thread(() -> g.run(() -> {
            inUse.countDown();
            await(release);
            useFinished.set(true);
        }));
        user.start();
        assertTrue(inUse.await(10, TimeUnit.SECONDS));
        Thread closer = new Thread(() -> g.close(() -> closedBeforeUseFinished.set(!useFinished.get())));
        closer.start();
        closer.join(200);
        assertTrue(closer.isAlive(), "close must wait while a use is in flight");
        release.countDown();
        closer.join(10_000);
        user.join(10_000);
        assertFalse(closedBeforeUseFinished.get());
        assertTrue(g.isClosed());
    }

    private static void await(CountDownLatch l) {
        try {
            assertTrue(l.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aUserInterruptedWhileWaitingGetsAnExceptionNamingWhatItWaitedFor() throws Exception {
        ResourceGuard guard = new ResourceGuard("DiskHandle for 'hung.vmdk'");
        CountDownLatch inUse = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread user = new Thread(() -> guard.run(() -> {
            inUse.countDown();
            await(release); // a hung NFC read
        }), "hung-reader");
        user.start();
        inUse.await();
        java.util.concurrent.atomic.AtomicReference<Throwable> seen = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flag = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicBoolean ran = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                guard.run(() -> ran.set(true));
            } catch (Throwable t) {
                seen.set(t);
                flag.set(Thread.currentThread().isInterrupted());
            }
        }, "waiter");
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        waiter.join(10_000);
        assertTrue(seen.get() instanceof InterruptedWaitException, String.valueOf(seen.get()));
        assertEquals("interrupted while waiting for DiskHandle for 'hung.vmdk' (another thread was using or closing it)",
                seen.get().getMessage());
        assertTrue(flag.get(), "the interrupt flag is set again");
        assertFalse(ran.get());
        release.countDown();
        user.join(10_000);
        assertTrue(guard.close(() -> { }));
    }

    @Test
    void anInterruptedThreadUsesAndClosesAFreeResourceAndKeepsItsFlag() {
        ResourceGuard guard = new ResourceGuard("r");
        AtomicBoolean ran = new AtomicBoolean();
        Thread.currentThread().interrupt();
        try {
            guard.run(() -> ran.set(true));
            assertTrue(guard.close(() -> { }));
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt flag stays set");
        } finally {
            Thread.interrupted();
        }
        assertTrue(ran.get());
        assertTrue(guard.isClosed());
    }

    @Test
    void anInterruptedCloseWaitsForTheUseInFlightThenClosesAndKeepsTheFlag() throws Exception {
        ResourceGuard guard = new ResourceGuard("DiskHandle for 'busy.vmdk'");
        CountDownLatch inUse = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread user = new Thread(() -> guard.run(() -> {
            inUse.countDown();
            await(release);
        }), "reader");
        user.start();
        inUse.await();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean flag = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            Thread.currentThread().interrupt(); // e.g. ExecutorService.shutdownNow()
            closed.set(guard.close(() -> { }));
            flag.set(Thread.currentThread().isInterrupted());
        }, "closer");
        closer.start();
        closer.join(200);
        assertTrue(closer.isAlive(), "close waits for the use in flight");
        release.countDown();
        closer.join(10_000);
        user.join(10_000);
        assertTrue(closed.get());
        assertTrue(flag.get(), "the interrupt flag is still set after close");
    }

    @Test
    void anInterruptedThreadTakesAFreeLifecycleLock() {
        AtomicBoolean ran = new AtomicBoolean();
        Thread.currentThread().interrupt();
        try {
            LifecycleLock.run(() -> ran.set(true));
            LifecycleLock.release(() -> { });
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertTrue(ran.get());
    }

    @Test
    void waitingForTheProcessWideLifecycleLockIsInterruptible() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> LifecycleLock.run(() -> {
            held.countDown();
            await(release);
        }), "in-open");
        holder.start();
        held.await();
        java.util.concurrent.atomic.AtomicReference<Throwable> seen = new java.util.concurrent.atomic.AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                LifecycleLock.run(() -> { });
            } catch (Throwable t) {
                seen.set(t);
            }
        }, "waiter");
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        waiter.join(10_000);
        release.countDown();
        holder.join(10_000);
        assertTrue(seen.get() instanceof InterruptedWaitException, String.valueOf(seen.get()));
        assertTrue(seen.get().getMessage().contains("lifecycle lock"), seen.get().getMessage());
    }
}
