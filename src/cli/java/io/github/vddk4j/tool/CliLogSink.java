package io.github.vddk4j.tool;

import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.PhoneHomeNoise;
import io.github.vddk4j.logging.VddkLogSink;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the CLI sends VDDK's log: warnings and panics to standard error as {@code vddk warning:}
 * and {@code vddk PANIC:}, each distinct warning once per run; informational messages and VDDK's
 * "phone home"/CEIP noise only with {@code --verbose}. Error lines do not repeat these warnings.
 */
final class CliLogSink implements VddkLogSink {
    private final PrintStream err;
    private final boolean verbose;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    CliLogSink(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public boolean isEnabled(LogChannel channel) {
        return verbose || channel != LogChannel.LOG;
    }

    @Override
    public void accept(LogChannel channel, String message) {
        if (!verbose && (channel == LogChannel.LOG || PhoneHomeNoise.matches(message))) {
            return;
        }
        if (channel == LogChannel.WARN && !warned.add(message)) {
            return;
        }
        String prefix = switch (channel) {
            case LOG -> "vddk: ";
            case WARN -> "vddk warning: ";
            case PANIC -> "vddk PANIC: ";
        };
        synchronized (err) {
            err.println(prefix + message);
        }
    }
}
