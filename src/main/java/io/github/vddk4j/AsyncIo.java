package io.github.vddk4j;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.github.vddk4j.jna.VixDiskLibCompletionCB;
import io.github.vddk4j.jna.VixErrors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One handle's asynchronous I/O (ReadAsync/WriteAsync): the outstanding requests, each holding
 * its buffer strongly until VDDK reports completion, and the single completion callback (held
 * strongly by this object for the handle's life) that VDDK calls with the request's id as
 * {@code cbData}. Futures complete on a thread that waits for them or on the common pool, never on
 * VDDK's thread: a continuation that calls back into VDDK must not run inside VDDK's callback.
 */
final class AsyncIo {
    /** Name given to VDDK threads that deliver completions. */
    static final String COMPLETION_THREAD_NAME = "vddk-async-completion";

    /** {@link Request#result} until VDDK reports one. */
    private static final long PENDING = -1;
    /** {@link Request#result} of a request given up at close (VDDK will not report it). */
    private static final long ABANDONED = -2;

    /**
     * A submitted request and its future. VDDK's callback only records the result; the future is
     * finished (buffer position set, completed) by the first of: a thread waiting in {@link #join()}
     * or {@link #get()} (then continuations run on that caller's thread, with no hand-over to
     * another thread on the way), or a task on the common pool (when nobody waits). Never on
     * VDDK's thread.
     */
    private final class Request extends CompletableFuture<Void> {
        final ByteBuffer buffer;
        final int endPosition;
        final String function;
        final long startSector;
        private long result = PENDING; // guarded by this
        private int waiters; // guarded by this
        private final AtomicBoolean finished = new AtomicBoolean();

        Request(ByteBuffer buffer, String function, long startSector) {
            this.buffer = buffer;
            this.endPosition = buffer.limit();
            this.function = function;
            this.startSector = startSector;
        }

        /** VDDK's result (on VDDK's thread): wakes a waiter, or else leaves the finish to the pool. */
        void vddkCompleted(long vixError) {
            boolean waited;
            synchronized (this) {
                result = vixError;
                waited = waiters > 0;
                notifyAll();
            }
            if (!waited) {
                CompletableFuture.runAsync(this::finish);
            }
        }

        /** At close, for a request VDDK will never report: fails it and wakes its waiters. */
        void abandon(String why) {
            if (finished.compareAndSet(false, true)) {
                completeExceptionally(new IllegalStateException(why));
            }
            synchronized (this) {
                result = ABANDONED;
                notifyAll();
            }
        }

        private void finish() {
            long r;
            synchronized (this) {
                r = result;
            }
            if (r == PENDING || r == ABANDONED || !finished.compareAndSet(false, true)) {
                return;
            }
            try {
                if (r == VixErrors.VIX_OK) {
                    buffer.position(endPosition);
                    complete(null);
                } else {
                    completeExceptionally(calls.failure(function, path + ", sector " + startSector, r, List.of()));
                }
            } catch (Throwable t) {
                completeExceptionally(t);
            }
        }

        /** Waits for VDDK's result unless already finished; interrupts are passed on when {@code interruptible}. */
        private void awaitResult(boolean interruptible) throws InterruptedException {
            if (isDone()) {
                return;
            }
            boolean interrupted = false;
            synchronized (this) {
                waiters++;
                try {
                    while (result == PENDING) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            if (interruptible) {
                                throw e;
                            }
                            interrupted = true;
                        }
                    }
                } finally {
                    waiters--;
                }
            }
            finish();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Void join() {
            try {
                awaitResult(false);
            } catch (InterruptedException e) {
                throw new AssertionError(e); // not interruptible
            }
            return super.join();
        }

        @Override
        public Void get() throws InterruptedException, java.util.concurrent.ExecutionException {
            try {
                awaitResult(true);
            } catch (InterruptedException e) {
                finish(); // VDDK may have reported while this waiter was the one to finish
                throw e;
            }
            return super.get();
        }

    }

    private final NativeCalls calls;
    private final String path;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Request> pending = new ConcurrentHashMap<>();
    private final VixDiskLibCompletionCB callback = this::completed;
    private volatile boolean used;

    AsyncIo(NativeCalls calls, String path) {
        this.calls = calls;
        this.path = path;
        Native.setCallbackThreadInitializer(callback, new CallbackThreadInitializer(true, false, COMPLETION_THREAD_NAME));
    }

    /** One native ReadAsync/WriteAsync call: returns its VixError. */
    @FunctionalInterface
    interface Submit {
        long submit(long bufferAddress, VixDiskLibCompletionCB callback, Pointer cbData);
    }

    /**
     * Submits a request for {@code buffer.remaining()} bytes (a direct buffer) and returns its future.
     *
     * @throws VddkException if VDDK refuses the request (anything but VIX_ASYNC / VIX_OK)
     */
    CompletableFuture<Void> submit(String function, long startSector, ByteBuffer buffer, Submit call) {
        long id = ids.incrementAndGet();
        Request p = new Request(buffer, function, startSector);
        pending.put(id, p);
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer)) + buffer.position();
        long err;
        try {
            err = call.submit(address, callback, new Pointer(id));
        } catch (RuntimeException | Error e) {
            pending.remove(id);
            throw e;
        }
        if (err == VixErrors.VIX_ASYNC || err == VixErrors.VIX_OK) {
            used = true;
            if (err == VixErrors.VIX_OK) {
                completed(new Pointer(id), VixErrors.VIX_OK); // finished without queuing
            }
            return p;
        }
        pending.remove(id); // refused: VDDK does not call back
        throw calls.failure(function, path, err, List.of());
    }

    /**
     * VDDK's completion callback: forgets the request and records VDDK's result; the rest (error
     * text, buffer position, completing the future) happens on a waiting caller's thread or the
     * common pool ({@link Request}), so that neither VixDiskLib calls nor user continuations run
     * inside VDDK's callback. Must never throw.
     */
    private void completed(Pointer cbData, long result) {
        try {
            Request p = pending.remove(Pointer.nativeValue(cbData));
            if (p != null) { // else unknown or already completed
                p.vddkCompleted(result);
            }
        } catch (Throwable t) {
            // nothing may escape into native code
        }
    }

    /** Whether any request was ever submitted (then Close must be preceded by Wait). */
    boolean wasUsed() {
        return used;
    }

    /** The futures of the requests still outstanding. */
    List<CompletableFuture<Void>> outstanding() {
        return new ArrayList<>(pending.values());
    }

    /**
     * Buffers and callbacks of requests whose completion is unknown (Wait failed before Close):
     * VDDK may still write into the buffer or call the callback, so they are never released.
     */
    private static final List<Object> NEVER_RELEASED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Fails the futures of requests still outstanding when the handle closes.
     *
     * @param completionKnown true after a successful Wait (VDDK is done with every buffer); false
     *        after a failed Wait: then the buffers and the callback stay referenced forever, so
     *        that a late write or callback from VDDK cannot touch freed memory
     */
    void failOutstanding(String why, boolean completionKnown) {
        for (Long id : List.copyOf(pending.keySet())) {
            Request p = pending.remove(id);
            if (p != null) {
                if (!completionKnown) {
                    NEVER_RELEASED.add(p.buffer);
                }
                p.abandon(why);
            }
        }
        if (!completionKnown) {
            NEVER_RELEASED.add(callback);
        }
    }

    /** Keeps the callback reachable (JNA holds callbacks weakly) until the handle is closed. */
    VixDiskLibCompletionCB callback() {
        return callback;
    }
}
