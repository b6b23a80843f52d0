package io.github.vddk4j.testsupport;

import io.github.vddk4j.DiskLib;
import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.Slf4jLogSink;
import io.github.vddk4j.logging.VddkLogSink;

/**
 * The one {@link DiskLib} of a test JVM, on the stub: VDDK is initialised once per process, so
 * integration tests that need no InitEx of their own (no config, no log sink, no lifecycle test)
 * share this one instead of opening and closing their own. It is opened on first use and closed
 * ({@code VixDiskLib_Exit}) when the JVM shuts down. Tests must close the connections, handles and
 * leases they open ({@link StubLeakCheck} checks). Tests that need their own InitEx run in their own
 * JVM: tag the class {@link OwnJvm#TAG} (one JVM per class) or extend it with {@link OwnJvmPerTest}.
 */
public final class SharedDiskLib {
    private static DiskLib lib;

    /**
     * The shared DiskLib's sink: VDDK's log and warn lines are expected in tests that provoke errors
     * (they still travel inside each VddkCallException, captured on the calling thread), so they
     * are not printed; a panic is.
     */
    private static final VddkLogSink QUIET = new VddkLogSink() {
        @Override
        public boolean isEnabled(LogChannel channel) {
            return channel == LogChannel.PANIC;
        }

        @Override
        public void accept(LogChannel channel, String message) {
            new Slf4jLogSink().accept(channel, message);
        }
    };

    private SharedDiskLib() {
    }

    /** The shared DiskLib, opened with the stub's libDir on first use. */
    public static synchronized DiskLib get() {
        if (lib == null) {
            DiskLib opened = DiskLib.builder().libDir(Stub.libDir()).logSink(QUIET).open();
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close, "shared-disklib-exit"));
            lib = opened;
        }
        return lib;
    }
}
