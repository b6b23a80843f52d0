package io.github.vddk4j.jna;

import io.github.vddk4j.testkit.VixDiskLibStub;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import org.junit.jupiter.api.Tag;
import io.github.vddk4j.testsupport.OwnJvm;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.logging.internal.LogBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole VixDiskLib session through the raw layer, against the stub: every allocation is given back. */
@Tag(OwnJvm.TAG)
class RawRoundTripTest {
    static LoadedVixDiskLib loaded;
    static VixDiskLib lib;
    static VixDiskLibStub stub;
    static NativeLogFunctions logFunctions;

    @BeforeAll
    static void initEx() {
        loaded = StubTestSupport.load();
        lib = loaded.lib();
        stub = VixDiskLibStub.load(loaded.path());
        assertNull(lib.VixDiskLib_ListTransportModes(), "no transport modes before InitEx");
        logFunctions = new NativeLogFunctions(new LogBridge());
        assertEquals(VixErrors.VIX_OK, lib.VixDiskLib_InitEx(loaded.vddkMajor(), 0, logFunctions.log(),
                logFunctions.warn(), logFunctions.panic(), loaded.libDir().toString(), null));
    }

    @AfterAll
    static void exitAndCheckCounters() {
        lib.VixDiskLib_Exit();
        for (String counter : new String[] {"connectParams", "infos", "errorTexts", "blockLists", "connections",
                "handles", "logThreads"}) {
            assertEquals(0, stub.VixDiskLibStub_GetCounter(counter), "stub counter " + counter + " after Exit");
        }
        assertEquals(1, stub.VixDiskLibStub_GetCounter("exit"));
    }

    @Test
    void localSessionWritesAndReadsSectorsThroughTheDirectDataPath(@TempDir Path dir) {
        assertTrue(lib.VixDiskLib_ListTransportModes().getString(0).contains("file"));
        Path disk = dir.resolve("raw.vmdk");
        long capacity = 2048;
        assertEquals(VixErrors.VIX_OK, stub.VixDiskLibStub_CreateFlatDisk(disk.toString(), capacity,
                VixDiskLibConstants.VIXDISKLIB_ADAPTER_SCSI_LSILOGIC));

        VixDiskLibConnectParams params = VixDiskLibConnectParams.at(lib.VixDiskLib_AllocateConnectParams(), loaded.vddkMajor());
        assertEquals(1, stub.VixDiskLibStub_GetCounter("connectParams"));
        PointerByReference connOut = new PointerByReference();
        assertEquals(VixErrors.VIX_OK, lib.VixDiskLib_ConnectEx(params, (byte) 0, null, null, connOut));
        VixDiskLibConnection conn = new VixDiskLibConnection(connOut.getValue());
        assertEquals(1, stub.VixDiskLibStub_GetCounter("connections"));

        PointerByReference handleOut = new PointerByReference();
        assertEquals(VixErrors.VIX_OK, lib.VixDiskLib_Open(conn, disk.toString(), 0, handleOut));
        VixDiskLibHandle handle = new VixDiskLibHandle(handleOut.getValue());
        assertEquals("file", lib.VixDiskLib_GetTransportMode(handle).getString(0));

        PointerByReference infoOut = new PointerByReference();
        assertEquals(VixErrors.VIX_OK, lib.VixDiskLib_GetInfo(handle, infoOut));
        VixDiskLibInfo info = VixDiskLibInfo.read(infoOut.getValue(), loaded.vddkMajor());
        assertEquals(capacity, info.capacity);
        assertEquals(VixDiskLibConstants.VIXDISKLIB_ADAPTER_SCSI_LSILOGIC, info.adapterType);
        assertEquals(1, info.numLinks);
        assertEquals(512, info.logicalSectorSize);
        assertEquals(512, info.physicalSectorSize);
        lib.VixDiskLib_FreeInfo(infoOut.getValue());

        int sectors = 64;
        ByteBuffer out = ByteBuffer.allocateDirect(sectors * 512);
        byte[] data = new byte[sectors * 512];
        new Random(42).nextBytes(data);
        out.put(data).flip();
        long outAddr = Pointer.nativeValue(Native.getDirectBufferPointer(out));
        assertEquals(VixErrors.VIX_OK, loaded.dataPath().write(handle, 100, sectors, outAddr));
        assertEquals(VixErrors.VIX_OK, lib.VixDiskLib_Flush(handle));

        ByteBuffer in = ByteBuffer.allocateDirect(sectors * 512);
        long inAddr = Pointer.nativeValue(Native.getDirectBufferPointer(in));
        assertEquals(VixErrors.VIX_OK, loaded.dataPath().read(handle, 100, sectors, inAddr));
        byte[] back = new byte[sectors * 512];
        in.get(back);
        assertArrayEquals(data, back);

        long outOfRange = loaded.dataPath().read(handle, capacity - 1, 2, inAddr);
        assertEquals(16007 /* VIX_E_DISK_OUTOFRANGE */, VixErrors.code(outOfRange));
        Pointer text = lib.VixDiskLib_GetErrorText(outOfRange, null);
        assertNotNull(text);
        assertTrue(text.getString(0).contains("out of bounds"), text.getString(0));
        lib.VixDiskLib_FreeErrorText(text);

        assertEquals(VixErrors.VIX_OK, lib.VixDiskLib_Close(handle));
        assertEquals(VixErrors.VIX_OK, lib.VixDiskLib_Disconnect(conn));
        params.free(lib);
        for (String counter : new String[] {"connectParams", "infos", "errorTexts", "connections", "handles"}) {
            assertEquals(0, stub.VixDiskLibStub_GetCounter(counter), counter);
        }
        assertTrue(Files.exists(disk));
    }

    @Test
    void connectParamsWrittenByJavaAreWhatTheLibraryReads(@TempDir Path dir) {
        VixDiskLibConnectParams params = VixDiskLibConnectParams.at(lib.VixDiskLib_AllocateConnectParams(), loaded.vddkMajor());
        params.setVmxSpec("moref=vm-42");
        params.setServerName("esx.example.com");
        params.setThumbPrint("AA:BB");
        params.setUidCredentials("backup", "s3cret".toCharArray());
        params.setPort(1443);
        params.setNfcHostPort(1902);
        Pointer p = params.getPointer();
        assertEquals("moref=vm-42", p.getPointer(0).getString(0));
        assertEquals("esx.example.com", p.getPointer(8).getString(0));
        assertEquals("AA:BB", p.getPointer(16).getString(0));
        assertEquals(VixDiskLibConstants.VIXDISKLIB_CRED_UID, p.getInt(32));
        assertEquals("backup", p.getPointer(40).getString(0));
        assertEquals("s3cret", p.getPointer(48).getString(0));
        assertEquals(1443, p.getInt(64));
        assertEquals(1902, p.getInt(68));
        assertTrue(params.holdsSecrets());
        params.free(lib);
        assertEquals(0, stub.VixDiskLibStub_GetCounter("connectParams"));
    }
}
