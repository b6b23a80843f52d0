package io.github.vddk4j.tool;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long command on standard error, rewritten in place at most 5 times a second:
 * bytes done, percentage, rate and ETA. Only on a terminal; otherwise (pipes, files, tests) silent.
 */
final class Progress {
    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastPrint;
    private boolean printed;

    private Progress(PrintStream err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
    }

    static Progress start(CliContext cli, String label, long totalBytes) {
        return new Progress(cli.err(), label, totalBytes, cli.isTerminal());
    }

    void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint < 200_000_000L && done < total) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && done < total ? String.format(Locale.ROOT, "ETA %ds", (long) ((total - done) / rate)) : "";
        err.printf(Locale.ROOT, "\r%s %5.1f%% %s of %s, %.1f MiB/s %s   ", label,
                total > 0 ? 100.0 * done / total : 100.0, Units.short_(done), Units.short_(total),
                rate / Units.MIB, eta);
        err.flush();
        printed = true;
    }

    /** Ends the progress line (so the report starts on a fresh line). */
    void done() {
        if (printed) {
            err.println();
        }
    }
}
