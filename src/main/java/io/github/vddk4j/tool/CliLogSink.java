package io.github.vddk4j.tool;

import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.PhoneHomeNoise;
import io.github.vddk4j.logging.VddkLogSink;
import java.io.PrintStream;

/**
 * Where the CLI sends VDDK's log: warnings and panics to standard error as {@code vddk: ...};
 * informational messages only with {@code --verbose}. VDDK's "phone home"/CEIP noise is shown
 * only with {@code --verbose}. (The library's default sink is SLF4J, which a bare
 * {@code java -jar} has no binding for.)
 */
final class CliLogSink implements VddkLogSink {
    private final PrintStream err;
    private final boolean verbose;

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
        if (!verbose && (channel == LogChannel.LOG || isPhoneHomeNoise(message))) {
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

    static boolean isPhoneHomeNoise(String message) {
        return PhoneHomeNoise.matches(message);
    }
}
