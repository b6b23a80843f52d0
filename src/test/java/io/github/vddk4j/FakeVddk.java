package io.github.vddk4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyByte;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.jna.VixDiskLib;
import io.github.vddk4j.jna.VixDiskLibConnectParams;
import io.github.vddk4j.jna.VixDiskLibDataPath;
import io.github.vddk4j.jna.VixDiskLibHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Mockito mocks of the raw {@link VixDiskLib} and {@link VixDiskLibDataPath} that behave like a
 * well-behaved VDDK and track every native allocation they hand out (connect params, infos,
 * error texts, connections, handles), so tests can prove each is given back.
 */
final class FakeVddk implements AfterEachCallback {
    static final long CAPACITY = 2048;

    /** The capacity GetInfo reports (sectors). */
    volatile long capacity = CAPACITY;
    /** The blocks QueryAllocatedBlocks reports for a (start, num, chunk) query: {offset, length} pairs. */
    volatile java.util.function.Function<long[], long[][]> allocated = q -> new long[][] {{q[0], q[1]}};

    final VixDiskLib lib = mock(VixDiskLib.class);
    /** For each GetInfo, GetTransportMode and Open call: whether the process-wide lifecycle lock was held. */
    final java.util.List<String> lockHeldDuring = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The functions called while the thread was not marked as inside VDDK (re-entry guard gaps). */
    final java.util.List<String> calledUnmarked = new java.util.concurrent.CopyOnWriteArrayList<>();

    private void noteMark(String function) {
        if (InsideVddk.mark()[0] == null) {
            calledUnmarked.add(function);
        }
    }

    private void noteLock(String function) {
        lockHeldDuring.add(function + (LifecycleLock.isHeldByCurrentThread() ? ": held" : ": not held"));
    }
    final VixDiskLibDataPath dataPath = mock(VixDiskLibDataPath.class);

    /** Outstanding allocations by kind, keyed by native address. */
    final Map<Long, String> outstanding = new ConcurrentHashMap<>();
    /** Every native memory block handed out (kept reachable so addresses stay valid). */
    private final List<Memory> keepAlive = new ArrayList<>();
    /** Snapshots of the connect params' credential fields at FreeConnectParams time. */
    final List<long[]> credentialFieldsAtFree = new ArrayList<>();
    /** The password ConnectEx saw (read from native memory during the call). */
    volatile String passwordSeenByConnectEx;
    /** Native address of the password copy ConnectEx saw (0 if none). */
    volatile long passwordAddressSeenByConnectEx;

    FakeVddk() {
        lenient().when(lib.VixDiskLib_InitEx(anyInt(), anyInt(), any(), any(), any(), any(), any())).thenReturn(0L);
        lenient().when(lib.VixDiskLib_ListTransportModes()).thenAnswer(inv -> {
            noteMark("VixDiskLib_ListTransportModes");
            return string("file:san:hotadd:nbdssl:nbd");
        });
        lenient().when(lib.VixDiskLib_AllocateConnectParams()).thenAnswer(inv -> {
            noteMark("VixDiskLib_AllocateConnectParams");
            return allocate("connectParams", 136);
        });
        lenient().doAnswer(inv -> {
            Pointer p = ((VixDiskLibConnectParams) inv.getArgument(0)).getPointer();
            long[] fields = new long[3];
            for (int i = 0; i < 3; i++) {
                fields[i] = Pointer.nativeValue(p.getPointer(40 + 8L * i));
            }
            credentialFieldsAtFree.add(fields);
            noteMark("VixDiskLib_FreeConnectParams");
            free("connectParams", p);
            return null;
        }).when(lib).VixDiskLib_FreeConnectParams(any());
        lenient().when(lib.VixDiskLib_ConnectEx(any(), anyByte(), any(), any(), any())).thenAnswer(inv -> {
            Pointer p = ((VixDiskLibConnectParams) inv.getArgument(0)).getPointer();
            if (p.getInt(32) == 1) {
                Pointer pw = p.getPointer(48);
                passwordSeenByConnectEx = pw == null ? null : pw.getString(0, "UTF-8");
                passwordAddressSeenByConnectEx = Pointer.nativeValue(pw);
            }
            ((PointerByReference) inv.getArgument(4)).setValue(allocate("connection", 8));
            return 0L;
        });
        lenient().when(lib.VixDiskLib_Disconnect(any())).thenAnswer(inv -> {
            free("connection", ((com.sun.jna.PointerType) inv.getArgument(0)).getPointer());
            return 0L;
        });
        lenient().when(lib.VixDiskLib_Open(any(), anyString(), anyInt(), any())).thenAnswer(inv -> {
            noteLock("VixDiskLib_Open");
            ((PointerByReference) inv.getArgument(3)).setValue(allocate("handle", 8));
            return 0L;
        });
        lenient().when(lib.VixDiskLib_Close(any())).thenAnswer(inv -> {
            free("handle", ((VixDiskLibHandle) inv.getArgument(0)).getPointer());
            return 0L;
        });
        lenient().when(lib.VixDiskLib_GetTransportMode(any())).thenAnswer(inv -> {
            noteLock("VixDiskLib_GetTransportMode");
            noteMark("VixDiskLib_GetTransportMode");
            return string("nbdssl");
        });
        lenient().when(lib.VixDiskLib_GetInfo(any(), any())).thenAnswer(inv -> {
            noteLock("VixDiskLib_GetInfo");
            Memory info = allocate("info", 64);
            info.setInt(12, 130);
            info.setInt(16, 16);
            info.setInt(20, 63);
            info.setLong(24, capacity);
            info.setInt(32, 3);
            info.setInt(36, 1);
            info.setPointer(48, string("uuid-1"));
            info.setInt(56, 512);
            info.setInt(60, 4096);
            ((PointerByReference) inv.getArgument(1)).setValue(info);
            return 0L;
        });
        lenient().doAnswer(inv -> {
            noteMark("VixDiskLib_FreeInfo");
            free("info", inv.getArgument(0));
            return null;
        }).when(lib).VixDiskLib_FreeInfo(any());
        lenient().when(lib.VixDiskLib_GetErrorText(anyLong(), isNull())).thenAnswer(inv -> {
            noteMark("VixDiskLib_GetErrorText");
            Memory m = allocate("errorText", 64);
            m.setString(0, "text of error " + (((Long) inv.getArgument(0)) & 0xFFFF), "UTF-8");
            return m;
        });
        lenient().doAnswer(inv -> {
            noteMark("VixDiskLib_FreeErrorText");
            free("errorText", inv.getArgument(0));
            return null;
        }).when(lib).VixDiskLib_FreeErrorText(any());
        lenient().when(lib.VixDiskLib_QueryAllocatedBlocks(any(), anyLong(), anyLong(), anyLong(), any())).thenAnswer(inv -> {
            long[][] blocks = allocated.apply(new long[] {inv.getArgument(1), inv.getArgument(2), inv.getArgument(3)});
            Memory list = allocate("blockList", 8 + 16 * Math.max(1, blocks.length));
            list.setInt(0, blocks.length);
            for (int i = 0; i < blocks.length; i++) {
                list.setLong(8 + 16L * i, blocks[i][0]);
                list.setLong(16 + 16L * i, blocks[i][1]);
            }
            ((PointerByReference) inv.getArgument(4)).setValue(list);
            return 0L;
        });
        lenient().when(lib.VixDiskLib_FreeBlockList(any())).thenAnswer(inv -> {
            noteMark("VixDiskLib_FreeBlockList");
            free("blockList", inv.getArgument(0));
            return 0L;
        });
        lenient().when(lib.VixDiskLib_Cleanup(any(), any(), any())).thenAnswer(inv -> {
            ((IntByReference) inv.getArgument(1)).setValue(1);
            ((IntByReference) inv.getArgument(2)).setValue(0);
            return 0L;
        });
        lenient().when(lib.VixDiskLib_PrepareForAccess(any(), anyString())).thenReturn(0L);
        lenient().when(lib.VixDiskLib_EndAccess(any(), anyString())).thenReturn(0L);
        lenient().when(lib.VixDiskLib_Flush(any())).thenReturn(0L);
        lenient().when(dataPath.read(any(), anyLong(), anyLong(), anyLong())).thenReturn(0L);
        lenient().when(dataPath.write(any(), anyLong(), anyLong(), anyLong())).thenReturn(0L);
    }

    /** The DiskLibs opened by {@link #open(int)}: closed after each test when registered as an extension. */
    private final List<DiskLib> opened = new ArrayList<>();

    /** Opens a DiskLib over these mocks. */
    DiskLib open() {
        return DiskLib.builder().openWith(lib, dataPath, 8);
    }

    /** Opens a DiskLib over these mocks as VDDK {@code major}, to be closed after the test. */
    DiskLib open(int major) {
        DiskLib l = DiskLib.builder().openWith(lib, dataPath, major);
        opened.add(l);
        return l;
    }

    /**
     * With {@code @RegisterExtension}: after each test, closes the DiskLibs {@link #open(int)}
     * opened and checks that every native allocation the fake handed out was given back.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        for (DiskLib l : opened) {
            l.close();
        }
        opened.clear();
        org.junit.jupiter.api.Assertions.assertEquals(Map.of(), outstanding, "native allocations not given back");
    }

    synchronized Memory allocate(String kind, int size) {
        Memory m = new Memory(size);
        m.clear();
        keepAlive.add(m);
        outstanding.put(Pointer.nativeValue(m), kind);
        return m;
    }

    void free(String kind, Pointer p) {
        String was = outstanding.remove(Pointer.nativeValue(p));
        if (!kind.equals(was)) {
            throw new AssertionError("freed " + kind + " at " + p + " that was " + was);
        }
    }

    /** How many allocations of this kind are still outstanding. */
    long outstanding(String kind) {
        return outstanding.values().stream().filter(kind::equals).count();
    }

    /** A NUL-terminated string in (leaked-for-the-test) native memory, like VDDK's static strings. */
    synchronized Pointer string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1L);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        keepAlive.add(m);
        return m;
    }

    static ConnectParams remoteParams(char[] password) {
        return ConnectParams.remote("vcenter.example.com")
                .credentials(Credentials.userPassword("backup@vsphere.local", password))
                .thumbprint("AA:BB:CC:DD")
                .vmMoref("vm-42")
                .build();
    }
}
