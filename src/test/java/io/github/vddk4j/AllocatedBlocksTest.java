package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.sun.jna.ptr.PointerByReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DiskHandle#allocatedBlocks} over mocks: VDDK's chunk rules, splitting, merging, freeing. */
class AllocatedBlocksTest {
    private final FakeVddk vddk = new FakeVddk();
    private DiskLib lib;

    @AfterEach
    void close() {
        if (lib != null) {
            lib.close();
        }
        assertEquals(Map.of(), vddk.outstanding);
    }

    private DiskHandle open() {
        lib = vddk.open();
        return lib.connect(ConnectParams.local()).open("/a.vmdk", OpenOption.READ_ONLY);
    }

    @Test
    void wholeDiskQueryMergesAdjacentBlocksAndFreesTheList() {
        vddk.allocated = q -> new long[][] {{0, 128}, {128, 128}, {512, 256}};
        DiskHandle d = open();
        assertEquals(List.of(new BlockRange(0, 256), new BlockRange(512, 256)), d.allocatedBlocks());
        verify(vddk.lib).VixDiskLib_QueryAllocatedBlocks(any(), eq(0L), eq(FakeVddk.CAPACITY), eq(128L), any());
        verify(vddk.lib).VixDiskLib_FreeBlockList(any());
    }

    @Test
    void partialLastChunkIsQueriedAlignedAndReportedAllocated() {
        vddk.capacity = 2000;
        vddk.allocated = q -> new long[][] {{256, 128}};
        DiskHandle d = open();
        assertEquals(List.of(new BlockRange(256, 128), new BlockRange(1920, 80)), d.allocatedBlocks());
        verify(vddk.lib).VixDiskLib_QueryAllocatedBlocks(any(), eq(0L), eq(1920L), eq(128L), any());
    }

    @Test
    void hugeRangesAreSplitIntoAsFewCallsAsVddkAllows() {
        long perCall = 512L * 1024 * 128;
        vddk.capacity = 2 * perCall + 1000;
        DiskHandle d = open();
        List<BlockRange> r = d.allocatedBlocks(); // the fake reports everything allocated
        assertEquals(List.of(new BlockRange(0, vddk.capacity)), r);
        verify(vddk.lib).VixDiskLib_QueryAllocatedBlocks(any(), eq(0L), eq(perCall), eq(128L), any());
        verify(vddk.lib).VixDiskLib_QueryAllocatedBlocks(any(), eq(perCall), eq(perCall), eq(128L), any());
        verify(vddk.lib).VixDiskLib_QueryAllocatedBlocks(any(), eq(2 * perCall), eq(896L), eq(128L), any());
        verify(vddk.lib, times(3)).VixDiskLib_FreeBlockList(any());
    }

    @Test
    void chunkSizesVddkRejectsAreRejectedInJava() {
        DiskHandle d = open();
        clearInvocations(vddk.lib);
        assertThrows(IllegalArgumentException.class, () -> d.allocatedBlocks(0, 1024, 100));
        assertThrows(IllegalArgumentException.class, () -> d.allocatedBlocks(0, 1024, 64));
        assertThrows(IllegalArgumentException.class, () -> d.allocatedBlocks(0, 1024, 256L * 1024));
        assertThrows(IllegalArgumentException.class, () -> d.allocatedBlocks(64, 1024, 128));
        assertThrows(IllegalArgumentException.class, () -> d.allocatedBlocks(0, FakeVddk.CAPACITY + 128, 128));
        verifyNoMoreInteractions(vddk.lib);
    }

    @Test
    void failedQueryFreesWhatEarlierCallsReturnedAndTheErrorText() {
        long perCall = 512L * 1024 * 128;
        vddk.capacity = 2 * perCall;
        DiskHandle d = open();
        doAnswer(inv -> {
            long start = inv.getArgument(1);
            if (start > 0) {
                return 16000L;
            }
            ((PointerByReference) inv.getArgument(4)).setValue(vddk.allocate("blockList", 24));
            return 0L;
        }).when(vddk.lib).VixDiskLib_QueryAllocatedBlocks(any(), anyLong(), anyLong(), anyLong(), any());
        VddkCallException e = assertThrows(VddkCallException.class, d::allocatedBlocks);
        assertEquals("VixDiskLib_QueryAllocatedBlocks", e.function());
        assertEquals(VixErrorCode.VIX_E_DISK_INVAL, e.errorCode());
        verify(vddk.lib, times(1)).VixDiskLib_FreeBlockList(any());
    }

    @Test
    void aVddkWithoutTheFunctionIsRefusedInJavaNamingTheReleaseThatHasIt() {
        java.util.Set<String> functions = new java.util.HashSet<>();
        for (io.github.vddk4j.jna.VixDiskLibFunction f : io.github.vddk4j.jna.VixDiskLibFunction.values()) {
            functions.add(f.cName());
        }
        functions.remove("VixDiskLib_QueryAllocatedBlocks");
        lib = DiskLib.builder().openWith(vddk.lib, vddk.dataPath, new VddkCapabilities(6, 5, functions));
        DiskHandle d = lib.connect(ConnectParams.local()).open("/a.vmdk", OpenOption.READ_ONLY);
        VddkUnsupportedException e = assertThrows(VddkUnsupportedException.class, d::allocatedBlocks);
        assertEquals("VixDiskLib_QueryAllocatedBlocks", e.function());
        assertEquals("VDDK 6.7", e.introducedIn());
        assertEquals("6.5", e.loadedVersion());
        assertFalse(lib.capabilities().supportsAllocatedBlocks());
        verify(vddk.lib, never()).VixDiskLib_QueryAllocatedBlocks(any(), anyLong(), anyLong(), anyLong(), any());
    }
}
