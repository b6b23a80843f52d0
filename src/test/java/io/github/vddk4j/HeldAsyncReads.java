package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link FakeVddk} whose ReadAsync accepts every request and holds it until the test completes
 * it, calling the completion callback through native code from a thread named like VDDK's, with a
 * DiskLib and a read-only handle opened over it; and the waits tests of who finishes a request
 * need. The test closes {@link #lib}.
 */
final class HeldAsyncReads {
    static final String VDDK_THREAD = "vddk-fake-completion";
    final FakeVddk vddk = new FakeVddk();
    /** Reads the fake has accepted and not completed: {callback, cbData}. */
    final List<long[]> held = new CopyOnWriteArrayList<>();
    final DiskLib lib;
    final DiskHandle disk;

    HeldAsyncReads() {
        doAnswer(inv -> {
            held.add(new long[] {inv.getArgument(4), inv.getArgument(5)});
            return 25000L;
        }).when(vddk.dataPath).readAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        lib = vddk.open();
        disk = lib.connect(ConnectParams.local()).open("/a.vmdk", OpenOption.READ_ONLY);
    }

    /** Completes held request {@code i} with {@code result} from a thread named like VDDK's, and waits until the callback returned. */
    void complete(int i, long result) throws InterruptedException {
        long[] h = held.get(i);
        Thread t = new Thread(() -> NativeCompletion.invoke(h[0], h[1], result), VDDK_THREAD);
        t.start();
        t.join(10_000);
        assertFalse(t.isAlive(), "VDDK's callback never returned");
    }

    /** Waits until {@code t} waits (anywhere: the future's own wait, or vddk4j's). */
    static void awaitWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, t.getName() + " never waited: " + t.getState());
            Thread.sleep(1);
        }
    }

    /** Waits until {@code t} is parked offering to finish requests, waiting for {@code f} (it parks with f as blocker). */
    static void awaitParkedFor(Thread t, CompletableFuture<?> f) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (LockSupport.getBlocker(t) != f) {
            assertTrue(System.nanoTime() < deadline, t.getName() + " never parked for the future: " + t.getState());
            Thread.sleep(1);
        }
    }
}
