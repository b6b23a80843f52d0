package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyByte;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.logging.LogChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * Proves with mocks of the raw layer that every native allocation is given back on success and
 * on every failure path, that secrets leave native memory, and that bad input never reaches it.
 */
class NativeResourceTest {
    private final FakeVddk vddk = new FakeVddk();
    private DiskLib lib;

    @AfterEach
    void closeLib() {
        if (lib != null) {
            lib.close();
        }
        assertEquals(java.util.Map.of(), vddk.outstanding, "outstanding native allocations");
    }

    @Test
    void connectFreesConnectParamsOnSuccess() {
        lib = vddk.open();
        try (Connection c = lib.connect(FakeVddk.remoteParams("hunter2".toCharArray()))) {
            assertFalse(c.isClosed());
        }
        verify(vddk.lib).VixDiskLib_FreeConnectParams(any());
        assertEquals(0, vddk.outstanding("connectParams"));
        assertEquals(0, vddk.outstanding("connection"));
    }

    @Test
    void connectPassesEveryFieldAndTheConnectExArguments() {
        lib = vddk.open();
        AtomicReference<String> seen = new AtomicReference<>();
        doAnswer(inv -> {
            Pointer p = ((com.sun.jna.PointerType) inv.getArgument(0)).getPointer();
            seen.set(p.getPointer(0).getString(0) + "|" + p.getPointer(8).getString(0) + "|"
                    + p.getPointer(16).getString(0) + "|" + p.getInt(32) + "|" + p.getPointer(40).getString(0)
                    + "|" + p.getInt(64) + "|" + p.getInt(68) + "|" + inv.getArgument(1) + "|" + inv.getArgument(2)
                    + "|" + inv.getArgument(3));
            ((PointerByReference) inv.getArgument(4)).setValue(vddk.allocate("connection", 8));
            return 0L;
        }).when(vddk.lib).VixDiskLib_ConnectEx(any(), anyByte(), any(), any(), any());
        ConnectParams p = ConnectParams.remote("esx1").port(8443).nfcHostPort(902)
                .credentials(Credentials.userPassword("root", "pw".toCharArray())).thumbprint("AA:BB")
                .vmMoref("vm-7").build().withSnapshot("snapshot-3").readOnly(true).transports("hotadd:nbd");
        lib.connect(p).close();
        assertEquals("moref=vm-7|esx1|AA:BB|1|root|8443|902|1|snapshot-3|hotadd:nbd", seen.get());
    }

    @Test
    void passwordReachesConnectExAndIsDetachedBeforeFreeConnectParams() {
        lib = vddk.open();
        lib.connect(FakeVddk.remoteParams("hunter2".toCharArray())).close();
        assertEquals("hunter2", vddk.passwordSeenByConnectEx);
        assertEquals(1, vddk.credentialFieldsAtFree.size());
        assertArrayEquals(new long[] {0, 0, 0}, vddk.credentialFieldsAtFree.get(0),
                "user name, password and key pointers must be NULL when the struct is freed");
    }

    @Test
    void passwordNativeCopyIsZeroedBeforeItIsFreed() {
        // reads freed memory on purpose: AddressSanitizer (.ci/asan-java-tests) rightly stops it
        org.junit.jupiter.api.Assumptions.assumeFalse(String.valueOf(System.getenv("LD_PRELOAD")).contains("asan"),
                "deliberate read after free: not under AddressSanitizer");
        // A long, distinctive password: its chunk (about 1 KiB) goes to this thread's malloc cache
        // when freed, where free() overwrites only the first 16 bytes. Reading it afterwards is
        // formally a use after free, but the memory stays mapped; what must not be there is the
        // password's text.
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            pw.append((char) ('A' + i % 26));
        }
        lib = vddk.open();
        lib.connect(FakeVddk.remoteParams(pw.toString().toCharArray())).close();
        assertEquals(pw.toString(), vddk.passwordSeenByConnectEx);
        long address = vddk.passwordAddressSeenByConnectEx;
        byte[] after = new Pointer(address).getByteArray(16, 900 - 16);
        String tail = pw.substring(16);
        assertFalse(new String(after, java.nio.charset.StandardCharsets.ISO_8859_1).contains(tail.substring(0, 64)),
                "the password's native copy must be zeroed before it is freed");
    }

    @Test
    void connectFreesConnectParamsAndErrorTextWhenConnectExFails() {
        lib = vddk.open();
        doReturn(3014L).when(vddk.lib).VixDiskLib_ConnectEx(any(), anyByte(), any(), any(), any());
        VddkCallException e = assertThrows(VddkCallException.class,
                () -> lib.connect(FakeVddk.remoteParams("wrong".toCharArray())));
        assertEquals("VixDiskLib_ConnectEx", e.function());
        assertEquals(VixErrorCode.VIX_E_HOST_USER_PERMISSIONS, e.errorCode());
        assertEquals("text of error 3014", e.errorText());
        assertFalse(e.getMessage().contains("wrong"), "no password in the message: " + e.getMessage());
        verify(vddk.lib).VixDiskLib_FreeConnectParams(any());
        verify(vddk.lib).VixDiskLib_GetErrorText(eq(3014L), isNull());
        verify(vddk.lib).VixDiskLib_FreeErrorText(any());
        assertEquals(0, vddk.outstanding("connectParams"));
        assertEquals(0, vddk.outstanding("errorText"));
    }

    @Test
    void nullFromAllocateConnectParamsFailsWithoutConnecting() {
        lib = vddk.open();
        doReturn(null).when(vddk.lib).VixDiskLib_AllocateConnectParams();
        VddkCallException e = assertThrows(VddkCallException.class, () -> lib.connect(ConnectParams.local()));
        assertEquals("VixDiskLib_AllocateConnectParams", e.function());
        verify(vddk.lib, never()).VixDiskLib_ConnectEx(any(), anyByte(), any(), any(), any());
    }

    @Test
    void destroyedCredentialsNeverReachNativeCode() {
        lib = vddk.open();
        Credentials creds = Credentials.userPassword("u", "p".toCharArray());
        ConnectParams p = ConnectParams.remote("esx").vmMoref("vm-1").credentials(creds).build();
        creds.destroy();
        clearInvocations(vddk.lib);
        assertThrows(IllegalStateException.class, () -> lib.connect(p));
        assertThrows(IllegalStateException.class, () -> lib.cleanup(p));
        verifyNoInteractions(vddk.lib);
    }

    @Test
    void accessCallsOnLocalParamsAreRejectedBeforeNativeCode() {
        lib = vddk.open();
        clearInvocations(vddk.lib);
        assertThrows(IllegalArgumentException.class, () -> lib.prepareForAccess(ConnectParams.local(), "x"));
        assertThrows(IllegalArgumentException.class, () -> lib.endAccess(ConnectParams.local(), "x"));
        assertThrows(IllegalArgumentException.class,
                () -> lib.prepareForAccess(FakeVddk.remoteParams("p".toCharArray()), " "));
        verifyNoInteractions(vddk.lib);
    }

    @Test
    void openReadsInfoOnceAndFreesIt() {
        lib = vddk.open();
        try (Connection c = lib.connect(ConnectParams.local());
             DiskHandle d = c.open("/tmp/x.vmdk", OpenOption.READ_ONLY, OpenOption.SINGLE_LINK)) {
            verify(vddk.lib).VixDiskLib_Open(any(), eq("/tmp/x.vmdk"), eq(6), any());
            assertEquals(FakeVddk.CAPACITY, d.capacitySectors());
            assertEquals(TransportMode.NBDSSL, d.transportMode());
            assertTrue(d.isReadOnly());
            assertEquals(0, vddk.outstanding("info"));
        }
    }

    @Test
    void infoIsCopiedIntoARecordAndFreed() {
        lib = vddk.open();
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/tmp/x.vmdk")) {
            DiskInfo info = d.info();
            assertEquals(FakeVddk.CAPACITY, info.capacitySectors());
            assertEquals(FakeVddk.CAPACITY * 512, info.capacityBytes());
            assertEquals(new DiskGeometry(130, 16, 63), info.physGeometry());
            assertEquals(AdapterType.SCSI_LSILOGIC, info.adapterType());
            assertEquals(1, info.numLinks());
            assertEquals(java.util.Optional.empty(), info.parentFileNameHint());
            assertEquals(java.util.Optional.of("uuid-1"), info.uuid());
            assertEquals(OptionalInt.of(512), info.logicalSectorSize());
            assertEquals(OptionalInt.of(4096), info.physicalSectorSize());
            verify(vddk.lib, times(2)).VixDiskLib_FreeInfo(any());
        }
    }

    @Test
    void sectorSizesAreAbsentBeforeVddk7() {
        lib = DiskLib.builder().openWith(vddk.lib, vddk.dataPath, 6);
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/tmp/x.vmdk")) {
            assertEquals(OptionalInt.empty(), d.info().logicalSectorSize());
            assertEquals(OptionalInt.empty(), d.info().physicalSectorSize());
        }
    }

    @Test
    void failedGetInfoAtOpenClosesTheHandleAndFreesTheErrorText() {
        lib = vddk.open();
        doReturn(1L).when(vddk.lib).VixDiskLib_GetInfo(any(), any());
        try (Connection c = lib.connect(ConnectParams.local())) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open("/tmp/x.vmdk"));
            assertEquals("VixDiskLib_GetInfo", e.function());
            verify(vddk.lib).VixDiskLib_Close(any());
            verify(vddk.lib, never()).VixDiskLib_FreeInfo(any());
            assertEquals(0, vddk.outstanding("handle"));
            assertEquals(0, vddk.outstanding("errorText"));
        }
    }

    @Test
    void failedOpenReportsPathCodeTextAndVddkLog() {
        lib = vddk.open();
        doAnswer(inv -> {
            lib.logBridge().deliver(LogChannel.WARN, "SSL: thumbprint mismatch for esx1");
            lib.logBridge().deliver(LogChannel.LOG, "chatty log line");
            return 1L;
        }).when(vddk.lib).VixDiskLib_Open(any(), anyString(), anyInt(), any());
        try (Connection c = lib.connect(ConnectParams.local())) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open("[ds1] vm/vm.vmdk"));
            assertEquals(List.of("SSL: thumbprint mismatch for esx1"), e.vddkLog());
            assertEquals("VixDiskLib_Open failed ([ds1] vm/vm.vmdk): VIX_E_FAIL (1): text of error 1"
                    + " [VDDK log: SSL: thumbprint mismatch for esx1]", e.getMessage());
        }
    }

    @Test
    void failedReadFreesTheErrorText() {
        lib = vddk.open();
        doReturn(16007L).when(vddk.dataPath).read(any(), anyLong(), anyLong(), anyLong());
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/tmp/x.vmdk")) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> d.read(0, ByteBuffer.allocateDirect(512)));
            assertEquals(VixErrorCode.VIX_E_DISK_OUTOFRANGE, e.errorCode());
            verify(vddk.lib).VixDiskLib_FreeErrorText(any());
        }
    }

    @Test
    void nullErrorTextIsToleratedAndNotFreed() {
        lib = vddk.open();
        doReturn(null).when(vddk.lib).VixDiskLib_GetErrorText(anyLong(), isNull());
        doReturn(13L).when(vddk.lib).VixDiskLib_Flush(any());
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/tmp/x.vmdk")) {
            VddkCallException e = assertThrows(VddkCallException.class, d::flush);
            assertTrue(e.getMessage().endsWith("VIX_E_FILE_ACCESS_ERROR (13): (no error text)"), e.getMessage());
            verify(vddk.lib, never()).VixDiskLib_FreeErrorText(any());
        }
    }

    @Test
    void argumentErrorsNeverReachTheDataPath() {
        lib = vddk.open();
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/tmp/x.vmdk")) {
            assertThrows(IllegalArgumentException.class, () -> d.read(-1, ByteBuffer.allocateDirect(512)));
            assertThrows(IllegalArgumentException.class, () -> d.read(0, ByteBuffer.allocateDirect(100)));
            assertThrows(IllegalArgumentException.class,
                    () -> d.read(FakeVddk.CAPACITY - 1, ByteBuffer.allocateDirect(1024)));
            assertThrows(IllegalArgumentException.class,
                    () -> d.read(0, ByteBuffer.allocateDirect(512).asReadOnlyBuffer()));
            assertThrows(IllegalArgumentException.class, () -> d.write(FakeVddk.CAPACITY, ByteBuffer.allocate(512)));
            verifyNoInteractions(vddk.dataPath);
        }
    }

    @Test
    void writeOnReadOnlyHandleOrConnectionNeverReachesTheDataPath() {
        lib = vddk.open();
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/a.vmdk", OpenOption.READ_ONLY)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.write(0, ByteBuffer.allocate(512)));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
        try (Connection c = lib.connect(ConnectParams.local().readOnly(true)); DiskHandle d = c.open("/b.vmdk")) {
            assertTrue(d.isReadOnly());
            assertThrows(IllegalStateException.class, () -> d.write(0, ByteBuffer.allocate(512)));
        }
        verifyNoInteractions(vddk.dataPath);
    }

    @Test
    void directBufferGoesToTheDataPathAtItsPosition() {
        lib = vddk.open();
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/tmp/x.vmdk")) {
            ByteBuffer buf = d.allocateBuffer(8192);
            long base = Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(buf));
            assertEquals(0, base % 4096);
            buf.position(512).limit(512 + 4096);
            d.read(10, buf);
            verify(vddk.dataPath).read(any(), eq(10L), eq(8L), eq(base + 512));
            assertEquals(4608, buf.position());
        }
    }

    @Test
    void zeroLengthReadDoesNotCallVddk() {
        lib = vddk.open();
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/tmp/x.vmdk")) {
            d.read(5, ByteBuffer.allocate(0));
            verifyNoInteractions(vddk.dataPath);
        }
    }

    @Test
    void cleanupReturnsBothCountsAndFreesParams() {
        lib = vddk.open();
        CleanupResult r = lib.cleanup(FakeVddk.remoteParams("p".toCharArray()));
        assertEquals(new CleanupResult(1, 0), r);
        verify(vddk.lib).VixDiskLib_FreeConnectParams(any());
    }

    @Test
    void failedCleanupStillFreesParams() {
        lib = vddk.open();
        doReturn(18000L).when(vddk.lib).VixDiskLib_Cleanup(any(), any(), any());
        assertThrows(VddkCallException.class, () -> lib.cleanup(FakeVddk.remoteParams("p".toCharArray())));
        verify(vddk.lib).VixDiskLib_FreeConnectParams(any());
    }

    @Test
    void leaseCloseCallsEndAccessOnceWithItsOwnCredentialCopy() {
        lib = vddk.open();
        Credentials creds = Credentials.userPassword("admin", "pw".toCharArray());
        ConnectParams vm = ConnectParams.remote("vc").vmMoref("vm-1").credentials(creds).build();
        AccessLease lease = lib.prepareForAccess(vm, "acme-backup");
        creds.destroy(); // the caller wipes theirs: the lease still works
        lease.close();
        lease.close();
        verify(vddk.lib).VixDiskLib_PrepareForAccess(any(), eq("acme-backup"));
        verify(vddk.lib, times(1)).VixDiskLib_EndAccess(any(), eq("acme-backup"));
        assertTrue(lease.params().credentials().orElseThrow().isDestroyed());
        verify(vddk.lib, times(2)).VixDiskLib_FreeConnectParams(any());
    }

    @Test
    void failedPrepareForAccessFreesParamsAndWipesTheCopy() {
        lib = vddk.open();
        doReturn(1L).when(vddk.lib).VixDiskLib_PrepareForAccess(any(), anyString());
        assertThrows(VddkCallException.class, () -> lib.prepareForAccess(FakeVddk.remoteParams("p".toCharArray()), "id"));
        verify(vddk.lib).VixDiskLib_FreeConnectParams(any());
        lib.close();
        verify(vddk.lib, never()).VixDiskLib_EndAccess(any(), anyString());
    }

    @Test
    void transportModesAreParsedFromListTransportModes() {
        lib = vddk.open();
        assertEquals(List.of(TransportMode.FILE, TransportMode.SAN, TransportMode.HOTADD, TransportMode.NBDSSL,
                TransportMode.NBD), lib.transportModes());
        doReturn(null).when(vddk.lib).VixDiskLib_ListTransportModes();
        assertEquals(List.of(), lib.transportModeNames());
    }

    @Test
    void configIsWrittenToATempFileGivenToInitExAndDeletedAsSoonAsInitExReturned() throws Exception {
        VddkConfig config = VddkConfig.builder().transportLogLevel(3).build();
        AtomicReference<Path> file = new AtomicReference<>();
        doAnswer(inv -> {
            Path p = Path.of((String) inv.getArgument(6));
            file.set(p);
            assertEquals(config, VddkConfig.read(p));
            return 0L;
        }).when(vddk.lib).VixDiskLib_InitEx(anyInt(), anyInt(), any(), any(), any(), any(), any());
        lib = DiskLib.builder().config(config).openWith(vddk.lib, vddk.dataPath, 8);
        assertFalse(Files.exists(file.get()), "VDDK read the temporary config file in InitEx; it is deleted then");
        lib.close();
    }

    @Test
    void failedInitExDeletesTheTempConfigAndFreesTheSlot() {
        AtomicReference<Path> file = new AtomicReference<>();
        doAnswer(inv -> {
            file.set(Path.of((String) inv.getArgument(6)));
            return 1L;
        }).when(vddk.lib).VixDiskLib_InitEx(anyInt(), anyInt(), any(), any(), any(), any(), any());
        VddkCallException e = assertThrows(VddkCallException.class,
                () -> DiskLib.builder().config(VddkConfig.builder().build()).openWith(vddk.lib, vddk.dataPath, 8));
        assertEquals("VixDiskLib_InitEx", e.function());
        assertFalse(Files.exists(file.get()));
        doReturn(0L).when(vddk.lib).VixDiskLib_InitEx(anyInt(), anyInt(), any(), any(), any(), any(), any());
        lib = vddk.open(); // the slot is free again
        verify(vddk.lib, never()).VixDiskLib_Exit();
    }

    @Test
    void initExGetsTheVersionLibDirAndThreeCallbacks() {
        lib = DiskLib.builder().libDir(Path.of("/opt/vddk")).version(7, 1).openWith(vddk.lib, vddk.dataPath, 8);
        verify(vddk.lib).VixDiskLib_InitEx(eq(7), eq(1), any(), any(), any(), eq("/opt/vddk"), isNull());
    }

    @Test
    void configAndConfigFileTogetherAreRejected(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("c.conf"), "vixDiskLib.transport.LogLevel=2\n");
        assertThrows(IllegalArgumentException.class, () -> DiskLib.builder().config(VddkConfig.builder().build())
                .configFile(f).openWith(vddk.lib, vddk.dataPath, 8));
        assertThrows(IllegalArgumentException.class,
                () -> DiskLib.builder().configFile(dir.resolve("missing.conf")).openWith(vddk.lib, vddk.dataPath, 8));
        verifyNoInteractions(vddk.lib);
    }

    @Test
    void closeOrderIsHandlesThenDisconnectThenLeasesThenExit() {
        lib = vddk.open();
        Connection c = lib.connect(ConnectParams.local());
        DiskHandle d1 = c.open("/a.vmdk");
        DiskHandle d2 = c.open("/b.vmdk");
        AccessLease lease = lib.prepareForAccess(FakeVddk.remoteParams("p".toCharArray()), "id");
        lib.close();
        InOrder order = inOrder(vddk.lib);
        order.verify(vddk.lib, times(2)).VixDiskLib_Close(any());
        order.verify(vddk.lib).VixDiskLib_Disconnect(any());
        order.verify(vddk.lib).VixDiskLib_EndAccess(any(), eq("id"));
        order.verify(vddk.lib).VixDiskLib_Exit();
        assertTrue(d1.isClosed() && d2.isClosed() && c.isClosed() && lease.isClosed());
        lib.close();
        verify(vddk.lib, times(1)).VixDiskLib_Exit();
    }

    @Test
    void diskLibCloseRetriesAFailedCloseOnceThenExitsAndReportsIt() {
        lib = vddk.open();
        Connection c = lib.connect(ConnectParams.local());
        c.open("/a.vmdk");
        doReturn(1L).when(vddk.lib).VixDiskLib_Close(any()); // fails every time, handle kept
        VddkCallException e = assertThrows(VddkCallException.class, lib::close);
        assertEquals("VixDiskLib_Close", e.function());
        verify(vddk.lib, times(2)).VixDiskLib_Close(any());
        verify(vddk.lib, never()).VixDiskLib_Disconnect(any()); // never under a handle still open
        verify(vddk.lib).VixDiskLib_Exit();
        assertTrue(lib.isClosed());
        lib.close(); // closed: Exit is not called again
        verify(vddk.lib).VixDiskLib_Exit();
        vddk.outstanding.clear(); // the fake's handle and connection: Exit cleans up what Close left
    }

    @Test
    void useOfAnyObjectAfterCloseNeverCallsNative() {
        lib = vddk.open();
        Connection c = lib.connect(ConnectParams.local());
        DiskHandle d = c.open("/a.vmdk");
        lib.close();
        clearInvocations(vddk.lib);
        assertThrows(IllegalStateException.class, () -> d.read(0, ByteBuffer.allocateDirect(512)));
        assertThrows(IllegalStateException.class, () -> d.write(0, ByteBuffer.allocateDirect(512)));
        assertThrows(IllegalStateException.class, d::info);
        assertThrows(IllegalStateException.class, d::flush);
        assertThrows(IllegalStateException.class, () -> c.open("/b.vmdk"));
        assertThrows(IllegalStateException.class, () -> lib.connect(ConnectParams.local()));
        assertThrows(IllegalStateException.class, lib::transportModes);
        d.close();
        c.close();
        verifyNoInteractions(vddk.dataPath);
        verifyNoMoreInteractions(vddk.lib);
    }

    @Test
    void secondLiveDiskLibIsRefusedNamingTheFirst() {
        lib = vddk.open();
        IllegalStateException e = assertThrows(IllegalStateException.class, vddk::open);
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
        assertTrue(e.getMessage().contains("thread '" + Thread.currentThread().getName() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("FakeVddk.open"), e.getMessage());
        lib.close();
        lib = vddk.open();
    }

    @Test
    void onlyOpenTakesTheProcessWideLockNotGetInfoOrGetTransportMode() {
        lib = vddk.open();
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/a.vmdk")) {
            d.info();
        }
        assertEquals(List.of("VixDiskLib_Open: held", "VixDiskLib_GetTransportMode: not held",
                "VixDiskLib_GetInfo: not held", "VixDiskLib_GetInfo: not held"), vddk.lockHeldDuring);
    }
}
