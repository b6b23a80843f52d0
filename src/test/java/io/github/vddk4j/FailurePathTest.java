package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.EmulatedWorld;
import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure path against the real stub (faults injected with its control API): the stub's
 * own counters prove that nothing allocated natively is left behind.
 */
@ExtendWith(StubLeakCheck.class)
class FailurePathTest {
    @TempDir
    static Path base;
    static DiskLib lib;
    static String disk;

    @BeforeAll
    static void setUp() {
        EmulatedWorld.define(base);
        disk = Stub.createDisk(base.resolve("local.vmdk"), 2048).toString();
        lib = SharedDiskLib.get();
    }

    @AfterEach
    void clearFaults() {
        Stub.control().VixDiskLibStub_ClearFaults();
        assertEquals(0, Stub.counter("handles"));
        assertEquals(0, Stub.counter("connections"));
    }


    @Test
    void failedConnectExLeavesNoConnectParams() {
        Stub.injectFault("VixDiskLib_ConnectEx", 1, 18000);
        VddkCallException e = assertThrows(VddkCallException.class, () -> lib.connect(EmulatedWorld.vcenter()));
        assertEquals(VixErrorCode.VIX_E_CANNOT_CONNECT_TO_HOST, e.errorCode());
        assertEquals("Cannot connect to the host", e.errorText());
        assertEquals(0, Stub.counter("connectParams"));
    }

    @Test
    void nullConnectParamsFromVddkIsAnExceptionNotACrash() {
        Stub.injectFault("VixDiskLib_AllocateConnectParams", 1, 2);
        VddkCallException e = assertThrows(VddkCallException.class, () -> lib.connect(ConnectParams.local()));
        assertEquals("VixDiskLib_AllocateConnectParams", e.function());
        assertEquals(VixErrorCode.VIX_E_OUT_OF_MEMORY, e.errorCode());
    }

    @Test
    void failedGetInfoAfterOpenClosesTheHandle() {
        try (Connection c = lib.connect(ConnectParams.local())) {
            Stub.injectFault("VixDiskLib_GetInfo", 1, 1);
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open(disk));
            assertEquals("VixDiskLib_GetInfo", e.function());
            assertEquals(0, Stub.counter("handles"));
            assertEquals(0, Stub.counter("infos"));
            try (DiskHandle d = c.open(disk)) { // and the disk is not left locked
                assertEquals(2048, d.capacitySectors());
            }
        }
    }

    @Test
    void nullTransportModeAtOpenKeepsTheHandleUsableWithAnEmptyModeName() {
        try (Connection c = lib.connect(ConnectParams.local())) {
            Stub.injectFault("VixDiskLib_GetTransportMode", 1, 1);
            try (DiskHandle d = c.open(disk)) {
                assertEquals("", d.transportModeName(), "a NULL transport mode is reported as empty, not a crash");
                assertThrows(IllegalStateException.class, d::transportMode);
                d.read(0, ByteBuffer.allocate(512)); // the handle stays open and usable
            }
        }
    }

    @Test
    void failedReadKeepsTheHandleUsable() {
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk)) {
            Stub.injectFault("VixDiskLib_Read", 1, 13);
            VddkCallException e = assertThrows(VddkCallException.class, () -> d.read(0, ByteBuffer.allocate(512)));
            assertEquals(VixErrorCode.VIX_E_FILE_ACCESS_ERROR, e.errorCode());
            d.read(0, ByteBuffer.allocate(512));
        }
    }

    @Test
    void nullErrorTextIsReportedAsMissing() {
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk)) {
            Stub.injectFault("VixDiskLib_Flush", 1, 1);
            Stub.injectFault("VixDiskLib_GetErrorText", 1, 1);
            VddkCallException e = assertThrows(VddkCallException.class, d::flush);
            assertNull(e.errorText());
            assertTrue(e.getMessage().contains("(no error text)"), e.getMessage());
        }
    }

    @Test
    void failedCloseLeavesTheHandleCloseFailedAndTheRetryClosesIt() {
        Connection c = lib.connect(ConnectParams.local());
        DiskHandle d = c.open(disk);
        Stub.injectFault("VixDiskLib_Close", 1, 1);
        VddkCallException e = assertThrows(VddkCallException.class, d::close);
        assertEquals("VixDiskLib_Close", e.function());
        assertTrue(d.isClosed());
        assertThrows(IllegalStateException.class, () -> d.read(0, ByteBuffer.allocate(512)));
        // the stub's faulted Close had no effect: the native handle is still open until the retry
        assertEquals(1, Stub.counter("handles"));
        c.close(); // retries the handle's Close, then disconnects
        assertEquals(0, Stub.counter("handles"));
    }

    @Test
    void failedDisconnectLeavesTheConnectionCloseFailedAndTheRetryDisconnects() {
        Connection c = lib.connect(ConnectParams.local());
        Stub.injectFault("VixDiskLib_Disconnect", 1, 1);
        assertThrows(VddkCallException.class, c::close);
        assertTrue(c.isClosed(), "a close-failed connection is unusable");
        assertEquals(1, Stub.counter("connections"));
        c.close();
        assertEquals(0, Stub.counter("connections"));
    }

    @Test
    void failedPrepareForAccessLeavesNoLeaseAndNoRecord() {
        Stub.injectFault("VixDiskLib_PrepareForAccess", 1, 20005);
        VddkCallException e = assertThrows(VddkCallException.class, () -> lib.prepareForAccess(EmulatedWorld.vcenter(), "id"));
        assertEquals(VixErrorCode.VIX_E_OPERATION_DISABLED, e.errorCode());
        assertEquals(0, Stub.accessRecords(EmulatedWorld.VCENTER));
        assertEquals(0, Stub.counter("connectParams"));
    }
}
