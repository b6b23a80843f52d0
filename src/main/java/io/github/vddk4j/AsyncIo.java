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
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One handle's asynchronous I/O (ReadAsync/WriteAsync): the outstanding requests, each holding
 * its buffer strongly until VDDK reports completion, and the single completion callback (held
 * strongly by this object for the handle's life) that VDDK calls with the request's id as
 * {@code cbData}. Futures complete on the completion executor (the common pool unless the caller
 * chose one), never on VDDK's thread: a continuation that calls back into VDDK must not run inside
 * VDDK's callback. Every future stays in {@link #unfinished()} until it has completed, so that
 * awaitAsync and close can wait for the completion work, not just for VDDK's callbacks.
 */
final class AsyncIo {
    /** Name given to VDDK threads that deliver completions. */
    static final String COMPLETION_THREAD_NAME = "vddk-async-completion";

    /** A submitted request. */
    private record Pending(CompletableFuture<Void> future, ByteBuffer buffer, int endPosition, String function,
                           long startSector) {
    }

    private final NativeCalls calls;
    private final String path;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> unfinished = ConcurrentHashMap.newKeySet();
    private final VixDiskLibCompletionCB callback = this::completed;
    private final Executor completionExecutor;
    private volatile boolean used;

    AsyncIo(NativeCalls calls, String path, Executor completionExecutor) {
        this.calls = calls;
        this.path = path;
        this.completionExecutor = completionExecutor;
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
     * @throws VddkCallException if VDDK refuses the request (anything but VIX_ASYNC / VIX_OK)
     */
    CompletableFuture<Void> submit(String function, long startSector, ByteBuffer buffer, Submit call) {
        long id = ids.incrementAndGet();
        Pending p = new Pending(new CompletableFuture<>(), buffer, buffer.limit(), function, startSector);
        unfinished.add(p.future);
        p.future.whenComplete((r, t) -> unfinished.remove(p.future));
        pending.put(id, p);
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer)) + buffer.position();
        long err;
        try {
            err = call.submit(address, callback, new Pointer(id));
        } catch (RuntimeException | Error e) {
            pending.remove(id);
            unfinished.remove(p.future);
            throw e;
        }
        if (err == VixErrors.VIX_ASYNC || err == VixErrors.VIX_OK) {
            used = true;
            if (err == VixErrors.VIX_OK) {
                completed(new Pointer(id), VixErrors.VIX_OK); // finished without queuing
            }
            return p.future;
        }
        pending.remove(id); // refused: VDDK does not call back
        unfinished.remove(p.future);
        throw calls.failure(function, path, err, List.of());
    }

    /**
     * VDDK's completion callback: forgets the request and hands the rest (error text, buffer
     * position, the future) to the completion executor, so that neither VixDiskLib calls nor user
     * continuations run inside VDDK's callback. Must never throw.
     */
    private void completed(Pointer cbData, long result) {
        try {
            Pending p = pending.remove(Pointer.nativeValue(cbData));
            if (p == null) {
                return; // unknown or already completed
            }
            try {
                completionExecutor.execute(() -> finish(p, result));
            } catch (RuntimeException rejected) {
                ForkJoinPool.commonPool().execute(() -> finish(p, result)); // never on VDDK's thread
            }
        } catch (Throwable t) {
            // nothing may escape into native code
        }
    }

    private void finish(Pending p, long result) {
        try {
            if (result == VixErrors.VIX_OK) {
                p.buffer.position(p.endPosition);
                p.future.complete(null);
            } else {
                p.future.completeExceptionally(
                        calls.failure(p.function, path + ", sector " + p.startSector, result, List.of()));
            }
        } catch (Throwable t) {
            p.future.completeExceptionally(t);
        }
    }

    /** Whether any request was ever submitted (then Close must be preceded by Wait). */
    boolean wasUsed() {
        return used;
    }

    /**
     * The futures not yet completed: requests VDDK has not completed, and those whose completion
     * work is still queued on the completion executor.
     */
    List<CompletableFuture<Void>> unfinished() {
        return new ArrayList<>(unfinished);
    }

    /**
     * Waits until every future submitted so far has completed (the completion work has run).
     *
     * @throws InterruptedWaitException if interrupted meanwhile
     */
    void awaitCompletionWork(String what) {
        for (CompletableFuture<Void> f : unfinished()) {
            try {
                f.get();
            } catch (InterruptedException e) {
                throw InterruptedWaitException.of(what, e);
            } catch (ExecutionException | CancellationException e) {
                // the caller sees the failure through its own future
            }
        }
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
            Pending p = pending.remove(id);
            if (p != null) {
                if (!completionKnown) {
                    NEVER_RELEASED.add(p.buffer);
                }
                p.future.completeExceptionally(new IllegalStateException(why));
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
