package io.github.vddk4j.jna;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test support: where the stub VDDK distribution is and how to load it through the raw layer. */
public final class StubTestSupport {
    private StubTestSupport() {}

    /** {@code vddk4j.test.libDir} (set by surefire to target/vddk-stub). */
    public static Path libDir() {
        String dir = System.getProperty("vddk4j.test.libDir");
        if (dir == null) {
            throw new IllegalStateException("system property vddk4j.test.libDir is not set (run the tests through Maven)");
        }
        Path p = Path.of(dir).toAbsolutePath();
        if (!Files.isDirectory(p.resolve("lib64"))) {
            throw new IllegalStateException("no stub VDDK at " + p + " (did `make -C native-stubs` run?)");
        }
        return p;
    }

    /** Loads the stub through {@link VixDiskLibLoader}. */
    public static LoadedVixDiskLib load() {
        return new VixDiskLibLoader().load(libDir());
    }

    /** The exact text the stub's EmitTestLogs formula produces for thread t, message i (without the newline). */
    public static String expectedTestLog(int t, int i, int longLength) {
        StringBuilder tail = new StringBuilder(longLength);
        for (int k = 0; k < longLength; k++) {
            tail.append((char) ('a' + (t + i + k) % 26));
        }
        return "stub t=" + t + " i=" + Integer.toUnsignedString(i) + " s=abc neg=" + (-(long) (i + 1) * 1000000007L)
                + " big=" + Long.toUnsignedString(-1L - i) + " hex=" + Integer.toHexString(0xC0DE0000 + i)
                + " ptr=0x" + Long.toHexString(0x1000 + i) + " pct=% tail=" + tail;
    }
}
