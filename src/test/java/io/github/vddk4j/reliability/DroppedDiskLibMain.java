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
 * Child JVM of {@link DroppedDiskLibTest}: opens a DiskLib, drops it without closing, collects
 * garbage hard, then makes the library log from its own threads (VDDK still holds the callbacks).
 */
public final class DroppedDiskLibMain {
    static final AtomicInteger RECEIVED = new AtomicInteger();

    private DroppedDiskLibMain() {
    }

    public static void main(String[] args) throws Exception {
        open();
        for (int i = 0; i < 10; i++) {
            List<byte[]> garbage = new ArrayList<>();
            for (int j = 0; j < 200; j++) {
                garbage.add(new byte[64 * 1024]);
            }
            garbage.clear();
            System.gc();
            Thread.sleep(20);
        }
        long err = Stub.control().VixDiskLibStub_EmitTestLogs(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 4, 25, 0);
        for (int i = 0; i < 200 && RECEIVED.get() < 100; i++) {
            Thread.sleep(10);
        }
        System.out.println("emit " + err + " received " + RECEIVED.get());
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
