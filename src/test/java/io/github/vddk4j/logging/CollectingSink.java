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
    final AtomicLong acceptCalls = new AtomicLong();

    @Override
    public boolean isEnabled(LogChannel channel) {
        return enabled.contains(channel);
    }

    @Override
    public void accept(LogChannel channel, String message) {
        acceptCalls.incrementAndGet();
        if (errorOnAccept) {
            throw new AssertionError("sink error (test)");
        }
        if (throwOnAccept) {
            throw new IllegalStateException("sink failure (test)");
        }
        entries.add(new Entry(channel, message, Thread.currentThread()));
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
