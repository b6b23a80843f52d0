package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doReturn;

import ch.qos.logback.classic.Level;
import io.github.vddk4j.testsupport.CapturedLogger;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opt-in call statistics and the TRACE call log on {@code vddk4j.calls}, over mocks. */
class CallObservationTest {
    private final FakeVddk vddk = new FakeVddk();
    private DiskLib lib;

    @AfterEach
    void close() {
        if (lib != null) {
            lib.close();
        }
    }

    @Test
    void statisticsCountCallsFailuresBytesAndTimePerFunction() {
        lib = DiskLib.builder().observeCalls(true).openWith(vddk.lib, vddk.dataPath, 8);
        try (Connection c = lib.connect(FakeVddk.remoteParams("hunter2".toCharArray())); DiskHandle d = c.open("/a.vmdk")) {
            d.read(0, ByteBuffer.allocateDirect(4096));
            d.read(8, ByteBuffer.allocateDirect(4096));
            d.write(0, ByteBuffer.allocateDirect(512));
            doReturn(13L).when(vddk.dataPath).write(any(), anyLong(), anyLong(), anyLong());
            assertThrows(VddkCallException.class, () -> d.write(0, ByteBuffer.allocateDirect(512)));
        }
        Map<String, CallStatistics> stats = lib.callStatistics();
        CallStatistics read = stats.get("VixDiskLib_Read");
        assertEquals(2, read.calls());
        assertEquals(0, read.failures());
        assertEquals(8192, read.bytes());
        assertTrue(read.totalTime().toNanos() > 0);
        CallStatistics write = stats.get("VixDiskLib_Write");
        assertEquals(2, write.calls());
        assertEquals(1, write.failures());
        assertEquals(512, write.bytes(), "a failed write moved nothing");
        assertEquals(1, stats.get("VixDiskLib_ConnectEx").calls());
        assertEquals(1, stats.get("VixDiskLib_Open").calls());
    }

    @Test
    void withoutObservationThereAreNoStatistics() {
        lib = vddk.open();
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open("/a.vmdk")) {
            d.read(0, ByteBuffer.allocateDirect(512));
        }
        assertEquals(Map.of(), lib.callStatistics());
    }

    @Test
    void everyCallIsTracedAtTraceWithoutSecrets() {
        String all;
        try (CapturedLogger trace = CapturedLogger.of(CallObserver.LOGGER, Level.TRACE)) {
            lib = DiskLib.builder().observeCalls(true).openWith(vddk.lib, vddk.dataPath, 8);
            try (Connection c = lib.connect(FakeVddk.remoteParams("hunter2".toCharArray()));
                 DiskHandle d = c.open("/a.vmdk")) {
                d.read(0, ByteBuffer.allocateDirect(1024));
            }
            all = trace.text();
        }
        assertTrue(all.contains("VixDiskLib_Read(/a.vmdk, 1024 bytes) -> VIX_OK in "), all);
        assertTrue(all.contains("VixDiskLib_ConnectEx(vcenter.example.com, moref=vm-42) -> VIX_OK"), all);
        assertTrue(all.contains("VixDiskLib_Close(/a.vmdk) -> VIX_OK"), all);
        assertFalse(all.contains("hunter2"), all);
    }
}
