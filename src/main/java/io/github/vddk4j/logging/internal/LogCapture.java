package io.github.vddk4j.logging.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the WARN and PANIC messages VDDK logs on one thread while it is open, so that an
 * exception for a failed VixDiskLib call can carry VDDK's explanation (real VDDK often returns a
 * generic code such as VIX_E_FAIL while the cause is only in its log).
 *
 * <p>Obtained from {@link LogBridge#capture()} on the thread that will make the native call, and
 * closed on that thread (try-with-resources). Bounded: at most {@value #MAX_MESSAGES} messages of at
 * most {@value #MAX_MESSAGE_CHARS} characters each are kept; what is left out is counted in
 * {@link #dropped()} and marked. Captures nest: an outer capture also sees the inner one's messages.
 */
public final class LogCapture implements AutoCloseable {
    /** Most messages kept. */
    public static final int MAX_MESSAGES = 16;
    /** Most characters kept of one message (longer ones end with {@link LogBridge#TRUNCATION_MARKER}). */
    public static final int MAX_MESSAGE_CHARS = 2048;

    private final LogBridge bridge;
    private final Thread owner;
    /** Reused by {@link LogBridge#captureCall()} after it is closed. */
    final boolean reusable;
    LogCapture outer;
    private final List<String> messages = new ArrayList<>();
    private int dropped;
    private boolean closed;

    LogCapture(LogBridge bridge, LogCapture outer, boolean reusable) {
        this.bridge = bridge;
        this.owner = Thread.currentThread();
        this.outer = outer;
        this.reusable = reusable;
    }

    /** Opens a closed reusable capture again, empty, inside {@code outer} (owner thread only). */
    synchronized void reopen(LogCapture outer) {
        this.outer = outer;
        messages.clear();
        dropped = 0;
        closed = false;
    }

    synchronized void add(String message) {
        if (closed) {
            return;
        }
        if (messages.size() >= MAX_MESSAGES) {
            dropped++;
            return;
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + LogBridge.TRUNCATION_MARKER;
        }
        messages.add(message);
    }

    /** The messages collected so far (a copy), oldest first. */
    public synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /** How many messages were left out because {@value #MAX_MESSAGES} were already kept. */
    public synchronized int dropped() {
        return dropped;
    }

    /**
     * The collected messages as one text for an exception message ({@code ""} if none), e.g.
     * {@code "VDDK logged: <m1> | <m2> (+3 more)"}.
     */
    public synchronized String summary() {
        if (messages.isEmpty()) {
            return "";
        }
        return "VDDK logged: " + String.join(" | ", messages) + (dropped > 0 ? " (+" + dropped + " more)" : "");
    }

    /**
     * Stops collecting. Idempotent.
     *
     * @throws IllegalStateException if called on a thread other than the one that opened it
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("LogCapture must be closed on the thread that opened it (" + owner.getName() + ")");
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        bridge.endCapture(this);
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
