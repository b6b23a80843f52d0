package io.github.vddk4j;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and traces VixDiskLib calls for one DiskLib opened with {@code observeCalls(true)}: per
 * function the calls, failures, bytes and time (read by {@link DiskLib#callStatistics()}), and at
 * TRACE on logger {@value #LOGGER} one line per call: function, what it was about (a path, a
 * server; never a secret), bytes, result and duration. Absent (null) when not asked for, so the data
 * path then pays one null check.
 */
final class CallObserver {
    /** The logger of the per-call trace. */
    static final String LOGGER = "vddk4j.calls";
    private static final Logger TRACE = LoggerFactory.getLogger(LOGGER);

    private static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    private final Map<String, Counters> byFunction = new ConcurrentHashMap<>();

    /** Records one returned call. */
    void record(String function, String context, long bytes, long vixError, long nanos) {
        Counters c = byFunction.computeIfAbsent(function, f -> new Counters());
        c.calls.increment();
        if (vixError != 0) {
            c.failures.increment();
        }
        c.bytes.add(bytes);
        c.nanos.add(nanos);
        if (TRACE.isTraceEnabled()) {
            VixErrorCode code = VixErrorCode.of(vixError);
            TRACE.trace("{}({}{}) -> {} in {} us", function, context == null ? "" : context,
                    bytes == 0 ? "" : ", " + bytes + " bytes",
                    code == VixErrorCode.UNKNOWN ? "VixError " + vixError : code.name(), nanos / 1000);
        }
    }

    /** The statistics so far, by function name. */
    Map<String, CallStatistics> snapshot() {
        Map<String, CallStatistics> result = new TreeMap<>();
        byFunction.forEach((f, c) -> result.put(f, new CallStatistics(f, c.calls.sum(), c.failures.sum(),
                c.bytes.sum(), Duration.ofNanos(c.nanos.sum()))));
        return Map.copyOf(result);
    }
}
