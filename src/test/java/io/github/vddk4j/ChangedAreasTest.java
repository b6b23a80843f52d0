package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sun.jna.Memory;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.jna.VixDiskLibOpenParams;
import io.github.vddk4j.jna.VixDiskLibQueryChangedAreaParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OpenEx with a change ID and the QueryChangedAreas loop, over mocks. */
class ChangedAreasTest {
    @RegisterExtension
    final FakeVddk vddk = new FakeVddk();
    private DiskLib lib;

    private Connection connect() {
        lib = vddk.open(9);
        when(vddk.lib.VixDiskLib_OpenEx(any(), any(), any())).thenAnswer(inv -> {
            ((PointerByReference) inv.getArgument(2)).setValue(vddk.allocate("handle", 8));
            return 0L;
        });
        return lib.connect(ConnectParams.local());
    }

    /**
     * Answers each query with a piece of {@code pieceBytes} starting at the asked (byte) offset and
     * the areas (in sectors) in it.
     */
    private void answerChangedAreas(long pieceBytes, long[][] areasInSectors) {
        doAnswer(inv -> {
            VixDiskLibQueryChangedAreaParams q = inv.getArgument(1);
            long start = q.getPointer().getLong(0);
            List<long[]> in = new ArrayList<>();
            for (long[] a : areasInSectors) {
                if (a[0] * 512 < start + pieceBytes && (a[0] + a[1]) * 512 > start) {
                    in.add(a);
                }
            }
            Memory list = vddk.allocate("blockList", 8 + 16 * Math.max(1, in.size()));
            list.setInt(0, in.size());
            for (int i = 0; i < in.size(); i++) {
                list.setLong(8 + 16L * i, in.get(i)[0]);
                list.setLong(16 + 16L * i, in.get(i)[1]);
            }
            Memory info = vddk.allocate("changeInfo", 24);
            long capacityBytes = FakeVddk.CAPACITY * 512;
            info.setLong(0, start);
            info.setLong(8, Math.min(pieceBytes, capacityBytes - start));
            info.setPointer(16, list);
            ((PointerByReference) inv.getArgument(2)).setValue(info);
            return 0L;
        }).when(vddk.lib).VixDiskLib_QueryChangedAreas(any(), any(), any());
        doAnswer(inv -> {
            com.sun.jna.Pointer p = inv.getArgument(0);
            vddk.free("blockList", p.getPointer(16));
            vddk.free("changeInfo", p);
            return null;
        }).when(vddk.lib).VixDiskLib_FreeChangedAreas(any());
    }

    @Test
    void openWithAChangeIdPassesOpenParams() {
        AtomicReference<String[]> seen = new AtomicReference<>();
        Connection c = connect();
        doAnswer(inv -> {
            VixDiskLibOpenParams p = inv.getArgument(1);
            seen.set(new String[] {p.getPointer().getPointer(0).getString(0), String.valueOf(p.getPointer().getInt(8)),
                    p.getPointer().getPointer(16).getString(0)});
            ((PointerByReference) inv.getArgument(2)).setValue(vddk.allocate("handle", 8));
            return 0L;
        }).when(vddk.lib).VixDiskLib_OpenEx(any(), any(), any());
        DiskHandle d = c.open("/a.vmdk", ChangeId.of("52 de/4"), OpenOption.READ_ONLY);
        assertEquals(List.of("/a.vmdk", "4", "52 de/4"), List.of(seen.get()));
        assertEquals(ChangeId.of("52 de/4"), d.changeId().orElseThrow());
        verify(vddk.lib, never()).VixDiskLib_Open(any(), anyString(), anyInt(), any());
    }

    @Test
    void changedAreasLoopOverPiecesAndMergeTouchingAreas() {
        // 3 pieces of 400 KiB over a 1 MiB disk; areas in sectors, the first two touching
        answerChangedAreas(400 * 1024, new long[][] {{0, 8}, {8, 1}, {1000, 1}, {1800, 2}});
        DiskHandle d = connect().open("/a.vmdk", ChangeId.ALL);
        assertEquals(List.of(new BlockRange(0, 9), new BlockRange(1000, 1), new BlockRange(1800, 2)), d.changedAreas());
        verify(vddk.lib, org.mockito.Mockito.times(3)).VixDiskLib_QueryChangedAreas(any(), any(), any());
    }

    @Test
    void aRangeIsClippedToTheAskedSectors() {
        answerChangedAreas(1 << 30, new long[][] {{0, 2048}});
        DiskHandle d = connect().open("/a.vmdk", ChangeId.ALL);
        assertEquals(List.of(new BlockRange(100, 50)), d.changedAreas(100, 50));
    }

    @Test
    void aFailedQueryThrowsAndFreesNothingItWasNotGiven() {
        when(vddk.lib.VixDiskLib_QueryChangedAreas(any(), any(), any())).thenReturn(3L);
        DiskHandle d = connect().open("/a.vmdk", ChangeId.of("bogus"));
        VddkCallException e = assertThrows(VddkCallException.class, d::changedAreas);
        assertEquals("VixDiskLib_QueryChangedAreas", e.function());
        verify(vddk.lib, never()).VixDiskLib_FreeChangedAreas(any());
    }

    @Test
    void aDiskOpenedWithoutAChangeIdSaysHowToOpenIt() {
        DiskHandle d = connect().open("/a.vmdk");
        IllegalStateException e = assertThrows(IllegalStateException.class, d::changedAreas);
        assertTrue(e.getMessage().contains("ChangeId"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.changedAreas(-1, 5));
    }

    @Test
    void changeIdsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ChangeId.of(" "));
        assertThrows(IllegalArgumentException.class, () -> ChangeId.of("a\0b"));
        assertEquals("*", ChangeId.ALL.value());
    }

    @Test
    void connectionAsksVddk9AndReturnsTheOwner() {
        Connection c = connect();
        DiskHandle d = c.open("/a.vmdk");
        when(vddk.lib.VixDiskLib_GetConnectionFromDisk(any(), any())).thenAnswer(inv -> {
            ((PointerByReference) inv.getArgument(1)).setValue(c.rawConnection().getPointer());
            return 0L;
        });
        assertEquals(c, d.connection());
        doAnswer(inv -> {
            ((PointerByReference) inv.getArgument(1)).setValue(new Memory(8));
            return 0L;
        }).when(vddk.lib).VixDiskLib_GetConnectionFromDisk(any(), any());
        assertThrows(IllegalStateException.class, d::connection);
    }
}
