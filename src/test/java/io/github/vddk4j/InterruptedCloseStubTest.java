package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import org.junit.jupiter.api.Test;

/**
 * A thread whose interrupt flag is set (what {@code ExecutorService.shutdownNow()} does to a
 * running backup) still closes its handles and connections through the native path, and its
 * flag stays set for its own code to see.
 */
class InterruptedCloseStubTest extends LocalStubConnectionTest {

    @Test
    void anInterruptedThreadStillClosesItsHandleAndConnection() {
        String disk = Stub.createDisk(dir.resolve("interrupted.vmdk"), 2048).toString();
        long handlesBefore = Stub.counter("handles");
        long connectionsBefore = Stub.counter("connections");
        Connection c = SharedDiskLib.get().connect(ConnectParams.local());
        boolean flagAfterClose;
        try (c; DiskHandle d = c.open(disk)) {
            assertEquals(handlesBefore + 1, Stub.counter("handles"));
            Thread.currentThread().interrupt();
        } finally {
            flagAfterClose = Thread.interrupted();
        }
        assertTrue(flagAfterClose, "the caller's interrupt flag stays set");
        assertEquals(handlesBefore, Stub.counter("handles"), "VixDiskLib_Close ran");
        assertEquals(connectionsBefore, Stub.counter("connections"), "VixDiskLib_Disconnect ran");
        assertTrue(c.isClosed());
    }

}
