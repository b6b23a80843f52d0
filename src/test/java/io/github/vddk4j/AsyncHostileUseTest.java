package io.github.vddk4j;

import static io.github.vddk4j.HeldAsyncReads.awaitParkedFor;
import static io.github.vddk4j.HeldAsyncReads.awaitWaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or careless caller does with the futures of async requests (default completion
 * executor: waiting threads finish requests): cancels or completes them itself, joins them from
 * continuations, from the common pool, from many threads while the DiskLib closes. Nothing may
 * hang: every wait is bounded, and a failure prints the threads that still wait. Over mocks whose
 * completions the test delivers through native code from a thread named like VDDK's.
 */
class AsyncHostileUseTest {
    private final HeldAsyncReads reads = new HeldAsyncReads();
    private final List<long[]> held = reads.held;
    private final DiskLib lib = reads.lib;
    private final DiskHandle disk = reads.disk;
    private final List<Thread> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        lib.close();
        for (Thread t : started) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " never returned\n" + threadDump());
        }
        assertEquals(Map.of(), reads.vddk.outstanding);
    }

    private Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true); // a test that fails by hanging leaves nothing behind that keeps the JVM alive
        started.add(t);
        t.start();
        return t;
    }

    private void complete(int i) throws InterruptedException {
        reads.complete(i, 0);
    }

    private CompletableFuture<Void> read() {
        return disk.readAsync(0, disk.allocateBuffer(512));
    }

    private static void awaitEnd(Thread t, long millis) throws InterruptedException {
        t.join(millis);
        assertFalse(t.isAlive(), t.getName() + " still waits after " + millis + " ms\n" + threadDump());
    }

    private static String threadDump() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .map(ThreadInfo::toString).collect(Collectors.joining());
    }

    @Test
    void cancellingAFutureWakesTheThreadParkedInItsJoinWhileTheRequestIsStillInVddkAndLeavesItsBufferAlone() throws Exception {
        java.nio.ByteBuffer buffer = disk.allocateBuffer(512);
        CompletableFuture<Void> f = disk.readAsync(0, buffer);
        AtomicReference<Throwable> joined = new AtomicReference<>();
        Thread joiner = start("joiner", () -> {
            try {
                f.join();
            } catch (Throwable t) {
                joined.set(t);
            }
        });
        awaitParkedFor(joiner, f);
        assertTrue(f.cancel(true));
        awaitEnd(joiner, 5_000); // VDDK has not completed the request: nothing else would wake the joiner
        assertTrue(joined.get() instanceof CancellationException, String.valueOf(joined.get()));
        buffer.position(7); // the caller gave up on the request and uses its buffer otherwise
        complete(0); // VDDK's late completion of a cancelled request is harmless
        assertEquals(0, disk.asyncInFlight());
        assertEquals(7, buffer.position(), "the late completion left the position alone");
    }

    @Test
    void aCallerCompletingOrTimingOutAFutureWakesItsParkedGetters() throws Exception {
        CompletableFuture<Void> completed = read();
        CompletableFuture<Void> timedOut = read();
        List<Throwable> outcomes = new CopyOnWriteArrayList<>();
        Thread first = start("get-completed", () -> {
            try {
                completed.get();
                outcomes.add(new AssertionError("returned normally"));
            } catch (Throwable t) {
                outcomes.add(t);
            }
        });
        awaitParkedFor(first, completed);
        completed.completeExceptionally(new IllegalStateException("given up by the caller"));
        awaitEnd(first, 5_000);
        Thread second = start("get-timed-out", () -> {
            try {
                timedOut.orTimeout(50, TimeUnit.MILLISECONDS).get();
            } catch (Throwable t) {
                outcomes.add(t);
            }
        });
        awaitEnd(second, 5_000);
        assertEquals(2, outcomes.size(), outcomes.toString());
        assertTrue(outcomes.get(0).getCause() instanceof IllegalStateException, outcomes.toString());
        assertTrue(outcomes.get(1).getCause() instanceof TimeoutException, outcomes.toString());
        complete(0);
        complete(1);
        assertEquals(0, disk.asyncInFlight());
    }

    @Test
    void aContinuationOfAnotherRequestThatWaitsForTheJoinerNeverRunsOnTheJoiner() throws Exception {
        CompletableFuture<Void> mine = read();
        CompletableFuture<Void> other = read();
        CountDownLatch joinerReturned = new CountDownLatch(1);
        AtomicReference<String> ranOn = new AtomicReference<>();
        CompletableFuture<Boolean> sawJoinerReturn = other.thenApply(v -> {
            ranOn.set(Thread.currentThread().getName());
            try { // e.g. a pipeline stage that waits for the main loop's next step
                return joinerReturned.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        Thread joiner = start("joiner", () -> {
            mine.join();
            joinerReturned.countDown();
        });
        awaitParkedFor(joiner, mine);
        complete(1); // 'other' completes while the joiner of 'mine' is parked
        complete(0);
        awaitEnd(joiner, 10_000);
        assertTrue(sawJoinerReturn.get(10, TimeUnit.SECONDS),
                "the continuation of another request ran on the joiner, which then waited for itself: " + ranOn.get());
    }

    @Test
    void joinFromAContinuationRunningOnTheWaiterFinishesTheJoinedRequest() throws Exception {
        CompletableFuture<Void> first = read();
        CompletableFuture<Void> second = read();
        CompletableFuture<String> nested = first.thenApply(v -> {
            second.join(); // runs on the thread that finishes 'first'
            return Thread.currentThread().getName();
        });
        Thread joiner = start("joiner", first::join);
        awaitParkedFor(joiner, first);
        complete(0);
        awaitParkedFor(joiner, second); // inside its own continuation, parked again for 'second'
        complete(1);
        assertEquals("joiner", nested.get(10, TimeUnit.SECONDS));
        awaitEnd(joiner, 10_000);
    }

    @Test
    void joinOnTheCommonPoolFromMoreTasksThanItHasThreadsAllReturn() throws Exception {
        int tasks = ForkJoinPool.getCommonPoolParallelism() + 4;
        disk.setMaxAsyncInFlight(tasks);
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            requests.add(read());
        }
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (CompletableFuture<Void> r : requests) {
            joins.add(CompletableFuture.runAsync(r::join)); // common-pool tasks blocked in join
        }
        Thread.sleep(50);
        Thread vddkThread = start(HeldAsyncReads.VDDK_THREAD, () -> {
            for (int i = tasks - 1; i >= 0; i--) {
                NativeCompletion.invoke(held.get(i)[0], held.get(i)[1], 0);
            }
        });
        awaitEnd(vddkThread, 10_000);
        try {
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("common-pool joiners still wait\n" + threadDump(), e);
        }
        assertEquals(0, disk.asyncInFlight());
    }

    @Test
    void commonPoolTasksBlockedInJoinLetThePoolRunOtherTasksMeanwhile() throws Exception {
        int tasks = ForkJoinPool.getCommonPoolParallelism();
        disk.setMaxAsyncInFlight(tasks);
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            requests.add(read());
        }
        // ForkJoinPool itself: CompletableFuture's *Async methods use a thread per task, not the
        // common pool, when its parallelism is 1 (2 cores)
        ForkJoinPool pool = ForkJoinPool.commonPool();
        List<java.util.concurrent.Future<?>> joins = new ArrayList<>();
        for (CompletableFuture<Void> r : requests) {
            joins.add(pool.submit(() -> r.join())); // every worker of the pool blocked in join
        }
        Thread.sleep(50);
        try {
            // a blocked worker reports to its pool (managedBlock), which adds a thread for this task
            pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the common pool ran nothing while its workers waited in join\n" + threadDump(), e);
        } finally {
            Thread vddkThread = start(HeldAsyncReads.VDDK_THREAD, () -> {
                for (int i = 0; i < tasks; i++) {
                    NativeCompletion.invoke(held.get(i)[0], held.get(i)[1], 0);
                }
            });
            awaitEnd(vddkThread, 10_000);
        }
        for (java.util.concurrent.Future<?> j : joins) {
            j.get(10, TimeUnit.SECONDS);
        }
        assertEquals(0, disk.asyncInFlight());
    }

    @Test
    void closingTheDiskLibWhileThreadsAreParkedInJoinAndGetFailsTheirFuturesAndNobodyHangs() throws Exception {
        int requests = 16;
        disk.setMaxAsyncInFlight(requests);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            futures.add(read());
        }
        List<Throwable> outcomes = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 6; t++) {
            int first = t;
            start("joiner-" + t, () -> {
                for (int i = 0; i < requests; i++) {
                    CompletableFuture<Void> f = futures.get((first + i) % requests);
                    try {
                        if (first % 2 == 0) {
                            f.join();
                        } else {
                            f.get(30, TimeUnit.SECONDS);
                        }
                    } catch (Throwable e) {
                        outcomes.add(e);
                    }
                }
            });
        }
        for (Thread t : started) {
            awaitWaiting(t);
        }
        complete(3); // one completes normally just before the close
        Thread closer = start("closer", lib::close);
        awaitEnd(closer, 10_000);
        for (Thread t : new ArrayList<>(started)) {
            awaitEnd(t, 10_000);
        }
        assertEquals(6 * (requests - 1), outcomes.size(), "every joiner saw each failed request fail");
        assertTrue(outcomes.stream().allMatch(e -> e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException),
                outcomes.toString());
        assertThrows(IllegalStateException.class, this::read, "a request after close is refused before VDDK");
    }
    /**
     * VDDK's callback links completed requests into a list for the parked waiter; if the waiter is
     * slow to wake (preempted; here suspended), another thread (awaitAsync) must not finish a linked
     * request: its slot would be reused, linked again and cut off the requests behind it.
     */
    @Test
    @SuppressWarnings("removal") // Thread.suspend: the only way to hold a woken waiter off the CPU on cue
    void aRequestLinkedForASlowWaiterIsNeverLostWhenAnotherThreadFinishesAndReusesTheSlotAboveIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 20, "Thread.suspend works up to Java 19");
        CompletableFuture<Void> waited = read();
        CompletableFuture<Void> above = read();
        Thread waiter = start("slow-waiter", () -> assertThrows(CancellationException.class, waited::join));
        awaitParkedFor(waiter, waited);
        waiter.suspend();
        try {
            AtomicReference<Throwable> awaitFailure = new AtomicReference<>();
            Thread awaiting = start("awaitAsync", () -> {
                try {
                    disk.awaitAsync(); // snapshot of the slots in use: 'waited' and 'above'
                } catch (Throwable t) {
                    awaitFailure.set(t);
                }
            });
            awaitWaiting(awaiting); // waits for 'waited' (the suspended waiter holds the parked place)
            CompletableFuture<Void> below = read(); // a slot the snapshot does not hold
            complete(2); // 'below' is linked for the waiter
            complete(1); // 'above' is linked on top of it
            waited.cancel(false); // awaitAsync goes on to 'above'
            awaitEnd(awaiting, 10_000);
            assertTrue(awaitFailure.get() == null || awaitFailure.get() instanceof CancellationException, String.valueOf(awaitFailure.get()));
            CompletableFuture<Void> reuse = read(); // takes the slot freed last
            complete(3);
            waiter.resume();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(below.isDone() && reuse.isDone()) && System.nanoTime() < deadline) {
                Thread.sleep(1); // polling isDone() never finishes a request itself
            }
            assertTrue(below.isDone(), "a completed request was lost from the waiter's list");
            assertTrue(reuse.isDone());
            assertTrue(above.isDone());
        } finally {
            waiter.resume();
        }
        complete(0);
    }
}
