package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.OwnJvmPerTest;
import io.github.vddk4j.testsupport.Stub;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 4: a failed Close or Disconnect leaves the object "close failed" (unusable,
 * retryable); a retried close, or the DiskLib's close, releases the disk so it can be reopened.
 */
@ExtendWith(OwnJvmPerTest.class)
class FailedCloseTest {
    private static final long VIX_E_FAIL = 1;

    @TempDir
    Path dir;

    private static long counter(String name) {
        return Stub.control().VixDiskLibStub_GetCounter(name);
    }

    private static void faultOnce(String function) {
        Stub.ok(Stub.control().VixDiskLibStub_InjectFault(function, 1, VIX_E_FAIL), "InjectFault " + function);
    }

    @Test
    void aFailedHandleCloseCanBeRetriedAndTheDiskReopenedReadWrite() {
        Path disk = Stub.createDisk(dir.resolve("d.vmdk"), 2048);
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).open();
             Connection c = lib.connect(ConnectParams.local())) {
            DiskHandle d = c.open(disk.toString());
            faultOnce("VixDiskLib_Close");
            VddkCallException e = assertThrows(VddkCallException.class, d::close);
            assertTrue(e.getMessage().contains("VixDiskLib_Close"), e.getMessage());
            assertTrue(d.isClosed(), "a close-failed handle is unusable");
            IllegalStateException use = assertThrows(IllegalStateException.class,
                    () -> d.read(0, ByteBuffer.allocateDirect(512)));
            assertTrue(use.getMessage().contains("call close() again"), use.getMessage());
            assertEquals(1, counter("handles"), "VDDK still has the disk open");
            d.close(); // the retry
            assertEquals(0, counter("handles"));
            d.close(); // idempotent once it succeeded
            try (DiskHandle again = c.open(disk.toString())) {
                again.write(0, ByteBuffer.allocateDirect(512));
            }
        }
        assertEquals(0, counter("connections"));
    }

    @Test
    void aConnectionWithAHandleThatFailedToCloseIsNotDisconnectedUntilTheRetry() {
        Path disk = Stub.createDisk(dir.resolve("d.vmdk"), 2048);
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).open()) {
            Connection c = lib.connect(ConnectParams.local());
            c.open(disk.toString());
            faultOnce("VixDiskLib_Close");
            assertThrows(VddkCallException.class, c::close);
            assertEquals(1, counter("handles"));
            assertEquals(1, counter("connections"), "not disconnected under an open handle");
            c.close();
            assertEquals(0, counter("handles"));
            assertEquals(0, counter("connections"));
            faultOnce("VixDiskLib_Disconnect");
            Connection c2 = lib.connect(ConnectParams.local());
            assertThrows(VddkCallException.class, c2::close);
            assertEquals(1, counter("connections"));
            c2.close();
            assertEquals(0, counter("connections"));
        }
    }

    @Test
    void diskLibCloseRetriesWhatFailedBeforeExit() {
        Path disk = Stub.createDisk(dir.resolve("d.vmdk"), 2048);
        DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).open();
        Connection c = lib.connect(ConnectParams.local());
        DiskHandle d = c.open(disk.toString());
        faultOnce("VixDiskLib_Close");
        assertThrows(VddkCallException.class, d::close);
        faultOnce("VixDiskLib_Disconnect");
        lib.close(); // Close retried (works), Disconnect fails once, retried (works), then Exit
        assertEquals(0, counter("handles"));
        assertEquals(0, counter("connections"));
        assertEquals(1, counter("exit"));
        assertTrue(c.isClosed() && d.isClosed() && lib.isClosed());
    }
}
