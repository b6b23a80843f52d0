package io.github.vddk4j;

import static io.github.vddk4j.HeldAsyncReads.awaitParkedFor;
import static io.github.vddk4j.HeldAsyncReads.awaitWaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who finishes an async request with the default completion executor (the common pool): a thread
 * parked in {@code join()}/{@code get()} on one of the handle's futures, woken by VDDK's callback
 * (one hand-over), else a common-pool thread; never VDDK's thread. Over mocks whose completions
 * the test delivers, through native code, from a thread named like VDDK's.
 */
class AsyncWaiterTest {
    private static final String VDDK_THREAD = HeldAsyncReads.VDDK_THREAD;
    private final HeldAsyncReads reads = new HeldAsyncReads();
    private final FakeVddk vddk = reads.vddk;
    private final List<long[]> held = reads.held;
    private final DiskLib lib = reads.lib;
    private final DiskHandle disk = reads.disk;

    @AfterEach
    void close() {
        lib.close();
        assertEquals(Map.of(), vddk.outstanding);
    }

    private void complete(int i) throws InterruptedException {
        reads.complete(i, 0);
    }

    private CompletableFuture<Void> read() {
        return disk.readAsync(0, disk.allocateBuffer(512));
    }

    @Test
    void aThreadParkedInJoinFinishesTheRequestItselfSoItsContinuationRunsThere() throws Exception {
        CompletableFuture<Void> f = read();
        AtomicReference<String> continuation = new AtomicReference<>();
        f.thenRun(() -> continuation.set(Thread.currentThread().getName()));
        Thread joiner = new Thread(f::join, "joiner");
        joiner.start();
        awaitParkedFor(joiner, f);
        complete(0);
        joiner.join(10_000);
        assertFalse(joiner.isAlive());
        assertEquals("joiner", continuation.get(), "VDDK's callback woke the waiter, which finished the request");
    }

    @Test
    void aVddkThreadWaitingInJoinNeverFinishesRequests() throws Exception {
        List<String> errorTextThreads = new CopyOnWriteArrayList<>();
        doAnswer(inv -> {
            errorTextThreads.add(Thread.currentThread().getName());
            return null;
        }).when(vddk.lib).VixDiskLib_GetErrorText(anyLong(), any());
        CompletableFuture<Void> f = read();
        Thread vddkJoiner = new Thread(() -> {
            try {
                f.join();
            } catch (RuntimeException expected) {
                // the request fails
            }
        }, AsyncIo.COMPLETION_THREAD_NAME); // e.g. a log sink's isEnabled on one of VDDK's threads
        vddkJoiner.start();
        awaitWaiting(vddkJoiner);
        assertTrue(java.util.concurrent.locks.LockSupport.getBlocker(vddkJoiner) != f, "it did not offer to finish requests");
        long[] h = held.get(0);
        Thread t = new Thread(() -> NativeCompletion.invoke(h[0], h[1], 30028L), VDDK_THREAD);
        t.start();
        t.join(10_000);
        vddkJoiner.join(10_000);
        assertTrue(f.isCompletedExceptionally());
        assertEquals(1, errorTextThreads.size());
        assertTrue(errorTextThreads.get(0).startsWith("ForkJoinPool.commonPool-worker"), errorTextThreads.toString());
    }

    @Test
    void withNobodyWaitingACommonPoolThreadFinishesTheRequest() throws Exception {
        CompletableFuture<Void> f = read();
        AtomicReference<String> continuation = new AtomicReference<>();
        CompletableFuture<Void> done = f.thenRun(() -> continuation.set(Thread.currentThread().getName()));
        complete(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.isDone()) { // polling isDone() never finishes a request itself
            assertTrue(System.nanoTime() < deadline, "the request was never finished");
            Thread.sleep(1);
        }
        assertTrue(continuation.get().startsWith("ForkJoinPool.commonPool-worker"), continuation.get());
    }

    @Test
    void aContinuationThatBlocksOnTheWaitersThreadDoesNotHoldUpTheHandlesOtherRequests() throws Exception {
        // The scenario needs the first request finished by its parked joiner; VDDK's callback gives
        // it to the common pool instead if it finds nobody parked at that instant (a wake-up in
        // between), which is allowed: then the scenario is tried again with new requests.
        for (int attempt = 0; attempt < 5; attempt++) {
            int firstIndex = held.size();
            CompletableFuture<Void> first = read();
            CompletableFuture<Void> second = read();
            CountDownLatch secondJoined = new CountDownLatch(1);
            AtomicBoolean firstContinuationReturned = new AtomicBoolean();
            AtomicReference<String> ranOn = new AtomicReference<>();
            first.thenRun(() -> {
                ranOn.set(Thread.currentThread().getName());
                if (!ranOn.get().equals("first-joiner")) {
                    return; // not the scenario: never block a pool thread
                }
                try { // blocks the thread that finishes 'first' until another thread saw 'second' complete
                    firstContinuationReturned.set(secondJoined.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread firstJoiner = new Thread(first::join, "first-joiner");
            firstJoiner.start();
            awaitParkedFor(firstJoiner, first);
            complete(firstIndex); // firstJoiner finishes 'first' and blocks in its continuation
            Thread secondJoiner = new Thread(() -> {
                second.join();
                secondJoined.countDown();
            }, "second-joiner");
            secondJoiner.start();
            awaitWaiting(secondJoiner);
            complete(firstIndex + 1); // no thread is parked offering to finish: the common pool finishes 'second'
            firstJoiner.join(15_000);
            secondJoiner.join(15_000);
            if ("first-joiner".equals(ranOn.get())) {
                assertTrue(firstContinuationReturned.get(), "the second request did not complete while the first's"
                        + " continuation blocked its joiner");
                return;
            }
        }
        throw new AssertionError("in 5 attempts the parked joiner never finished its own request");
    }

    @Test
    void joinIgnoresAnInterruptAndKeepsTheFlagWhileGetGivesUpWithInterruptedException() throws Exception {
        CompletableFuture<Void> f = read();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread joiner = new Thread(() -> {
            Thread.currentThread().interrupt();
            f.join();
            flagKept.set(Thread.currentThread().isInterrupted());
        }, "joiner");
        joiner.start();
        awaitWaiting(joiner);
        AtomicReference<Throwable> getFailure = new AtomicReference<>();
        Thread getter = new Thread(() -> {
            try {
                f.get();
            } catch (Throwable t) {
                getFailure.set(t);
            }
        }, "getter");
        getter.start();
        awaitWaiting(getter);
        getter.interrupt();
        getter.join(10_000);
        assertTrue(getFailure.get() instanceof InterruptedException, String.valueOf(getFailure.get()));
        assertTrue(joiner.isAlive(), "join does not stop for an interrupt");
        complete(0);
        joiner.join(10_000);
        assertTrue(f.isDone());
        assertTrue(flagKept.get(), "join kept the interrupt flag");
    }

    @Test
    void getWithATimeoutGivesUpWhileTheRequestIsInVddkAndSucceedsAfterwards() throws Exception {
        CompletableFuture<Void> f = read();
        assertThrows(TimeoutException.class, () -> f.get(20, TimeUnit.MILLISECONDS));
        complete(0);
        f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void severalThreadsJoiningTheSameFuturesInAnyOrderAllReturn() throws Exception {
        int requests = 200;
        disk.setMaxAsyncInFlight(requests);
        List<CompletableFuture<Void>> futures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < requests; i++) {
            futures.add(read());
        }
        List<Thread> joiners = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<CompletableFuture<Void>> order = new java.util.ArrayList<>(futures);
            java.util.Collections.shuffle(order, new java.util.Random(t));
            Thread j = new Thread(() -> order.forEach(CompletableFuture::join), "joiner-" + t);
            joiners.add(j);
            j.start();
        }
        List<Integer> completionOrder = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, requests).boxed().toList());
        java.util.Collections.shuffle(completionOrder, new java.util.Random(42));
        Thread vddkThread = new Thread(() -> {
            for (int i : completionOrder) {
                NativeCompletion.invoke(held.get(i)[0], held.get(i)[1], 0);
                Thread.yield();
            }
        }, VDDK_THREAD);
        vddkThread.start();
        for (Thread j : joiners) {
            j.join(20_000);
            assertFalse(j.isAlive(), j.getName() + " still waits: a completion was lost");
        }
        assertTrue(futures.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
    }

    @Test
    void requestsCompleteAcrossTheWrapOfTheSlotGenerationInCbData() throws Exception {
        read(); // makes the first slots
        complete(0);
        disk.awaitAsync();
        disk.asyncIo().setFreeSlotGenerations(0xFFFF_FFFEL);
        List<CompletableFuture<Void>> futures = new CopyOnWriteArrayList<>();
        for (int round = 0; round < 4; round++) { // each slot goes 0xFFFFFFFE, 0xFFFFFFFF, 0, 1
            CompletableFuture<Void> f = read();
            complete(held.size() - 1);
            f.get(10, TimeUnit.SECONDS);
            futures.add(f);
        }
        assertTrue(futures.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
        assertEquals(0, disk.asyncInFlight());
    }

    @Test
    void manyRequestsFinishedByOneWaiterAllCompleteOffVddksThread() throws Exception {
        List<CompletableFuture<Void>> futures = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 32; i++) {
            CompletableFuture<Void> f = read();
            f.thenRun(() -> threads.add(Thread.currentThread().getName()));
            futures.add(f);
        }
        CompletableFuture<Void> last = futures.get(31);
        Thread joiner = new Thread(last::join, "joiner");
        joiner.start();
        awaitParkedFor(joiner, last);
        for (int i = 0; i < 32; i++) {
            complete(i);
        }
        joiner.join(10_000);
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(32, threads.size());
        assertFalse(threads.contains(VDDK_THREAD), threads.toString());
        // which of the joiner and the pool finished which request depends on timing: a request
        // with continuations other than the joiner's own goes to the pool, and so does one that
        // completes while the joiner is busy finishing others
        assertEquals(0, disk.asyncInFlight());
    }
}
