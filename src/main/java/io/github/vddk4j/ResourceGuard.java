package io.github.vddk4j;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes every use of one native resource (a handle, a connection, the library) and its
 * close: concurrent callers wait for each other, close waits for a use in flight, a use after
 * close raises {@link IllegalStateException} without running, and close runs its action once.
 */
final class ResourceGuard {
    private final ReentrantLock lock = new ReentrantLock();
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
        enter();
        try {
            return action.get();
        } finally {
            exit();
        }
    }

    /**
     * Starts a use without a lambda (the data path's form of {@link #use}): waits until no other
     * use or close runs, then fails if the resource is closed. Always pair with {@link #exit()}:
     * {@code guard.enter(); try { ... } finally { guard.exit(); }}.
     *
     * @throws IllegalStateException if the resource is closed (the use has not started)
     */
    void enter() {
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException(description + " is closed");
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
     * Marks the resource closed and runs {@code closer} once, after any use in flight ended.
     * Later calls return at once (after the first close finished). If {@code closer} throws, the
     * resource stays closed and the exception propagates.
     *
     * @return true if this call closed the resource
     */
    boolean close(Runnable closer) {
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

    /** Whether {@link #close(Runnable)} was called. */
    boolean isClosed() {
        return closed;
    }

    /** The description given at construction. */
    String description() {
        return description;
    }
}
