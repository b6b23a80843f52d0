package io.github.vddk4j.reliability;

import io.github.vddk4j.DiskLib;
import io.github.vddk4j.testkit.VixDiskLibStub;
import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.VddkLogSink;
import io.github.vddk4j.testsupport.Stub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVM of {@link DroppedDiskLibTest}: opens a DiskLib, drops it without closing, then collects
 * garbage hard while the library logs from its own threads (VDDK still holds the callbacks), until
 * the safety net closes the forgotten DiskLib; then tries to open another.
 */
public final class DroppedDiskLibMain {
    static final AtomicInteger RECEIVED = new AtomicInteger();

    private DroppedDiskLibMain() {
    }

    public static void main(String[] args) throws Exception {
        open();
        int emitted = 0;
        for (int i = 0; i < 50; i++) { // GC hard while VDDK's threads keep calling the callbacks
            // emit first, then collect: the first GC may already let the safety net run Exit, and
            // at least one round must be in flight while the dropped DiskLib is collected
            if (Stub.control().VixDiskLibStub_EmitTestLogs(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 4, 25, 0) != 0) {
                break; // the safety net closed the forgotten DiskLib (Exit): no more callbacks
            }
            emitted++;
            List<byte[]> garbage = new ArrayList<>();
            for (int j = 0; j < 200; j++) {
                garbage.add(new byte[64 * 1024]);
            }
            garbage.clear();
            System.gc();
            Thread.sleep(20);
        }
        for (int i = 0; i < 300 && RECEIVED.get() < emitted * 100; i++) {
            Thread.sleep(10);
        }
        System.out.println("emitted " + emitted * 100 + " received " + RECEIVED.get());
        // The safety net closes on the Cleaner's thread: its Exit can already have stopped the
        // callbacks while it has not yet released the process slot ("already open" until then).
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                open();
                System.out.println("reopened");
                return;
            } catch (IllegalStateException e) {
                boolean closing = e.getMessage().startsWith("a DiskLib is already open");
                if (!closing || System.nanoTime() > deadline) {
                    System.out.println("reopen refused: " + e.getMessage());
                    return;
                }
                Thread.sleep(20);
            }
        }
    }

    private static void open() {
        DiskLib.builder().libDir(Stub.libDir()).logSink(new VddkLogSink() {
            @Override
            public boolean isEnabled(LogChannel channel) {
                return true;
            }

            @Override
            public void accept(LogChannel channel, String message) {
                if (message.startsWith("stub t=")) {
                    RECEIVED.incrementAndGet();
                }
            }
        }).open(); // dropped: never closed
    }
}
