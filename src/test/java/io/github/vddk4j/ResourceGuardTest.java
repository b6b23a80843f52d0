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
}
