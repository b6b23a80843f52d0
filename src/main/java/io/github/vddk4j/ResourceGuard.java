package io.github.vddk4j;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes every use of one native resource (a handle, a connection, the library) and its
 * close: concurrent callers wait for each other, close waits for a use in flight, a use after
 * close raises {@link IllegalStateException} without running, and close runs its action once.
 * A use that must wait for another thread is interruptible: an interrupted waiter gets
 * {@link InterruptedWaitException} naming the resource, and nothing runs. A free resource is taken
 * at once whatever the interrupt flag says, and close never gives up because of an interrupt (it
 * waits for the use in flight, a native call, and keeps the flag set): an interrupted thread, e.g.
 * one stopped by {@code ExecutorService.shutdownNow()}, can always release what it opened.
 */
final class ResourceGuard {
    private static final AtomicLong SERIALS = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    /** Creation order: two guards are always locked in this order (see {@link #useBoth}). */
    private final long serial = SERIALS.incrementAndGet();
    private final String description;
    private volatile boolean closed;
    private volatile boolean closeFailed;

    /** @param description what the resource is, for the use-after-close message */
    ResourceGuard(String description) {
        this.description = description;
    }

    /**
     * Runs {@code action} while no other use or close of this resource runs.
     *
     * @throws IllegalStateException if the resource is closed, or if called from inside a VDDK
     *     callback on the thread that is inside VDDK (the action does not run)
     * @throws InterruptedWaitException if interrupted while another use or close runs
     */
    <T> T use(Supplier<T> action) {
        enter();
        try {
            return action.get();
        } finally {
            exit();
        }
    }

    /**
     * Starts a use without a lambda (the data path's form of {@link #use}, same checks): refuses
     * re-entry from a VDDK callback, waits until no other use or close runs, then fails if the
     * resource is closed. Always pair with {@link #exit()}:
     * {@code guard.enter(); try { ... } finally { guard.exit(); }}.
     *
     * @throws IllegalStateException if the resource is closed or this is a VDDK callback's thread
     * @throws InterruptedWaitException if interrupted while another use or close runs
     */
    void enter() {
        InsideVddk.refuseReentry(description);
        acquireForUse();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException(description + (closeFailed
                    ? " could not be closed (its close() failed) and is unusable; call close() again to retry"
                    : " is closed"));
        }
    }

    /** Ends a use started by {@link #enter()}. */
    void exit() {
        lock.unlock();
    }

    /** {@link #use(Supplier)} for actions without a result. */
    void run(Runnable action) {
        use(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Marks the resource closed and runs {@code closer}, after any use in flight ended. Later calls
     * return at once (after the first close finished), unless {@code closer} threw: then the
     * resource is "close failed" (every use is refused, saying so) and the next call runs
     * {@code closer} again, so a failed native close can be retried.
     *
     * @return true if this call ran the closer and it succeeded
     */
    boolean close(Runnable closer) {
        InsideVddk.refuseReentry(description);
        lock.lock(); // not interruptible: the use in flight is one native call; the interrupt flag stays set
        try {
            if (closed && !closeFailed) {
                return false;
            }
            closed = true;
            closeFailed = true;
            closer.run();
            closeFailed = false;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code action} while using two resources (e.g. the two connections of a Clone), locking
     * them in creation order so that two threads using the same pair never deadlock.
     */
    static <T> T useBoth(ResourceGuard a, ResourceGuard b, Supplier<T> action) {
        if (a == b) {
            return a.use(action);
        }
        ResourceGuard first = a.serial < b.serial ? a : b;
        ResourceGuard second = first == a ? b : a;
        return first.use(() -> second.use(action));
    }

    private void acquireForUse() {
        if (lock.tryLock()) {
            return; // free: the interrupt flag does not matter (and stays as it is)
        }
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw InterruptedWaitException.of(description + " (another thread was using or closing it)", e);
        }
    }

    /** Whether {@link #close(Runnable)} was called (also when it failed: the resource is unusable). */
    boolean isClosed() {
        return closed;
    }

    /** Whether the last {@link #close(Runnable)} failed, so that close may be retried. */
    boolean closeFailed() {
        return closeFailed;
    }

    /** The description given at construction. */
    String description() {
        return description;
    }
}
