package io.github.vddk4j.logging.internal;

import io.github.vddk4j.logging.LogChannel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded queue between the threads VDDK logs from and the one library thread that hands
 * messages to the sink ({@link LogBridge#DELIVERY_THREAD_NAME}). Used by {@link LogBridge#queued}.
 *
 * <p>Producers never wait for the consumer: {@link #offer} stores the message in a ring of
 * {@code capacity} slots under a lock that is only ever held for a few field updates (never while
 * the sink runs), and drops the message (counted) when the ring is full or the queue closed.
 * The consumer takes everything queued in one step and hands it over outside the lock.
 *
 * <p>Waking the consumer is what used to cost several microseconds per message (one futex wake
 * per message: the consumer emptied the queue and parked again before the next one came). Now a
 * producer wakes it only when it has announced that it sleeps; after emptying the queue the
 * consumer first lingers {@value #LINGER_MICROS} µs without announcing it, so a burst of messages
 * is collected in batches with no wake-up at all. A PANIC wakes it at once.
 */
final class DeliveryQueue {
    /** How long the consumer waits, unannounced, for more messages after emptying the queue. */
    static final long LINGER_MICROS = 1000;
    /** How long the consumer sleeps, announced, before looking again (drop reports, close). */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What the consumer does with each message, and between batches. */
    interface Consumer {
        void handOver(LogChannel channel, String message);

        /** Called on the consumer thread after each batch and each idle wake-up. */
        void idle();
    }

    private final Object lock = new Object();
    private final LogChannel[] channels;
    private final String[] messages;
    private final Consumer consumer;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    /** Messages handed to the consumer so far, in ticket order (written by the consumer only). */
    private final AtomicLong handedOver = new AtomicLong();
    // guarded by lock
    private int head;
    private int size;
    private long enqueued;
    private boolean sleeping;
    private boolean closed;

    DeliveryQueue(int capacity, Consumer consumer, String threadName) {
        this.channels = new LogChannel[capacity];
        this.messages = new String[capacity];
        this.consumer = consumer;
        this.thread = new Thread(this::drain, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    int capacity() {
        return messages.length;
    }

    /**
     * Queues a message without waiting for the consumer; returns its ticket (the count of messages
     * queued so far, for {@link #awaitHandedOver}), or 0 if it was dropped.
     */
    long offer(LogChannel channel, String message) {
        long ticket;
        boolean wake;
        synchronized (lock) {
            if (closed || size == messages.length) {
                dropped.incrementAndGet();
                return 0;
            }
            int slot = head + size;
            if (slot >= messages.length) {
                slot -= messages.length;
            }
            channels[slot] = channel;
            messages[slot] = message;
            size++;
            ticket = ++enqueued;
            wake = sleeping || channel == LogChannel.PANIC;
            sleeping = false;
        }
        if (wake) {
            LockSupport.unpark(thread);
        }
        return ticket;
    }

    private void drain() {
        boolean lingered = false;
        while (!Thread.currentThread().isInterrupted()) {
            int start;
            int n;
            synchronized (lock) {
                start = head;
                n = size;
                if (n == 0 && closed) {
                    return;
                }
                sleeping = n == 0 && lingered;
            }
            if (n > 0) {
                for (int i = 0; i < n; i++) {
                    int slot = (start + i) % messages.length;
                    LogChannel channel = channels[slot];
                    String message = messages[slot];
                    channels[slot] = null;
                    messages[slot] = null;
                    consumer.handOver(channel, message);
                    handedOver.incrementAndGet();
                }
                synchronized (lock) {
                    head = (start + n) % messages.length;
                    size -= n;
                }
                lingered = false;
            } else if (!lingered) {
                lingered = true;
                LockSupport.parkNanos(this, TimeUnit.MICROSECONDS.toNanos(LINGER_MICROS));
            } else {
                LockSupport.parkNanos(this, IDLE_NANOS);
            }
            consumer.idle();
        }
    }

    /** Waits until the message with this ticket has been handed over, at most {@code timeoutMillis}. */
    boolean awaitHandedOver(long ticket, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (handedOver.get() < ticket) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The ticket of the last message queued so far. */
    long lastTicket() {
        synchronized (lock) {
            return enqueued;
        }
    }

    /** Refuses later messages (dropped, counted), lets the consumer end once empty; returns the last ticket. */
    long close() {
        long last;
        synchronized (lock) {
            closed = true;
            last = enqueued;
        }
        LockSupport.unpark(thread);
        return last;
    }

    /** How many messages were dropped because the queue was full or closed. */
    long dropped() {
        return dropped.get();
    }
}
