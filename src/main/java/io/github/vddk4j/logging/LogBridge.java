package io.github.vddk4j.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes VDDK's formatted native log messages to a {@link VddkLogSink}, to the {@link LogCapture}s
 * active on the calling thread, and applies the {@link PanicPolicy}. One per {@code DiskLib};
 * thread-safe, with no shared mutable buffer (formatting happens in the native callbacks,
 * {@code io.github.vddk4j.jna.VixDiskLibLogFunctions}, into per-thread memory).
 *
 * <p>Nothing thrown by the sink or the panic action leaves {@link #deliver}: it is caught, counted
 * ({@link #failures()}), and reported once through the SLF4J logger {@value #BRIDGE_LOGGER}.
 */
public final class LogBridge {
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

    /**
     * @param sink        where messages go (e.g. {@code new Slf4jLogSink()})
     * @param panicPolicy what to do after a panic message ({@link PanicPolicy#DEFAULT})
     */
    public LogBridge(VddkLogSink sink, PanicPolicy panicPolicy) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.panicPolicy = Objects.requireNonNull(panicPolicy, "panicPolicy");
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
            if (enabled) {
                try {
                    sink.accept(channel, message);
                } catch (Throwable t) {
                    reportFailure("VddkLogSink.accept threw", t);
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

    /** How many messages were delivered (formatted and routed). */
    public long delivered() {
        return delivered.get();
    }

    /** How many panic messages were delivered. */
    public long panics() {
        return panics.get();
    }
}
