package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyByte;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.sun.jna.ptr.LongByReference;
import io.github.vddk4j.jna.VixDiskLibCreateParams;
import io.github.vddk4j.jna.VixDiskLibHandle;
import io.github.vddk4j.jna.VixDiskLibProgressFunc;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DiskManager's wrapper logic over mocks: arguments, progress and cancel, Attach's handle rule. */
class DiskManagerTest {
    @RegisterExtension
    final FakeVddk vddk = new FakeVddk();
    private DiskLib lib;
    private Connection conn;

    private DiskManager manager() {
        lib = vddk.open(8);
        conn = lib.connect(ConnectParams.local());
        return conn.diskManager();
    }

    /** The fake's long operations report 0, 50, 100 and stop (VIX_E_CANCELLED) when told to. */
    private void reportProgress() {
        doAnswer(inv -> {
            VixDiskLibProgressFunc f = inv.getArgument(3);
            for (int p : new int[] {0, 50, 100}) {
                if (f.invoke(null, p) == 0) {
                    return 10L;
                }
            }
            return 0L;
        }).when(vddk.lib).VixDiskLib_Create(any(), anyString(), any(), any(), any());
    }

    @Test
    void createPassesTheSpecAsVixDiskLibCreateParams() {
        AtomicReference<int[]> seen = new AtomicReference<>();
        doAnswer(inv -> {
            VixDiskLibCreateParams p = new VixDiskLibCreateParams(((VixDiskLibCreateParams) inv.getArgument(2)).getPointer());
            p.read();
            seen.set(new int[] {p.diskType, p.adapterType, p.hwVersion, (int) p.capacity, p.logicalSectorSize,
                    p.physicalSectorSize});
            return 0L;
        }).when(vddk.lib).VixDiskLib_Create(any(), eq("/new.vmdk"), any(), any(), any());
        manager().create("/new.vmdk", CreateSpec.builder(DiskType.MONOLITHIC_FLAT, 4096)
                .adapter(AdapterType.IDE).hardwareVersion(HardwareVersion.ESX65).sectorSizes(512, 4096).build());
        assertEquals(List.of(2, 1, 13, 4096, 512, 4096), java.util.Arrays.stream(seen.get()).boxed().toList());
    }

    @Test
    void progressReachesTheListenerAndFalseCancels() {
        reportProgress();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        manager().create("/a.vmdk", CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 128).build(), p -> seen.add(p));
        assertEquals(List.of(0, 50, 100), seen);

        seen.clear();
        VddkCallException e = assertThrows(VddkCallException.class, () -> conn.diskManager().create("/b.vmdk",
                CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 128).build(), p -> seen.add(p) && p < 50));
        assertEquals(VixErrorCode.VIX_E_CANCELLED, e.errorCode());
        assertEquals(List.of(0, 50), seen);
    }

    @Test
    void aThrowingListenerCancelsAndBecomesTheCause() {
        reportProgress();
        IllegalStateException boom = new IllegalStateException("listener bug");
        VddkCallException e = assertThrows(VddkCallException.class, () -> manager().create("/a.vmdk",
                CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 128).build(), p -> {
                    throw boom;
                }));
        assertEquals(VixErrorCode.VIX_E_CANCELLED, e.errorCode());
        assertSame(boom, e.getCause());
    }

    @Test
    void callsIntoVddk4jFromTheListenerAreRefused() {
        reportProgress();
        DiskManager m = manager();
        DiskHandle d = conn.open("/a.vmdk");
        AtomicReference<Throwable> refused = new AtomicReference<>();
        assertThrows(VddkCallException.class, () -> m.create("/b.vmdk", CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 128).build(),
                p -> {
                    try {
                        d.close();
                    } catch (IllegalStateException e) {
                        refused.set(e);
                    }
                    return false;
                }));
        assertInstanceOf(IllegalStateException.class, refused.get());
        assertTrue(refused.get().getMessage().contains("from inside a VDDK callback"), refused.get().getMessage());
        assertFalse(d.isClosed(), "the re-entrant close did not run");
        d.read(0, java.nio.ByteBuffer.allocateDirect(512));
    }

    @Test
    void aListenerVddkCallsOnItsOwnThreadIsRefusedToo() {
        doAnswer(inv -> {
            VixDiskLibProgressFunc f = inv.getArgument(3);
            AtomicReference<Byte> answer = new AtomicReference<>();
            Thread vddkThread = new Thread(() -> answer.set(f.invoke(null, 50)), "vddk-worker");
            vddkThread.start();
            vddkThread.join();
            return answer.get() == 0 ? 10L : 0L;
        }).when(vddk.lib).VixDiskLib_Create(any(), anyString(), any(), any(), any());
        DiskManager m = manager();
        DiskHandle d = conn.open("/a.vmdk");
        AtomicReference<Throwable> refused = new AtomicReference<>();
        m.create("/b.vmdk", CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 128).build(), p -> {
            try {
                d.close();
            } catch (IllegalStateException e) {
                refused.set(e);
            }
            return true;
        });
        assertInstanceOf(IllegalStateException.class, refused.get());
        assertTrue(refused.get().getMessage().contains("progress listener"), refused.get().getMessage());
        assertFalse(d.isClosed());
    }

    @Test
    void attachInvalidatesTheParentWithoutClosingIt() {
        DiskManager m = manager();
        DiskHandle parent = conn.open("/parent.vmdk");
        DiskHandle child = conn.open("/child.vmdk");
        VixDiskLibHandle rawParent = parent.rawHandle();
        assertTrue(m.isAttachPossible(parent, child));
        m.attach(parent, child);
        assertTrue(parent.isClosed());
        assertFalse(child.isClosed());
        verify(vddk.lib, never()).VixDiskLib_Close(rawParent);
        vddk.free("handle", rawParent.getPointer()); // the fake's stand-in for VDDK freeing the parent
        assertThrows(IllegalArgumentException.class, () -> m.attach(child, child));
    }

    @Test
    void isAttachPossibleIsFalseWithVddksReasonInCheck() {
        when(vddk.lib.VixDiskLib_IsAttachPossible(any(), any())).thenReturn(16069L);
        DiskManager m = manager();
        DiskHandle a = conn.open("/a.vmdk");
        DiskHandle b = conn.open("/b.vmdk");
        assertFalse(m.isAttachPossible(a, b));
        VddkCallException e = assertThrows(VddkCallException.class, () -> m.checkAttachPossible(a, b));
        assertEquals(16069, e.code());
        verify(vddk.lib, never()).VixDiskLib_Attach(any(), any());
    }

    @Test
    void spaceNeededForCloneReturnsVddksAnswer() {
        doAnswer(inv -> {
            ((LongByReference) inv.getArgument(2)).setValue(123456L);
            return 0L;
        }).when(vddk.lib).VixDiskLib_SpaceNeededForClone(any(), eq(2), any());
        DiskManager m = manager();
        assertEquals(123456L, m.spaceNeededForClone(conn.open("/a.vmdk"), DiskType.MONOLITHIC_FLAT));
    }

    @Test
    void shrinkAndDefragmentRefuseReadOnlyHandlesBeforeVddk() {
        DiskManager m = manager();
        DiskHandle d = conn.open("/a.vmdk", OpenOption.READ_ONLY);
        assertThrows(IllegalStateException.class, () -> m.shrink(d));
        assertThrows(IllegalStateException.class, () -> m.defragment(d));
        verify(vddk.lib, never()).VixDiskLib_Shrink(any(), any(), any());
        verify(vddk.lib, never()).VixDiskLib_Defragment(any(), any(), any());
    }

    @Test
    void badArgumentsNeverReachVddk() {
        DiskManager m = manager();
        CreateSpec spec = CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 128).build();
        assertThrows(IllegalArgumentException.class, () -> m.create(" ", spec));
        assertThrows(IllegalArgumentException.class, () -> m.create("/a\0b", spec));
        assertThrows(IllegalArgumentException.class, () -> m.grow("/a.vmdk", 0, false));
        assertThrows(IllegalArgumentException.class, () -> m.rename("/a.vmdk", ""));
        assertThrows(IllegalArgumentException.class, () -> m.delete(null));
        assertThrows(IllegalArgumentException.class, () -> m.checkRepair("", true));
        assertThrows(NullPointerException.class, () -> m.clone(null, "/a", "/b", spec, false));
        verify(vddk.lib, never()).VixDiskLib_Create(any(), anyString(), any(), any(), any());
        verify(vddk.lib, never()).VixDiskLib_Grow(any(), anyString(), anyLong(), anyByte(), any(), any());
        verify(vddk.lib, never()).VixDiskLib_Rename(any(), any());
        verify(vddk.lib, never()).VixDiskLib_Unlink(any(), any());
    }

    @Test
    void fourKSectorsAreRefusedBeforeVddk7() {
        lib = vddk.open(6);
        conn = lib.connect(ConnectParams.local());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conn.diskManager().create("/a.vmdk",
                CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 128).sectorSizes(512, 4096).build()));
        assertTrue(e.getMessage().contains("VDDK 7"), e.getMessage());
    }

    @Test
    void everyOperationPassesItsArgumentsThrough() {
        DiskManager m = manager();
        Connection other = lib.connect(ConnectParams.local());
        CreateSpec spec = CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 128).build();
        m.clone(other, "/src.vmdk", "/dst.vmdk", spec, true);
        verify(vddk.lib).VixDiskLib_Clone(eq(conn.rawConnection()), eq("/dst.vmdk"), eq(other.rawConnection()),
                eq("/src.vmdk"), any(), any(), any(), eq((byte) 1));
        m.grow("/a.vmdk", 4096, true);
        verify(vddk.lib).VixDiskLib_Grow(eq(conn.rawConnection()), eq("/a.vmdk"), eq(4096L), eq((byte) 1), any(), any());
        m.rename("/a.vmdk", "/b.vmdk");
        verify(vddk.lib).VixDiskLib_Rename("/a.vmdk", "/b.vmdk");
        m.delete("/b.vmdk");
        verify(vddk.lib).VixDiskLib_Unlink(conn.rawConnection(), "/b.vmdk");
        m.checkRepair("/c.vmdk", false);
        verify(vddk.lib).VixDiskLib_CheckRepair(conn.rawConnection(), "/c.vmdk", (byte) 0);
        DiskHandle d = conn.open("/d.vmdk");
        m.createChild(d, "/d-child.vmdk", DiskType.MONOLITHIC_SPARSE);
        verify(vddk.lib).VixDiskLib_CreateChild(eq(d.rawHandle()), eq("/d-child.vmdk"), eq(1), any(), any());
        m.shrink(d);
        m.defragment(d);
        verify(vddk.lib, times(1)).VixDiskLib_Shrink(eq(d.rawHandle()), any(), any());
        verify(vddk.lib, times(1)).VixDiskLib_Defragment(eq(d.rawHandle()), any(), any());
    }

    @Test
    void operationsOnAClosedConnectionAreRefused() {
        DiskManager m = manager();
        conn.close();
        assertThrows(IllegalStateException.class, () -> m.delete("/a.vmdk"));
        verifyNoInteractions(vddk.dataPath);
    }
}
