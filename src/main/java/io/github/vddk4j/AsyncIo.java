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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One handle's asynchronous I/O (ReadAsync/WriteAsync): the outstanding requests, each holding
 * its buffer strongly until VDDK reports completion, and the single completion callback (held
 * strongly by this object for the handle's life) that VDDK calls with the request's id as
 * {@code cbData}. Futures complete on the completion executor (the common pool unless the caller
 * chose one), never on VDDK's thread: a continuation that calls back into VDDK must not run inside
 * VDDK's callback. VDDK's callback only hands the completion work on: to the common pool directly
 * (it never runs a task on the submitting thread), to any other executor through a library thread
 * ({@link #HANDOFF_THREAD_NAME}), so that an executor that runs tasks inline ({@code Runnable::run})
 * runs them there, not inside VDDK. Every future stays in {@link #unfinished()} until it has
 * completed, so that awaitAsync and close can wait for the completion work, not just for VDDK's
 * callbacks; completion work not yet started is run by the waiting thread itself, so that a
 * close or awaitAsync called from a task on a single-thread completion executor never waits for
 * work queued behind its own task.
 *
 * <p>Requests in flight are bounded ({@link #DEFAULT_MAX_IN_FLIGHT} unless changed): a submitter
 * that finds the bound reached waits, interruptibly, until VDDK completes a request (back-pressure
 * instead of an unbounded queue inside VDDK). The slot is given back in VDDK's callback.
 *
 * <p>Real VDDK refuses synchronous and asynchronous <em>writes</em> on one handle (in either
 * order, {@code VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED}, 26000); the first write fixes the handle's
 * write style and the other one is refused here, before VDDK. Reads mix freely.
 */
final class AsyncIo {
    /** Name given to VDDK threads that deliver completions. */
    static final String COMPLETION_THREAD_NAME = "vddk-async-completion";
    /** Name of the library threads that pass completion work from VDDK's thread to a caller's executor. */
    static final String HANDOFF_THREAD_NAME = "vddk4j-completion-handoff";
    /** Library threads that hand completion work to a caller-supplied executor (created on demand, daemon). */
    private static final ExecutorService HANDOFF = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, HANDOFF_THREAD_NAME);
        t.setDaemon(true);
        return t;
    });
    /** Requests in flight per handle unless {@link #setMaxInFlight(int)} says otherwise. */
    static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED. */
    static final int MIXED_MODE_CODE = 26000;

    /** How a handle writes; fixed by its first write. */
    enum WriteStyle { SYNC, ASYNC }

    /** A submitted request. */
    private record Pending(CompletableFuture<Void> future, ByteBuffer buffer, int endPosition, String function,
                           long startSector) {
    }

    private final NativeCalls calls;
    private final String path;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> unfinished = ConcurrentHashMap.newKeySet();
    /** Completion work handed on by VDDK's callback and not yet done, by future. */
    private final Map<CompletableFuture<Void>, Completion> queued = new ConcurrentHashMap<>();
    private final VixDiskLibCompletionCB callback = this::completed;
    private final AtomicReference<WriteStyle> writeStyle = new AtomicReference<>();
    private final ReentrantLock slotLock = new ReentrantLock();
    private final Condition slotFreed = slotLock.newCondition();
    private int inFlight;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
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
        p.future.whenComplete((r, t) -> {
            unfinished.remove(p.future);
            queued.remove(p.future);
        });
        pending.put(id, p);
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer)) + buffer.position();
        long err;
        try {
            err = call.submit(address, callback, new Pointer(id));
        } catch (RuntimeException | Error e) {
            pending.remove(id);
            releaseSlot();
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
        releaseSlot();
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
            releaseSlot();
            Completion work = new Completion(p, result);
            queued.put(p.future, work);
            if (p.future.isDone()) {
                queued.remove(p.future); // failed by close meanwhile
                return;
            }
            if (completionExecutor == ForkJoinPool.commonPool()) {
                completionExecutor.execute(work); // the common pool never runs it on this (VDDK's) thread
            } else {
                HANDOFF.execute(() -> handOn(work)); // the caller's executor may run it inline
            }
        } catch (Throwable t) {
            // nothing may escape into native code
        }
    }

    /** On a library thread: gives the completion work to the caller's executor. */
    private void handOn(Completion work) {
        try {
            completionExecutor.execute(work);
        } catch (RuntimeException rejected) {
            work.run(); // on this library thread: never VDDK's
        }
    }

    /** One request's completion work, run once: by the executor, or by a thread that waits for it. */
    private final class Completion implements Runnable {
        private final Pending pending;
        private final long result;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Completion(Pending pending, long result) {
            this.pending = pending;
            this.result = result;
        }

        @Override
        public void run() {
            if (claimed.compareAndSet(false, true)) {
                finish(pending, result);
            }
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

    /**
     * Waits, interruptibly, until fewer than the bound of requests are in flight and takes a slot.
     * Give it back with {@link #releaseSlot()} if the request is not submitted after all
     * ({@link #submit} gives it back itself when VDDK refuses the request).
     *
     * @throws InterruptedWaitException if the thread is interrupted while waiting (its interrupt
     *         status is kept), saying what it waited for
     */
    void acquireSlot() {
        try {
            slotLock.lockInterruptibly();
            try {
                while (inFlight >= maxInFlight) {
                    slotFreed.await();
                }
                inFlight++;
            } finally {
                slotLock.unlock();
            }
        } catch (InterruptedException e) {
            throw InterruptedWaitException.of("one of the " + maxInFlight + " asynchronous requests in flight on '"
                    + path + "' to complete", e);
        }
    }

    /** Gives back a slot taken by {@link #acquireSlot()}. Never blocks for long (VDDK's thread calls it). */
    void releaseSlot() {
        slotLock.lock();
        try {
            if (inFlight > 0) {
                inFlight--;
            }
            slotFreed.signal();
        } finally {
            slotLock.unlock();
        }
    }

    /** Sets the bound of requests in flight (waiters re-check it). */
    void setMaxInFlight(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the bound of asynchronous requests in flight must be at least 1, was " + max);
        }
        slotLock.lock();
        try {
            maxInFlight = max;
            slotFreed.signalAll();
        } finally {
            slotLock.unlock();
        }
    }

    /** The bound of requests in flight. */
    int maxInFlight() {
        slotLock.lock();
        try {
            return maxInFlight;
        } finally {
            slotLock.unlock();
        }
    }

    /** Requests submitted and not yet completed. */
    int inFlight() {
        slotLock.lock();
        try {
            return inFlight;
        } finally {
            slotLock.unlock();
        }
    }

    /**
     * Fixes this handle's write style at its first write and refuses the other style afterwards.
     *
     * @throws IllegalStateException if the handle already wrote in the other style
     */
    void claimWriteStyle(WriteStyle style) {
        WriteStyle was = writeStyle.compareAndExchange(null, style);
        if (was != null && was != style) {
            String first = was == WriteStyle.ASYNC ? "writeAsync" : "write";
            String now = style == WriteStyle.ASYNC ? "writeAsync" : "write";
            throw new IllegalStateException("cannot " + now + " to '" + path + "': this handle already used " + first
                    + ", and VDDK refuses synchronous and asynchronous writes on one handle "
                    + "(VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED, " + MIXED_MODE_CODE + "); keep to one style per handle, "
                    + "or open another handle for the other style (reads mix freely)");
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
     * Waits until every future submitted so far has completed (the completion work has run). Work
     * that VDDK has handed on but no executor thread has started yet runs on this thread, so that
     * the wait never depends on an executor whose only thread may be this one.
     *
     * @param interruptible false for close: then the wait ignores interrupts (the flag stays set)
     * @throws InterruptedWaitException if interruptible and interrupted meanwhile
     */
    void awaitCompletionWork(String what, boolean interruptible) {
        for (CompletableFuture<Void> f : unfinished()) {
            Completion work = queued.get(f);
            if (work != null) {
                work.run(); // does nothing if an executor thread has started it
            }
            try {
                if (interruptible) {
                    f.get();
                } else {
                    f.join(); // not interruptible; keeps the interrupt flag
                }
            } catch (InterruptedException e) {
                throw InterruptedWaitException.of(what, e);
            } catch (ExecutionException | CancellationException | CompletionException e) {
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
                releaseSlot();
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
