package io.github.vddk4j;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes every use of one native resource (a handle, a connection, the library) and its
 * close: concurrent callers wait for each other, close waits for a use in flight, a use after
 * close raises {@link IllegalStateException} without running, and close runs its action once.
 */
final class ResourceGuard {
    private static final AtomicLong SERIALS = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    /** Creation order: two guards are always locked in this order (see {@link #useBoth}). */
    private final long serial = SERIALS.incrementAndGet();
    private final String description;
    private volatile boolean closed;

    /** @param description what the resource is, for the use-after-close message */
    ResourceGuard(String description) {
        this.description = description;
    }

    /**
     * Runs {@code action} while no other use or close of this resource runs.
     *
     * @throws IllegalStateException if the resource is closed (the action does not run)
     */
    <T> T use(Supplier<T> action) {
        CallbackScope.refuseReentry(description);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(description + " is closed");
            }
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** {@link #use(Supplier)} for actions without a result. */
    void run(Runnable action) {
        use(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Marks the resource closed and runs {@code closer} once, after any use in flight ended.
     * Later calls return at once (after the first close finished). If {@code closer} throws, the
     * resource stays closed and the exception propagates.
     *
     * @return true if this call closed the resource
     */
    boolean close(Runnable closer) {
        CallbackScope.refuseReentry(description);
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            closer.run();
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

    /** Whether {@link #close(Runnable)} was called. */
    boolean isClosed() {
        return closed;
    }

    /** The description given at construction. */
    String description() {
        return description;
    }
}
