package io.github.vddk4j;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The process-wide lock that serializes VDDK's lifecycle calls. VMware requires
 * {@code VixDiskLib_Open} and {@code VixDiskLib_Close} to be serialized across the process;
 * vddk4j also serializes InitEx/Exit, ConnectEx/Disconnect, PrepareForAccess/EndAccess and
 * Cleanup under it. Data-path calls (Read, Write, Flush, GetInfo) never take it.
 *
 * <p>Lock order (outer to inner): DiskLib, Connection, AccessLease, DiskHandle, this lock.
 * Nothing takes an outer lock while holding this one.
 */
final class LifecycleLock {
    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private LifecycleLock() {
    }

    /** Runs {@code action} holding the process-wide lifecycle lock. */
    static <T> T call(Supplier<T> action) {
        LOCK.lock();
        try {
            return action.get();
        } finally {
            LOCK.unlock();
        }
    }

    /** Runs {@code action} holding the process-wide lifecycle lock. */
    static void run(Runnable action) {
        LOCK.lock();
        try {
            action.run();
        } finally {
            LOCK.unlock();
        }
    }

    /** Whether the current thread holds the lock (for assertions in tests). */
    static boolean isHeldByCurrentThread() {
        return LOCK.isHeldByCurrentThread();
    }
}
