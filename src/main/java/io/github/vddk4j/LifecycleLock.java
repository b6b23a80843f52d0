package io.github.vddk4j;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The process-wide lock that serializes VDDK's lifecycle calls (docs/vddk-behaviour.md, "Open and
 * Close are serialized process-wide"). VMware requires
 * {@code VixDiskLib_Open} and {@code VixDiskLib_Close} to be serialized across the process;
 * vddk4j also serializes InitEx/Exit, ConnectEx/Disconnect, PrepareForAccess/EndAccess and
 * Cleanup under it. Data-path calls (Read, Write, Flush, GetInfo, GetTransportMode) never take it.
 *
 * <p>Lock order (outer to inner): DiskLib, Connection, AccessLease, DiskHandle, this lock.
 * Nothing takes an outer lock while holding this one. A free lock is taken whatever the interrupt
 * flag says; waiting for another thread's call is interruptible ({@link InterruptedWaitException}),
 * except for the calls that release something ({@link #release}), which wait and keep the flag set.
 */
final class LifecycleLock {
    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private LifecycleLock() {
    }

    /** Runs {@code action} holding the process-wide lifecycle lock. */
    static <T> T call(Supplier<T> action) {
        acquire();
        try {
            return action.get();
        } finally {
            LOCK.unlock();
        }
    }

    /** Runs {@code action} holding the process-wide lifecycle lock. */
    static void run(Runnable action) {
        acquire();
        try {
            action.run();
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Runs a releasing call (Close, Disconnect, EndAccess, Exit) holding the lock; the wait is not
     * interruptible, so that an interrupted thread can still release what it holds (the interrupt
     * flag stays set).
     */
    static void release(Runnable action) {
        LOCK.lock();
        try {
            action.run();
        } finally {
            LOCK.unlock();
        }
    }

    private static void acquire() {
        if (LOCK.tryLock()) {
            return;
        }
        try {
            LOCK.lockInterruptibly();
        } catch (InterruptedException e) {
            throw InterruptedWaitException.of("the process-wide VDDK lifecycle lock (another thread is in "
                    + "InitEx/Exit, ConnectEx/Disconnect, Open/Close, PrepareForAccess/EndAccess or Cleanup)", e);
        }
    }

    /** Whether the current thread holds the lock (for assertions in tests). */
    static boolean isHeldByCurrentThread() {
        return LOCK.isHeldByCurrentThread();
    }
}
