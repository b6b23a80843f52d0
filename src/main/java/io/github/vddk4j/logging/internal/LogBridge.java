package io.github.vddk4j.logging.internal;

import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.PanicPolicy;
import io.github.vddk4j.logging.Slf4jLogSink;
import io.github.vddk4j.logging.VddkLogSink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes VDDK's formatted native log messages to a {@link VddkLogSink}, to the {@link LogCapture}s
 * active on the calling thread, and applies the {@link PanicPolicy}. One per {@code DiskLib};
 * thread-safe, with no shared mutable buffer (formatting happens in the native callbacks,
 * {@code io.github.vddk4j.logging.internal.NativeLogFunctions}, into per-thread memory).
 *
 * <p><b>Queued delivery</b> ({@link #queued}, what {@code DiskLib} uses): VDDK's threads never wait
 * on the sink. A message is put in a bounded queue and handed to the sink by one library thread
 * ({@value #DELIVERY_THREAD_NAME}), in order, without waking that thread per message (see
 * {@code DeliveryQueue}); when the queue is full the message is dropped, counted
 * ({@link #dropped()}) and reported at WARN through {@value #BRIDGE_LOGGER} (at most every
 * {@value #DROP_REPORT_INTERVAL_SECONDS} s). Captures still happen on the calling thread, so the
 * WARN/PANIC lines that travel inside exceptions are never lost. A PANIC waits at most
 * {@value #PANIC_DELIVERY_WAIT_MILLIS} ms for the sink before the panic policy applies. A bridge built
 * with the constructor calls the sink on the calling thread (unit tests, raw-layer use).
 *
 * <p>Nothing thrown by the sink or the panic action leaves {@link #deliver}: it is caught, counted
 * ({@link #failures()}), and reported once through the SLF4J logger {@value #BRIDGE_LOGGER}.
 */
public final class LogBridge {
    /** Name of the thread that hands queued messages to the sink. */
    public static final String DELIVERY_THREAD_NAME = "vddk4j-log-delivery";
    /** Messages the queue of {@link #queued(VddkLogSink, PanicPolicy)} holds. */
    public static final int DEFAULT_QUEUE_CAPACITY = 8192;
    /** Longest wait for the sink to take a PANIC message before the panic policy applies. */
    public static final long PANIC_DELIVERY_WAIT_MILLIS = 2000;
    /** Drops are reported at WARN at most this often. */
    public static final long DROP_REPORT_INTERVAL_SECONDS = 10;
    /** Appended to a message that was cut because it was too long to keep whole. */
    public static final String TRUNCATION_MARKER = " ...[truncated by vddk4j]";
    /** Where the bridge reports its own problems (a throwing sink, a formatting failure). */
    public static final String BRIDGE_LOGGER = "vddk4j.logbridge";

    private static final Logger SELF = LoggerFactory.getLogger(BRIDGE_LOGGER);

    private final VddkLogSink sink;
    private final PanicPolicy panicPolicy;
    /** Per thread: the innermost open capture, and a closed one kept for reuse by {@link #captureCall()}. */
    private static final class ThreadCaptures {
        LogCapture innermost;
        LogCapture spare;
    }

    private final ThreadLocal<ThreadCaptures> captures = ThreadLocal.withInitial(ThreadCaptures::new);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong panics = new AtomicLong();
    /** Queued delivery: null when the sink is called on the calling thread. */
    private final DeliveryQueue queue;
    private long droppedReported;
    private long lastDropReportNanos;

    /**
     * @param sink        where messages go (e.g. {@code new Slf4jLogSink()})
     * @param panicPolicy what to do after a panic message ({@link PanicPolicy#DEFAULT})
     */
    public LogBridge(VddkLogSink sink, PanicPolicy panicPolicy) {
        this(sink, panicPolicy, 0);
    }

    private LogBridge(VddkLogSink sink, PanicPolicy panicPolicy, int queueCapacity) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.panicPolicy = Objects.requireNonNull(panicPolicy, "panicPolicy");
        if (queueCapacity > 0) {
            queue = new DeliveryQueue(queueCapacity, new DeliveryQueue.Consumer() {
                @Override
                public void handOver(LogChannel channel, String message) {
                    LogBridge.this.handOver(channel, message);
                }

                @Override
                public void idle() {
                    reportDrops(false);
                }
            }, DELIVERY_THREAD_NAME);
        } else {
            queue = null;
        }
    }

    /**
     * A bridge that hands messages to the sink on its own thread through a queue of
     * {@link #DEFAULT_QUEUE_CAPACITY} messages (see the class comment).
     */
    public static LogBridge queued(VddkLogSink sink, PanicPolicy panicPolicy) {
        return queued(sink, panicPolicy, DEFAULT_QUEUE_CAPACITY);
    }

    /** {@link #queued(VddkLogSink, PanicPolicy)} with a queue of {@code capacity} messages (at least 1). */
    public static LogBridge queued(VddkLogSink sink, PanicPolicy panicPolicy, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        return new LogBridge(sink, panicPolicy, capacity);
    }

    /** A bridge to {@link Slf4jLogSink} with {@link PanicPolicy#DEFAULT}. */
    public LogBridge() {
        this(new Slf4jLogSink(), PanicPolicy.DEFAULT);
    }

    /** The sink. */
    public VddkLogSink sink() {
        return sink;
    }

    /** The panic policy. */
    public PanicPolicy panicPolicy() {
        return panicPolicy;
    }

    /**
     * Starts collecting the WARN and PANIC messages logged on the current thread (whatever the sink's
     * levels) until the returned capture is closed. Use around each native call:
     * {@code try (LogCapture c = bridge.capture()) { err = lib.VixDiskLib_Open(...); ... c.summary() }}.
     */
    public LogCapture capture() {
        ThreadCaptures t = captures.get();
        LogCapture c = new LogCapture(this, t.innermost, false);
        t.innermost = c;
        return c;
    }

    /**
     * {@link #capture()} for one native call, without allocating: the thread's closed capture is
     * reused, so the returned capture and its {@link LogCapture#messages()} are valid only until
     * it is closed (read them before). vddk4j's data path uses this around every Read/Write.
     */
    public LogCapture captureCall() {
        ThreadCaptures t = captures.get();
        LogCapture c = t.spare;
        if (c == null) {
            c = new LogCapture(this, t.innermost, true);
        } else {
            t.spare = null;
            c.reopen(t.innermost);
        }
        t.innermost = c;
        return c;
    }

    void endCapture(LogCapture c) {
        ThreadCaptures t = captures.get();
        if (t.innermost == c) {
            LogCapture outer = c.outer;
            while (outer != null && outer.isClosed()) {
                outer = outer.outer;
            }
            t.innermost = outer;
            if (c.reusable) {
                t.spare = c; // closed in order: nothing open refers to it any more
            }
        }
        // a capture closed out of order stays in the chain but ignores messages (it is closed)
    }

    /**
     * Whether a message of this channel is wanted on the current thread: PANIC always; WARN when the
     * sink wants it or a capture is active; LOG when the sink wants it. Called by the native callback
     * <em>before</em> formatting; never throws.
     */
    public boolean wants(LogChannel channel) {
        if (channel == LogChannel.PANIC) {
            return true;
        }
        if (channel == LogChannel.WARN && captures.get().innermost != null) {
            return true;
        }
        try {
            return sink.isEnabled(channel);
        } catch (Throwable t) {
            reportFailure("VddkLogSink.isEnabled threw", t);
            return false;
        }
    }

    /**
     * Delivers one formatted message (trailing newline already removed) from the native callback of
     * {@code channel}: to the sink if it is enabled, to every open capture on this thread (WARN and
     * PANIC, except phone-home/CEIP noise), then applies the panic policy for PANIC. Never throws.
     */
    public void deliver(LogChannel channel, String message) {
        try {
            delivered.incrementAndGet();
            if (channel != LogChannel.LOG && !Slf4jLogSink.isPhoneHomeNoise(message)) {
                for (LogCapture c = captures.get().innermost; c != null; c = c.outer) {
                    c.add(message);
                }
            }
            boolean enabled;
            try {
                enabled = channel == LogChannel.PANIC || sink.isEnabled(channel);
            } catch (Throwable t) {
                reportFailure("VddkLogSink.isEnabled threw", t);
                enabled = false;
            }
            if (enabled && queue == null) {
                handOver(channel, message);
            } else if (enabled) {
                long ticket = queue.offer(channel, message);
                if (channel == LogChannel.PANIC && ticket > 0) {
                    queue.awaitHandedOver(ticket, PANIC_DELIVERY_WAIT_MILLIS);
                }
            }
            if (channel == LogChannel.PANIC) {
                panics.incrementAndGet();
                applyPanicPolicy(message);
            }
        } catch (Throwable t) {
            reportFailure("log bridge failed", t);
        }
    }

    private void handOver(LogChannel channel, String message) {
        try {
            sink.accept(channel, message);
        } catch (Throwable t) {
            reportFailure("VddkLogSink.accept threw", t);
        }
    }

    /**
     * Reports drops not reported yet: the first at once, later ones at most every
     * {@value #DROP_REPORT_INTERVAL_SECONDS} s, and at {@code last} (the bridge closes) the final
     * count whatever the interval, so the last report always has the total.
     */
    private synchronized void reportDrops(boolean last) {
        long d = queue.dropped();
        long now = System.nanoTime();
        if (d > droppedReported && (last || droppedReported == 0
                || now - lastDropReportNanos >= TimeUnit.SECONDS.toNanos(DROP_REPORT_INTERVAL_SECONDS))) {
            try {
                SELF.warn("{} VDDK log message(s) dropped {}: the VddkLogSink did not keep up with a queue of {}"
                        + " (VDDK never waits for the sink)", d, last ? "in all" : "so far", queue.capacity());
            } catch (Throwable ignored) {
                // reporting must not stop delivery
            }
            droppedReported = d;
            lastDropReportNanos = now;
        }
    }

    /**
     * Waits until every message queued before this call has been handed to the sink, at most
     * {@code timeout}. Returns at once for a bridge without a queue.
     *
     * @return whether everything was handed over in time
     */
    public boolean awaitDelivered(Duration timeout) {
        if (queue == null) {
            return true;
        }
        return queue.awaitHandedOver(queue.lastTicket(), timeout.toMillis());
    }

    /**
     * Stops queueing (later messages are dropped and counted) and waits at most {@code timeout}
     * for the queued ones to reach the sink; the delivery thread ends once the queue is empty. A
     * sink that blocks keeps only that daemon thread, never the caller. Idempotent.
     *
     * @return whether everything queued was handed over in time
     */
    public boolean close(Duration timeout) {
        if (queue == null) {
            return true;
        }
        boolean handedOver = queue.awaitHandedOver(queue.close(), timeout.toMillis());
        reportDrops(true);
        return handedOver;
    }

    /** How many messages were dropped because the queue was full (or the bridge closed). */
    public long dropped() {
        return queue == null ? 0 : queue.dropped();
    }

    private void applyPanicPolicy(String message) {
        if (panicPolicy instanceof PanicPolicy.HaltJvm h) {
            Runtime.getRuntime().halt(h.exitStatus());
        } else if (panicPolicy instanceof PanicPolicy.Custom c) {
            try {
                c.action().accept(message);
            } catch (Throwable t) {
                reportFailure("PanicPolicy action threw", t);
            }
        }
    }

    /**
     * Counts a failure inside the bridge or a native callback (formatting, sink) and reports the first
     * one at WARN (later ones at DEBUG) through {@value #BRIDGE_LOGGER}. Never throws.
     */
    public void reportFailure(String what, Throwable t) {
        long n = failures.incrementAndGet();
        try {
            if (n == 1) {
                SELF.warn("{} (further failures are counted and logged at DEBUG): {}", what, t.toString(), t);
            } else if (SELF.isDebugEnabled()) {
                SELF.debug("{} (failure #{}): {}", what, n, t.toString());
            }
        } catch (Throwable ignored) {
            // nothing may escape into native code
        }
    }

    /** How many exceptions the bridge caught (from the sink, the panic action, or formatting). */
    public long failures() {
        return failures.get();
    }

    /** How many messages were delivered (formatted and routed; queued ones count when queued). */
    public long delivered() {
        return delivered.get();
    }

    /** How many panic messages were delivered. */
    public long panics() {
        return panics.get();
    }
}
