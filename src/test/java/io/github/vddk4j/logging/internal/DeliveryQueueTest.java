package io.github.vddk4j.logging.internal;

import io.github.vddk4j.logging.LogChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The queue between VDDK's logging threads and the delivery thread ({@link DeliveryQueue}). */
class DeliveryQueueTest {
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    private DeliveryQueue queue(int capacity, CountDownLatch gate) {
        return new DeliveryQueue(capacity, new DeliveryQueue.Consumer() {
            @Override
            public void handOver(LogChannel channel, String message) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.add(channel + " " + message);
            }

            @Override
            public void idle() {
            }
        }, "delivery-queue-test");
    }

    @Test
    void burstsFromSeveralThreadsArriveWholeAndInOrderPerThread() throws Exception {
        DeliveryQueue q = queue(100_000, new CountDownLatch(0));
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int id = t;
            producers.add(new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    q.offer(LogChannel.LOG, id + ":" + i);
                }
            }));
        }
        producers.forEach(Thread::start);
        for (Thread p : producers) {
            p.join();
        }
        assertTrue(q.awaitHandedOver(q.lastTicket(), 10_000));
        assertEquals(30_000, received.size());
        assertEquals(0, q.dropped());
        int[] next = new int[3];
        for (String r : received) {
            String[] f = r.substring("LOG ".length()).split(":");
            int id = Integer.parseInt(f[0]);
            assertEquals(next[id]++, Integer.parseInt(f[1]), "order of thread " + id);
        }
        q.close();
    }

    @Test
    void aStuckConsumerNeverStopsProducersAndWhatDoesNotFitIsDroppedAndCounted() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        DeliveryQueue q = queue(3, gate);
        long accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (q.offer(LogChannel.WARN, "m" + i) > 0) {
                accepted++;
            }
        }
        assertEquals(3, accepted, "the ring holds its capacity, counting the message being handed over");
        assertEquals(7, q.dropped());
        gate.countDown();
        assertTrue(q.awaitHandedOver(q.close(), 10_000));
        assertEquals(List.of("WARN m0", "WARN m1", "WARN m2"), received);
        assertEquals(0, q.offer(LogChannel.WARN, "late"), "a closed queue drops");
        assertEquals(8, q.dropped());
    }

    @Test
    void aMessageWakesTheSleepingConsumerAtOnce() throws Exception {
        DeliveryQueue q = queue(10, new CountDownLatch(0));
        Thread.sleep(50); // the consumer lingered, then announced it sleeps (for 1 s)
        long start = System.nanoTime();
        assertTrue(q.awaitHandedOver(q.offer(LogChannel.LOG, "m"), 5_000));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 900, "woken, not found on the next idle look");
        q.close();
    }
}
