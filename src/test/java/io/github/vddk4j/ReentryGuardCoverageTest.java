package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doReturn;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over mocks: every VixDiskLib call that can log (and so call a log sink back on the calling
 * thread) runs with the thread marked as inside VDDK, so that a sink cannot re-enter vddk4j from
 * it: GetTransportMode, ListTransportModes, GetErrorText/FreeErrorText, Allocate/FreeConnectParams,
 * FreeInfo, FreeBlockList, not only the calls returning a VixError.
 */
class ReentryGuardCoverageTest {
    @RegisterExtension
    final FakeVddk vddk = new FakeVddk();

    @Test
    void everyCallThatCanLogRunsMarkedAsInsideVddk() {
        DiskLib lib = vddk.open(8);
        lib.transportModeNames();
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/a.vmdk")) {
            d.info();
            d.allocatedBlocks();
            doReturn(30028L).when(vddk.dataPath).read(any(), anyLong(), anyLong(), anyLong());
            assertThrows(VddkCallException.class, () -> d.read(0, d.allocateBuffer(512))); // GetErrorText
        }
        assertEquals(List.of(), vddk.calledUnmarked);
    }
}
