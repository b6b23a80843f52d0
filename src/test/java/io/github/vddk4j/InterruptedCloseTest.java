package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Over mocks: an interrupted thread closes a whole DiskLib (handles, connections, Exit) and keeps its flag. */
class InterruptedCloseTest {
    private final FakeVddk vddk = new FakeVddk();

    @Test
    void anInterruptedThreadClosesTheDiskLibWithEverythingInItAndKeepsItsFlag() {
        DiskLib lib = vddk.open();
        lib.connect(ConnectParams.local()).open("/a.vmdk");
        boolean flag;
        Thread.currentThread().interrupt();
        try {
            lib.close();
        } finally {
            flag = Thread.interrupted();
        }
        assertTrue(flag, "the interrupt flag stays set for the caller");
        assertTrue(lib.isClosed());
        InOrder order = inOrder(vddk.lib);
        order.verify(vddk.lib).VixDiskLib_Close(any());
        order.verify(vddk.lib).VixDiskLib_Disconnect(any());
        order.verify(vddk.lib).VixDiskLib_Exit();
    }
}
