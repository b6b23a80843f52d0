package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.github.vddk4j.testsupport.CapturedLogger;
import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What callers forget is closed by the Cleaner: the stub's counters return to zero. */
@ExtendWith(StubLeakCheck.class)
class SafetyNetTest {
    @TempDir
    Path dir;

    static void gcUntil(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            System.gc();
            Thread.sleep(20);
        }
    }

    private static void openAndForgetAHandle(Connection c, Path disk) {
        c.open(disk.toString(), OpenOption.READ_ONLY).info(); // the DiskHandle is dropped here
    }

    @Test
    void aForgottenHandleIsClosedAndReportedWhileItsConnectionLives() throws Exception {
        try (CapturedLogger reports = CapturedLogger.of(SafetyNet.LOGGER, Level.WARN)) {
            Path disk = Stub.createDisk(dir.resolve("forgotten.vmdk"), 2048);
            try (Connection c = SharedDiskLib.get().connect(ConnectParams.local())) {
                openAndForgetAHandle(c, disk);
                assertEquals(1, Stub.counter("handles"));
                gcUntil(() -> Stub.counter("handles") == 0, "the forgotten handle is closed");
                assertFalse(c.isClosed(), "only the forgotten handle was closed");
            }
            assertEquals(0, Stub.counter("connections"));
            assertTrue(reports.events().stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("forgotten.vmdk")
                    && e.getFormattedMessage().contains("became unreachable without close()")), reports.text());
        }
    }

    @Test
    void aForgottenConnectionIsClosedWithItsHandlesHandlesFirst() throws Exception {
        Path disk = Stub.createDisk(dir.resolve("both.vmdk"), 2048);
        try (CapturedLogger reports = CapturedLogger.of(SafetyNet.LOGGER, Level.WARN)) {
            WeakReference<Connection> ref = openAndForget(disk);
            gcUntil(() -> Stub.counter("handles") == 0 && Stub.counter("connections") == 0,
                    "the forgotten connection and its handle are closed");
            gcUntil(() -> ref.get() == null, "the connection is collectable");
            assertTrue(reports.text().contains("Connection (local) became unreachable"), reports.text());
        }
    }

    private static WeakReference<Connection> openAndForget(Path disk) {
        Connection c = SharedDiskLib.get().connect(ConnectParams.local());
        c.open(disk.toString(), OpenOption.READ_ONLY);
        assertEquals(1, Stub.counter("handles"));
        return new WeakReference<>(c);
    }

    @Test
    void aConnectionDoesNotKeepAForgottenHandleAlive() throws Exception {
        Path disk = Stub.createDisk(dir.resolve("weak.vmdk"), 2048);
        try (CapturedLogger reports = CapturedLogger.of(SafetyNet.LOGGER, Level.WARN);
             Connection c = SharedDiskLib.get().connect(ConnectParams.local())) {
            WeakReference<DiskHandle> ref = new WeakReference<>(c.open(disk.toString()));
            gcUntil(() -> ref.get() == null, "the open connection lets its forgotten handle be collected");
            gcUntil(() -> Stub.counter("handles") == 0, "and the handle is closed");
            assertTrue(reports.text().contains("weak.vmdk"), reports.text());
        }
    }
}
