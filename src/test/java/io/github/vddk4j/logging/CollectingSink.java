package io.github.vddk4j.logging;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** A thread-safe test sink: records every message with its channel and the Java thread it arrived on. */
final class CollectingSink implements VddkLogSink {
    record Entry(LogChannel channel, String message, Thread thread) {}

    final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    volatile Set<LogChannel> enabled = EnumSet.allOf(LogChannel.class);
    volatile boolean throwOnAccept;
    volatile boolean errorOnAccept;
    /** accept calls for the stub's test messages ({@code "stub t=..."}); VDDK's other messages are not counted. */
    final AtomicLong acceptCalls = new AtomicLong();
    /** exceptions thrown by this sink (any message). */
    final AtomicLong thrown = new AtomicLong();

    @Override
    public boolean isEnabled(LogChannel channel) {
        return enabled.contains(channel);
    }

    @Override
    public void accept(LogChannel channel, String message) {
        if (isTestMessage(message)) {
            acceptCalls.incrementAndGet();
        }
        if (errorOnAccept) {
            thrown.incrementAndGet();
            throw new AssertionError("sink error (test)");
        }
        if (throwOnAccept) {
            thrown.incrementAndGet();
            throw new IllegalStateException("sink failure (test)");
        }
        if (isTestMessage(message)) {
            entries.add(new Entry(channel, message, Thread.currentThread()));
        }
    }

    /** Whether a message comes from VixDiskLibStub_EmitTestLogs (the stub also logs on its own). */
    static boolean isTestMessage(String message) {
        return message.startsWith("stub t=");
    }

    List<Entry> drain() {
        List<Entry> out = new ArrayList<>();
        Entry e;
        while ((e = entries.poll()) != null) {
            out.add(e);
        }
        return out;
    }
}
