package io.github.vddk4j.bench;

import io.github.vddk4j.Connection;
import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.logging.VddkLogSink;
import java.nio.file.Path;

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

    /** InitEx with the given sink (null: the default SLF4J sink) and a local connection. */
    static DiskLib open(VddkLogSink sink) {
        DiskLib.Builder b = DiskLib.builder().libDir(libDir());
        if (sink != null) {
            b.logSink(sink);
        }
        return b.open();
    }

    static Connection connectLocal(DiskLib lib) {
        return lib.connect(ConnectParams.local());
    }
}
