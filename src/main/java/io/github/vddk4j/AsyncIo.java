package io.github.vddk4j;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.github.vddk4j.jna.DirectCallbacks;
import io.github.vddk4j.jna.VixDiskLibCompletionCB;
import io.github.vddk4j.jna.VixDiskLibHandle;
import io.github.vddk4j.jna.VixErrors;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One handle's asynchronous I/O (ReadAsync/WriteAsync): a table of reusable request slots, each
 * holding its buffer strongly until VDDK reports completion, and the single completion callback
 * (held strongly by this object for the handle's life) that VDDK calls with the slot's number as
 * {@code cbData}. The callback is a JNA <em>direct</em> callback taking {@code cbData} as a
 * {@code long}: no argument conversion, no object per completion.
 *
 * <p>Futures complete on the completion executor (the common pool unless the caller chose one)
 * or on a thread that waits for them, never on VDDK's thread: a continuation that calls back into
 * VDDK must not run inside VDDK's callback. VDDK's callback only records the result and hands the
 * completion work on:
 * <ul>
 *   <li>with the common pool, to a thread parked in {@code join()}/{@code get()} on one of this
 *       handle's futures, if there is one (it wakes, finishes every request VDDK completed, and
 *       waits again: one thread hand-over per request, as a C program signalling its submitter;
 *       another request whose future has continuations goes to the common pool, so that a
 *       waiter never runs a continuation that may wait for the waiter), else to the common pool
 *       (which never runs a task on the submitting thread);</li>
 *   <li>with any other executor, through a library thread ({@link #HANDOFF_THREAD_NAME}), so that
 *       an executor that runs tasks inline ({@code Runnable::run}) runs them there, not inside
 *       VDDK; waiters do not finish requests there (the caller chose where continuations run).</li>
 * </ul>
 * A waiter offers to finish requests only while it is parked, never while it runs completion
 * work, so a continuation that blocks cannot hold up other requests. A slot stays in use until its
 * future has completed, so that awaitAsync and close can wait for the completion work, not just
 * for VDDK's callbacks; completion work not yet started is run by the waiting thread itself, so
 * that a close or awaitAsync called from a task on a single-thread completion executor never
 * waits for work queued behind its own task.
 *
 * <p>Requests in flight are bounded ({@link #DEFAULT_MAX_IN_FLIGHT} unless changed): a submitter
 * that finds the bound reached waits, interruptibly, until VDDK completes a request (back-pressure
 * instead of an unbounded queue inside VDDK). The count is given back in VDDK's callback.
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

    private final NativeCalls calls;
    private final VixDiskLibHandle handle;
    private final String path;
    private final ResourceGuard guard;
    private final Executor completionExecutor;
    /** Whether waiting threads finish requests (only with the common pool, see the class comment). */
    private final boolean waitersFinish;
    private final VixDiskLibCompletionCB.Address callback = this::completed;
    private final long callbackAddress;
    private final AtomicReference<WriteStyle> writeStyle = new AtomicReference<>();
    /** Guards the in-flight count, the bound and the slot table. */
    private final ReentrantLock slotLock = new ReentrantLock();
    private final Condition slotFreed = slotLock.newCondition();
    private int inFlight;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    /** Every slot made so far (grown under slotLock, read by VDDK's callback). */
    private volatile Slot[] slots = new Slot[0];
    private int[] freeSlots = new int[0];
    private int freeCount;
    /** Slots VDDK completed and handed to a parked waiter: a stack linked through {@link Slot#nextDone}. */
    private final AtomicReference<Slot> handedToWaiter = new AtomicReference<>();
    /** The thread parked in join/get that VDDK's callback may wake to finish requests, or null. */
    private final AtomicReference<Thread> parkedWaiter = new AtomicReference<>();
    /** The future the parked waiter waits for (written by it once registered; stale afterwards). */
    private volatile RequestFuture parkedFor;
    /** A task draining {@link #handedToWaiter} is queued (the waiter left before it saw a request). */
    private final java.util.concurrent.atomic.AtomicBoolean drainQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final Runnable drain = this::drainTask;
    private volatile boolean used;

    AsyncIo(NativeCalls calls, VixDiskLibHandle handle, String path, ResourceGuard guard, Executor completionExecutor) {
        this.calls = calls;
        this.handle = handle;
        this.path = path;
        this.guard = guard;
        this.completionExecutor = completionExecutor;
        this.waitersFinish = completionExecutor == ForkJoinPool.commonPool();
        Native.setCallbackThreadInitializer(callback, new CallbackThreadInitializer(true, false, COMPLETION_THREAD_NAME));
        this.callbackAddress = DirectCallbacks.trampoline(callback);
    }

    /**
     * Submits a request for {@code buffer.remaining()} bytes (a direct buffer, not empty) and
     * returns its future: waits for a free slot (back-pressure), then calls ReadAsync/WriteAsync
     * inside the handle's guard.
     *
     * @throws VddkCallException if VDDK refuses the request (anything but VIX_ASYNC / VIX_OK)
     * @throws IllegalStateException after close, or on a VDDK callback's thread
     * @throws InterruptedWaitException if interrupted while waiting for a slot or for the handle
     */
    CompletableFuture<Void> submit(boolean write, long startSector, ByteBuffer buffer) {
        String function = write ? "VixDiskLib_WriteAsync" : "VixDiskLib_ReadAsync";
        Slot s = acquireSlot(buffer); // back-pressure: outside the handle's lock, so completions and close go on
        try {
            guard.enter();
        } catch (RuntimeException | Error e) {
            giveBack(s); // closed, or interrupted while waiting for the handle
            throw e;
        }
        try {
            long address = s.addressOf(buffer) + buffer.position();
            long numSectors = buffer.remaining() / DiskHandle.SECTOR_SIZE;
            long cbData = s.cbData();
            String[] inside = InsideVddk.mark();
            String outer = inside[0];
            RequestFuture future;
            long err;
            try {
                future = s.prepare(buffer, write, startSector);
                inside[0] = function;
                err = write ? calls.dataPath.writeAsync(handle, startSector, numSectors, address, callbackAddress, cbData)
                        : calls.dataPath.readAsync(handle, startSector, numSectors, address, callbackAddress, cbData);
            } catch (RuntimeException | Error e) {
                abandon(s);
                throw e;
            } finally {
                inside[0] = outer;
            }
            if (err == VixErrors.VIX_ASYNC || err == VixErrors.VIX_OK) {
                used = true;
                if (err == VixErrors.VIX_OK) {
                    completed(cbData, VixErrors.VIX_OK); // finished without queuing (ignored if VDDK called back)
                }
                return future;
            }
            abandon(s); // refused: VDDK does not call back
            throw calls.failure(function, path, err, List.of());
        } finally {
            guard.exit();
        }
    }

    /**
     * VDDK's completion callback: records the result, gives the in-flight count back and hands the
     * completion work on (class comment), so that neither VixDiskLib calls nor user continuations
     * run inside VDDK's callback. Must never throw.
     */
    private void completed(long cbData, long result) {
        try {
            Slot[] table = slots;
            int index = (int) cbData;
            if (index < 0 || index >= table.length || !table[index].calledBack(cbData, result)) {
                return; // unknown, already completed, or failed by close
            }
            Slot s = table[index];
            releaseCount();
            if (waitersFinish && parkedWaiter.get() != null) {
                if (!s.handOver(cbData)) {
                    return; // a thread waiting for it claimed it meanwhile
                }
                push(s);
                Thread waiter = parkedWaiter.get();
                if (waiter != null) {
                    LockSupport.unpark(waiter); // it finishes everything handed over before it parks again
                } else if (drainQueued.compareAndSet(false, true)) {
                    completionExecutor.execute(drain); // the waiter left, maybe without seeing it
                }
            } else if (waitersFinish) {
                completionExecutor.execute(s); // the common pool never runs it on this (VDDK's) thread
            } else {
                HANDOFF.execute(s.handOn); // the caller's executor may run it inline
            }
        } catch (Throwable t) {
            // nothing may escape into native code
        }
    }

    private void push(Slot s) {
        Slot head;
        do {
            head = handedToWaiter.get();
            s.nextDone = head;
        } while (!handedToWaiter.compareAndSet(head, s));
    }

    /** Finishes every request handed to a waiter so far (on the calling thread, never VDDK's). */
    private void finishHandedOver() {
        finishHandedOver(null);
    }

    /**
     * Finishes the requests handed to a waiter so far on the calling thread (never VDDK's), except,
     * for a thread waiting for {@code own}, another request whose future has continuations: those
     * go to the common pool, so that a thread in join/get never runs another request's continuation
     * (which might wait for that very thread to return).
     */
    private void finishHandedOver(RequestFuture own) {
        for (Slot s = handedToWaiter.getAndSet(null); s != null; ) {
            Slot next = s.nextDone;
            s.nextDone = null;
            s.takenFromStack(); // from here on it may be freed and reused: never linked again before that
            RequestFuture f = s.future;
            if (own != null && f != own && f != null && f.getNumberOfDependents() > 0) {
                completionExecutor.execute(s);
            } else {
                s.run();
            }
            s = next;
        }
    }

    private void drainTask() {
        do {
            drainQueued.set(false);
            finishHandedOver();
        } while (handedToWaiter.get() != null && drainQueued.compareAndSet(false, true));
    }

    /** The future of one request: {@code join}/{@code get} finish completed requests while they wait. */
    private static final class RequestFuture extends CompletableFuture<Void> {
        private final AsyncIo io;
        private final Slot slot;
        private final long cbData;

        RequestFuture(AsyncIo io, Slot slot, long cbData) {
            this.io = io;
            this.slot = slot;
            this.cbData = cbData;
        }

        @Override
        public Void join() {
            if (!isDone() && io.waitersFinish && mayFinishHere()) {
                try {
                    await(false, 0);
                } catch (InterruptedException | TimeoutException impossible) {
                    throw new AssertionError(impossible);
                }
            }
            return super.join();
        }

        @Override
        public Void get() throws InterruptedException, ExecutionException {
            if (!isDone() && io.waitersFinish && mayFinishHere()) {
                try {
                    await(true, 0);
                } catch (TimeoutException impossible) {
                    throw new AssertionError(impossible);
                }
            }
            return super.get();
        }

        @Override
        public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            if (!isDone() && io.waitersFinish && mayFinishHere()) {
                await(true, Math.max(1, unit.toNanos(timeout)));
            }
            return super.get(timeout, unit);
        }

        /**
         * Until this future completes: finishes the requests VDDK completed (its own among them),
         * and parks offering to be woken for the next one. Returns early (the caller then waits as
         * CompletableFuture does) if another thread is already parked for this handle, or, for
         * {@code join}, if the thread is interrupted (join keeps the flag and does not stop).
         */
        private void await(boolean interruptible, long timeoutNanos) throws InterruptedException, TimeoutException {
            Thread me = Thread.currentThread();
            long deadline = timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
            try {
                for (;;) {
                    io.finishHandedOver(this);
                    slot.finishIfCalledBack(cbData);
                    if (isDone()) {
                        return;
                    }
                    if (interruptible ? Thread.interrupted() : me.isInterrupted()) {
                        if (interruptible) {
                            throw new InterruptedException();
                        }
                        return;
                    }
                    long remaining = deadline == 0 ? 0 : deadline - System.nanoTime();
                    if (deadline != 0 && remaining <= 0) {
                        throw new TimeoutException();
                    }
                    if (!io.parkedWaiter.compareAndSet(null, me)) {
                        return; // another thread finishes requests; wait for this one to complete
                    }
                    io.parkedFor = this; // only the registered thread writes it; read again below
                    try {
                        // stays offered until there is work (or an interrupt or the deadline): a
                        // spurious wake-up or a stale permit must not withdraw the offer, or VDDK's
                        // callback, seeing nobody, would give this thread's own request to the pool
                        while (io.handedToWaiter.get() == null && !slot.isCalledBack(cbData) && !isDone()
                                && !me.isInterrupted()) {
                            if (deadline == 0) {
                                LockSupport.park(this);
                            } else {
                                remaining = deadline - System.nanoTime();
                                if (remaining <= 0) {
                                    break;
                                }
                                LockSupport.parkNanos(this, remaining);
                            }
                        }
                    } finally {
                        io.parkedWaiter.compareAndSet(me, null); // no longer offered while finishing
                    }
                }
            } finally {
                io.finishHandedOver(this); // handed over while this thread was parked: never left behind
            }
        }

        /**
         * Whether this thread may finish requests: not one that is inside a VixDiskLib call (user
         * code VDDK calls back, e.g. a progress listener), not one of VDDK's own threads (e.g.
         * a log sink's {@code isEnabled}), and not a fork/join pool's worker, whose blocking
         * CompletableFuture reports to its pool ({@code ForkJoinPool.managedBlock}: the pool adds
         * a thread meanwhile; the common pool has one on a 2-core machine). Those wait as
         * CompletableFuture does.
         */
        private static boolean mayFinishHere() {
            if (InsideVddk.mark()[0] != null || Thread.currentThread() instanceof ForkJoinWorkerThread) {
                return false;
            }
            String name = Thread.currentThread().getName();
            return !name.equals(COMPLETION_THREAD_NAME) && !name.equals(NativeLogFunctions.NATIVE_THREAD_NAME);
        }

        // A caller may complete the future itself (cancel, complete, orTimeout...) while VDDK still
        // holds the request: the thread parked for it must wake then, not at VDDK's completion.

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return wakingWaiter(super.cancel(mayInterruptIfRunning));
        }

        @Override
        public boolean complete(Void value) {
            return wakingWaiter(super.complete(value));
        }

        @Override
        public boolean completeExceptionally(Throwable ex) {
            return wakingWaiter(super.completeExceptionally(ex));
        }

        @Override
        public void obtrudeValue(Void value) {
            super.obtrudeValue(value);
            wakeWaiter();
        }

        @Override
        public void obtrudeException(Throwable ex) {
            super.obtrudeException(ex);
            wakeWaiter();
        }

        private boolean wakingWaiter(boolean result) {
            wakeWaiter();
            return result;
        }

        /** Wakes the parked waiter if it waits for this future (which has just completed). */
        void wakeWaiter() {
            if (io.parkedFor == this) {
                Thread w = io.parkedWaiter.get();
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }

    /** What a slot that carried no buffer yet (or forgot it) remembers. */
    private static final WeakReference<ByteBuffer> NO_BUFFER = new WeakReference<>(null);

    /** A reusable request slot. Its state says which request (generation) it holds and where it is. */
    private static final class Slot implements Runnable {
        static final int FREE = 0;
        static final int IN_VDDK = 1;
        static final int RECORDING = 2;
        static final int CALLED_BACK = 3;
        static final int FINISHING = 4;
        /** Called back and linked into {@link AsyncIo#handedToWaiter}: only the thread that takes it from there finishes it. */
        static final int HANDED_OVER = 5;
        /** The generation wraps at 32 bits: it travels in the upper half of cbData. */
        static final long GENERATION_MASK = 0xFFFF_FFFFL;

        final int index;
        /** generation << 3 | phase; the generation changes at every use. */
        final java.util.concurrent.atomic.AtomicLong state = new java.util.concurrent.atomic.AtomicLong();
        /** On a library thread: gives this slot's completion work to the caller's executor. */
        final Runnable handOn;
        final AsyncIo io;
        RequestFuture future;
        ByteBuffer buffer;
        int endPosition;
        boolean write;
        long startSector;
        long result;
        Slot nextDone;
        /**
         * The last buffer used through this slot (identity: slices differ) and its address. Weak: a
         * caller that uses a fresh buffer per request must get its memory back once it drops it, not
         * when the handle closes (up to 2 x depth direct buffers would stay reachable otherwise).
         */
        WeakReference<ByteBuffer> lastBuffer = NO_BUFFER;
        long lastAddress;

        Slot(AsyncIo io, int index) {
            this.io = io;
            this.index = index;
            this.handOn = () -> {
                try {
                    io.completionExecutor.execute(this);
                } catch (RuntimeException rejected) {
                    run(); // on this library thread: never VDDK's
                }
            };
        }

        long generation() {
            return state.get() >>> 3;
        }

        long cbData() {
            return generation() << 32 | index;
        }

        RequestFuture prepare(ByteBuffer buf, boolean isWrite, long start) {
            buffer = buf;
            endPosition = buf.limit();
            write = isWrite;
            startSector = start;
            future = new RequestFuture(io, this, cbData());
            state.set(generation() << 3 | IN_VDDK); // published before VDDK sees cbData
            return future;
        }

        long addressOf(ByteBuffer buf) {
            if (buf != lastBuffer.get()) {
                lastAddress = Pointer.nativeValue(Native.getDirectBufferPointer(buf));
                lastBuffer = new WeakReference<>(buf);
            }
            return lastAddress;
        }

        private static long stateOf(long cbData, int phase) {
            return (cbData >>> 32) << 3 | phase;
        }

        /** VDDK's callback for request {@code cbData}: false if this slot does not hold it in VDDK. */
        boolean calledBack(long cbData, long vixError) {
            if (!state.compareAndSet(stateOf(cbData, IN_VDDK), stateOf(cbData, RECORDING))) {
                return false;
            }
            result = vixError;
            state.set(stateOf(cbData, CALLED_BACK));
            return true;
        }

        /**
         * For VDDK's callback, before linking this slot for a waiter: false if a thread waiting for
         * it has claimed it since. While linked, nobody else may finish it: a finished slot is
         * reused, and linking it a second time would cut the list (requests lost).
         */
        boolean handOver(long cbData) {
            return state.compareAndSet(stateOf(cbData, CALLED_BACK), stateOf(cbData, HANDED_OVER));
        }

        /** Taken from the waiters' list: an ordinary called-back request again. */
        void takenFromStack() {
            long s = state.get();
            if ((s & 7) == HANDED_OVER) {
                state.compareAndSet(s, s - HANDED_OVER + CALLED_BACK);
            }
        }

        boolean isCalledBack(long cbData) {
            return state.get() == stateOf(cbData, CALLED_BACK);
        }

        void finishIfCalledBack(long cbData) {
            if (state.compareAndSet(stateOf(cbData, CALLED_BACK), stateOf(cbData, FINISHING))) {
                io.finish(this);
            }
        }

        /** Finishes the request this slot holds if VDDK called back and nobody started its work. */
        @Override
        public void run() {
            long s = state.get();
            if ((s & 7) == CALLED_BACK && state.compareAndSet(s, s - CALLED_BACK + FINISHING)) {
                io.finish(this);
            }
        }

        /** Claims a request VDDK has not called back for (close): true if it was in VDDK. */
        boolean claimInVddk() {
            long s = state.get();
            return (s & 7) == IN_VDDK && state.compareAndSet(s, s - IN_VDDK + FINISHING);
        }
    }

    /** Completes a claimed request's future (off VDDK's thread), then frees its slot. */
    private void finish(Slot s) {
        RequestFuture f = s.future;
        try {
            if (s.result == VixErrors.VIX_OK) {
                if (!f.isDone()) { // a caller that cancelled (completed) the future may have reused the buffer
                    s.buffer.position(s.endPosition);
                }
                f.complete(null);
            } else {
                f.completeExceptionally(calls.failure(s.write ? "VixDiskLib_WriteAsync" : "VixDiskLib_ReadAsync",
                        path + ", sector " + s.startSector, s.result, List.of()));
            }
        } catch (Throwable t) {
            f.completeExceptionally(t);
        } finally {
            freeSlot(s); // after the future completed: awaitCompletionWork sees the slot until then
            f.wakeWaiter();
        }
    }

    /**
     * Waits, interruptibly, until fewer than the bound of requests are in flight, and takes a
     * count and a slot.
     *
     * @throws InterruptedWaitException if the thread is interrupted while waiting (its interrupt
     *         status is kept), saying what it waited for
     */
    private Slot acquireSlot(ByteBuffer buffer) {
        try {
            slotLock.lockInterruptibly();
            try {
                while (inFlight >= maxInFlight) {
                    slotFreed.await();
                }
                inFlight++;
                return takeFreeSlot(buffer);
            } finally {
                slotLock.unlock();
            }
        } catch (InterruptedException e) {
            throw InterruptedWaitException.of("one of the " + maxInFlight + " asynchronous requests in flight on '"
                    + path + "' to complete", e);
        }
    }

    /** Free slots looked at for one that last carried the same buffer (its address is known). */
    private static final int AFFINITY_SCAN = 16;

    /**
     * A free slot, preferably one of the most recently freed that last carried {@code buffer}
     * (callers reuse a few buffers: the address lookup is then skipped); the table doubles when
     * none is free (under slotLock).
     */
    private Slot takeFreeSlot(ByteBuffer buffer) {
        for (int i = freeCount - 1; i >= Math.max(0, freeCount - AFFINITY_SCAN); i--) {
            if (slots[freeSlots[i]].lastBuffer.get() == buffer) {
                int index = freeSlots[i];
                freeSlots[i] = freeSlots[freeCount - 1];
                freeSlots[freeCount - 1] = index;
                break;
            }
        }
        if (freeCount == 0) {
            Slot[] table = slots;
            Slot[] grown = java.util.Arrays.copyOf(table, Math.max(8, table.length * 2));
            freeSlots = java.util.Arrays.copyOf(freeSlots, grown.length);
            for (int i = grown.length - 1; i >= table.length; i--) {
                grown[i] = new Slot(this, i);
                freeSlots[freeCount++] = i;
            }
            slots = grown; // published to VDDK's callback before any new slot's cbData is passed to VDDK
        }
        return slots[freeSlots[--freeCount]];
    }

    private void freeSlot(Slot s) {
        s.future = null;
        s.buffer = null;
        slotLock.lock();
        try {
            s.state.set(((s.generation() + 1) & Slot.GENERATION_MASK) << 3 | Slot.FREE); // cbData holds 32 bits of it
            freeSlots[freeCount++] = s.index;
        } finally {
            slotLock.unlock();
        }
    }

    /** A slot taken for a request that never reached VDDK: count and slot back. */
    private void giveBack(Slot s) {
        releaseCount();
        freeSlot(s);
    }

    /** A request VDDK refused or that threw: not in VDDK, its future never completes (the caller gets an exception). */
    private void abandon(Slot s) {
        if (s.claimInVddk()) {
            giveBack(s);
        }
    }

    /** Gives back a count taken by {@link #acquireSlot()}. Never blocks for long (VDDK's thread calls it). */
    private void releaseCount() {
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

    /** Requests submitted and not yet completed by VDDK. */
    int inFlight() {
        slotLock.lock();
        try {
            return inFlight;
        } finally {
            slotLock.unlock();
        }
    }

    /** Forgets the buffers the slots remember for their address (the handle is closed). */
    void forgetBuffers() {
        slotLock.lock();
        try {
            for (Slot s : slots) {
                s.lastBuffer = NO_BUFFER;
            }
        } finally {
            slotLock.unlock();
        }
    }

    /** For tests: sets the generation of every free slot, e.g. just below the 32-bit wrap. */
    void setFreeSlotGenerations(long generation) {
        slotLock.lock();
        try {
            for (Slot s : slots) {
                if ((s.state.get() & 7) == Slot.FREE) {
                    s.state.set((generation & Slot.GENERATION_MASK) << 3 | Slot.FREE);
                }
            }
        } finally {
            slotLock.unlock();
        }
    }

    /** Slots made so far (for tests: they are reused, so this stays below twice the most requests ever outstanding). */
    int slotCount() {
        return slots.length;
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

    /** The slots in use now (a snapshot). */
    private List<Slot> slotsInUse() {
        List<Slot> inUse = new ArrayList<>();
        for (Slot s : slots) {
            if ((s.state.get() & 7) != Slot.FREE) {
                inUse.add(s);
            }
        }
        return inUse;
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
        finishHandedOver();
        for (Slot s : slotsInUse()) {
            CompletableFuture<Void> f = s.future;
            s.run(); // does nothing if VDDK has not called back or another thread has started it
            if (f == null) {
                continue; // finished meanwhile
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
        for (Slot s : slotsInUse()) {
            if (s.claimInVddk()) {
                RequestFuture f = s.future;
                releaseCount();
                if (!completionKnown) {
                    NEVER_RELEASED.add(s.buffer);
                }
                f.completeExceptionally(new IllegalStateException(why));
                freeSlot(s); // a late callback carries the old generation: ignored
                f.wakeWaiter();
            }
        }
        if (!completionKnown) {
            NEVER_RELEASED.add(callback);
        }
    }

    /** Keeps the callback reachable (JNA holds callbacks weakly) until the handle is closed. */
    Object callback() {
        return callback;
    }
}
