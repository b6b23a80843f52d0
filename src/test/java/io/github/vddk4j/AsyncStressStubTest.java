package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.Stub;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Async requests under load through the stub (whose worker threads call back in any order), and
 * re-entered from their own continuations: many
 * threads on one handle at the default depth, random join orders, futures nobody joins, dropped
 * futures under GC, a close with threads parked in join. Every wait is bounded; a failure prints
 * the threads that still wait.
 */
class AsyncStressStubTest extends LocalStubConnectionTest {
    private static final long SECTORS = 4096;

    private static DiskHandle newDisk(String name) {
        return conn.open(Stub.createDisk(dir.resolve(name + ".vmdk"), SECTORS).toString());
    }

    private static String threadDump() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .map(ThreadInfo::toString).collect(Collectors.joining());
    }

    private static void awaitEnd(List<Thread> threads, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
            assertFalse(t.isAlive(), t.getName() + " still runs after " + millis + " ms\n" + threadDump());
        }
    }

    /** Sector {@code s} of the test disk holds s in every long. */
    private static void fill(DiskHandle d) {
        ByteBuffer b = d.allocateBuffer(512);
        for (long s = 0; s < SECTORS; s++) {
            b.clear();
            while (b.hasRemaining()) {
                b.putLong(s);
            }
            b.flip();
            d.write(s, b);
        }
    }

    @Test
    void aHundredThousandRequestsFromFourThreadsJoinedInRandomOrderOrNeverAllCompleteWithTheirData() throws Exception {
        int threads = 4;
        int perThread = 25_000;
        int depthPerThread = 16; // 64 in flight on the handle: its default bound
        AtomicInteger continuations = new AtomicInteger();
        AtomicLong wrongData = new AtomicLong();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> neverJoined = new CopyOnWriteArrayList<>();
        try (DiskHandle d = newDisk("stress")) {
            fill(d);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                Thread w = new Thread(() -> {
                    try {
                        Random random = new Random(seed);
                        ByteBuffer[] bufs = new ByteBuffer[depthPerThread];
                        long[] sectors = new long[depthPerThread];
                        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
                        for (int i = 0; i < depthPerThread; i++) {
                            bufs[i] = d.allocateBuffer(512);
                            inFlight.add(null);
                        }
                        for (int n = 0; n < perThread; n++) {
                            int slot = random.nextInt(depthPerThread); // joins in random order
                            CompletableFuture<Void> previous = inFlight.get(slot);
                            if (previous != null) {
                                if (random.nextInt(8) == 0) {
                                    previous.get(30, TimeUnit.SECONDS);
                                } else {
                                    previous.join();
                                }
                                ByteBuffer b = bufs[slot].flip();
                                if (b.getLong(0) != sectors[slot] || b.getLong(504) != sectors[slot]) {
                                    wrongData.incrementAndGet();
                                }
                            }
                            if (random.nextInt(64) == 0) { // its buffer is left to the request; nobody joins it
                                ByteBuffer spare = d.allocateBuffer(512);
                                CompletableFuture<Void> f = d.readAsync(random.nextInt((int) SECTORS), spare);
                                f.thenRun(continuations::incrementAndGet);
                                neverJoined.add(f);
                            }
                            sectors[slot] = random.nextInt((int) SECTORS);
                            bufs[slot].clear();
                            inFlight.set(slot, d.readAsync(sectors[slot], bufs[slot]));
                        }
                        for (CompletableFuture<Void> f : inFlight) {
                            if (f != null) {
                                f.join();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "stress-" + t);
                w.setDaemon(true);
                workers.add(w);
                w.start();
            }
            awaitEnd(workers, 120_000);
            assertEquals(List.of(), failures);
            assertEquals(0, wrongData.get(), "reads that completed with another sector's data");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (continuations.get() < neverJoined.size() && System.nanoTime() < deadline) {
                Thread.sleep(1); // nobody joins these: only VDDK's callback and the pool finish them
            }
            assertEquals(neverJoined.size(), continuations.get(), "requests nobody joined never completed\n" + threadDump());
            assertTrue(d.asyncIo().slotCount() <= 2 * 64, "slots made: " + d.asyncIo().slotCount());
        }
    }

    @Test
    void closingAHandleWhileThreadsAreParkedInJoinOnItsRequestsReturnsAndCompletesEveryFuture() throws Exception {
        for (int round = 0; round < 20; round++) {
            DiskHandle d = newDisk("close-" + round);
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(d.readAsync((i * 64L) % SECTORS, d.allocateBuffer(64 * 512)));
            }
            List<Thread> joiners = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<CompletableFuture<Void>> order = new ArrayList<>(futures);
                java.util.Collections.shuffle(order, new Random(round * 10L + t));
                Thread j = new Thread(() -> order.forEach(f -> {
                    try {
                        f.join();
                    } catch (RuntimeException failedByClose) {
                        // a request VDDK did not complete before Close fails; it must not hang
                    }
                }), "joiner-" + t);
                j.setDaemon(true);
                joiners.add(j);
                j.start();
            }
            Thread closer = new Thread(d::close, "closer");
            closer.setDaemon(true);
            closer.start();
            joiners.add(closer);
            awaitEnd(joiners, 30_000);
            assertTrue(futures.stream().allMatch(CompletableFuture::isDone));
            assertTrue(d.isClosed());
        }
    }

    @Test
    void droppedFuturesUnderGcPressureNeitherLoseNorCorruptTheirBuffers() throws Exception {
        try (DiskHandle d = newDisk("dropped")) {
            fill(d);
            List<ByteBuffer> kept = new ArrayList<>();
            List<Long> sectors = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                long sector = i % SECTORS;
                ByteBuffer b = d.allocateBuffer(512);
                d.readAsync(sector, b); // the future is dropped at once
                if (i % 100 == 0) {
                    kept.add(b);
                    sectors.add(sector);
                }
                if (i % 2_000 == 0) {
                    System.gc();
                }
            }
            System.gc();
            d.awaitAsync();
            for (int i = 0; i < kept.size(); i++) {
                ByteBuffer b = kept.get(i);
                assertEquals(512, b.position(), "completed");
                long[] expected = new long[64];
                Arrays.fill(expected, sectors.get(i));
                long[] actual = new long[64];
                b.flip().asLongBuffer().get(actual);
                assertArrayEquals(expected, actual);
            }
            assertEquals(0, d.asyncInFlight());
        }
    }

    @Test
    void requestsCompleteThroughTheStubAcrossTheWrapOfTheSlotGeneration() throws Exception {
        try (DiskHandle d = newDisk("wrap")) {
            d.readAsync(0, d.allocateBuffer(512)).join(); // makes the first slots
            d.asyncIo().setFreeSlotGenerations(0xFFFF_FFF0L);
            ByteBuffer b = d.allocateBuffer(4096);
            for (int i = 0; i < 10_000; i++) { // every slot goes across the wrap, many times over at depth 8
                List<CompletableFuture<Void>> round = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    round.add(d.readAsync(k * 8L, b.duplicate()));
                }
                if (i == 0) {
                    d.asyncIo().setFreeSlotGenerations(0xFFFF_FFFFL); // slots beyond the first ones too
                }
                for (CompletableFuture<Void> f : round) {
                    f.get(10, TimeUnit.SECONDS);
                }
            }
            assertEquals(0, d.asyncInFlight());
        }
    }
    @Test
    void interruptsRacingJoinGetAndBackPressureNeverHangNorLoseARequest() throws Exception {
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> all = new CopyOnWriteArrayList<>();
        AtomicInteger interruptedWaits = new AtomicInteger();
        try (DiskHandle d = newDisk("interrupts")) {
            d.setMaxAsyncInFlight(8); // submitters wait for slots too
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                Thread w = new Thread(() -> {
                    Random random = new Random(seed);
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int n = 0; n < 5_000; n++) {
                        try {
                            CompletableFuture<Void> f = d.readAsync(random.nextInt((int) SECTORS), d.allocateBuffer(512));
                            all.add(f);
                            mine.add(f);
                            if (mine.size() >= 4) {
                                CompletableFuture<Void> oldest = mine.remove(random.nextInt(mine.size()));
                                switch (random.nextInt(3)) {
                                    case 0 -> oldest.join();
                                    case 1 -> oldest.get();
                                    default -> oldest.get(random.nextInt(50), TimeUnit.MICROSECONDS);
                                }
                            }
                        } catch (InterruptedException | InterruptedWaitException | java.util.concurrent.TimeoutException e) {
                            interruptedWaits.incrementAndGet();
                            Thread.interrupted(); // go on: the request stays in flight and completes
                        } catch (Throwable e) {
                            unexpected.add(e);
                            return;
                        }
                    }
                    Thread.interrupted();
                }, "interrupted-" + t);
                w.setDaemon(true);
                workers.add(w);
                w.start();
            }
            Thread chaos = new Thread(() -> {
                Random random = new Random(99);
                while (workers.stream().anyMatch(Thread::isAlive)) {
                    workers.get(random.nextInt(workers.size())).interrupt();
                    java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(200) * 1000L);
                }
            }, "interrupter");
            chaos.setDaemon(true);
            chaos.start();
            awaitEnd(workers, 120_000);
            chaos.join(10_000);
            assertEquals(List.of(), unexpected);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!all.stream().allMatch(CompletableFuture::isDone) && System.nanoTime() < deadline) {
                Thread.sleep(1); // nobody joins the rest: VDDK's callback and the pool finish them
            }
            assertTrue(all.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()),
                    "requests never completed\n" + threadDump());
            assertTrue(interruptedWaits.get() > 0, "the interrupts reached waiting threads");
        }
    }
    @Test
    void awaitAsyncAndCloseCalledFromAContinuationOfTheHandlesOwnRequestReturn() throws Exception {
        DiskHandle d = newDisk("from-continuation");
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            others.add(d.readAsync(i * 8L, d.allocateBuffer(4096)));
        }
        CompletableFuture<String> awaited = d.readAsync(0, d.allocateBuffer(512)).thenApply(v -> {
            d.awaitAsync(); // on whichever thread finishes the request: a waiter or the pool
            return "awaited";
        });
        CompletableFuture<Void> mine = d.readAsync(16, d.allocateBuffer(512));
        CompletableFuture<String> closed = d.readAsync(8, d.allocateBuffer(512)).thenApply(v -> {
            d.close();
            return "closed";
        });
        Thread joiner = new Thread(() -> {
            try {
                mine.join();
            } catch (RuntimeException failedByClose) {
                // the close may come first
            }
        }, "joiner");
        joiner.setDaemon(true);
        joiner.start();
        awaitEnd(List.of(joiner), 30_000);
        try {
            assertEquals("closed", closed.get(30, TimeUnit.SECONDS));
            String a = awaited.handle((v, e) -> v != null ? v : "failed: " + e).get(30, TimeUnit.SECONDS);
            assertTrue(a.equals("awaited") || a.contains("IllegalStateException"), a); // or refused: the handle closed first
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a continuation never returned\n" + threadDump(), e);
        }
        assertTrue(d.isClosed());
        assertTrue(others.stream().allMatch(CompletableFuture::isDone));
    }
}
