package io.github.vddk4j.bench;

import io.github.vddk4j.Connection;
import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.Slf4jLogSink;
import io.github.vddk4j.logging.VddkLogSink;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every benchmark needs from the command line (system properties, set by
 * native-stubs/bench/compare.sh and forwarded by JMH to its forked JVMs): the VDDK distribution
 * and the disk files that the C baseline created and filled.
 */
final class BenchSetup {
    private BenchSetup() {
    }

    /** {@code -Dvddk4j.bench.libDir}: the VDDK distribution (the stub by default). */
    static Path libDir() {
        return Path.of(property("vddk4j.bench.libDir"));
    }

    /** {@code -Dvddk4j.bench.diskN}: disk N (thread N of a case uses disk N). */
    static String disk(int n) {
        return property("vddk4j.bench.disk" + n);
    }

    static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("set -D" + name + " (native-stubs/bench/compare.sh does)");
        }
        return v;
    }

    /**
     * The shared DiskLib's log sink: SLF4J, unless the log callback benchmark sets
     * {@link #levelEnabled} for its trial; then messages are only counted.
     */
    static final class BenchSink implements VddkLogSink {
        private final VddkLogSink slf4j = new Slf4jLogSink();
        /** null: SLF4J decides and receives; else every level is enabled or not, and counted. */
        volatile Boolean levelEnabled;
        final LongAdder counted = new LongAdder();

        @Override
        public boolean isEnabled(LogChannel channel) {
            Boolean forced = levelEnabled;
            return forced == null ? slf4j.isEnabled(channel) : forced;
        }

        @Override
        public void accept(LogChannel channel, String message) {
            if (levelEnabled == null) {
                slf4j.accept(channel, message);
            } else {
                counted.increment();
            }
        }
    }

    static final BenchSink SINK = new BenchSink();
    private static DiskLib lib;

    /**
     * The one DiskLib of this JVM (VDDK allows one InitEx per process), opened on first use with
     * {@link #SINK} and closed when the JVM exits: benchmarks may share a JVM (JMH without forks,
     * the smoke run) or not.
     */
    static synchronized DiskLib lib() {
        if (lib == null) {
            DiskLib opened = DiskLib.builder().libDir(libDir()).logSink(SINK).open();
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close, "bench-disklib-exit"));
            lib = opened;
        }
        return lib;
    }

    static Connection connectLocal() {
        return lib().connect(ConnectParams.local());
    }
}
