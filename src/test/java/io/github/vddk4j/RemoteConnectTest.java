package io.github.vddk4j;

import static io.github.vddk4j.testsupport.EmulatedWorld.LOCAL_DS;
import static io.github.vddk4j.testsupport.EmulatedWorld.SAN_DS;
import static io.github.vddk4j.testsupport.EmulatedWorld.diskPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.EmulatedWorld;
import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Remote connections to emulated ESXi and vCenter servers, through the public API. */
@ExtendWith(StubLeakCheck.class)
class RemoteConnectTest {
    @TempDir
    static Path base;
    static DiskLib lib;

    @BeforeAll
    static void setUp() {
        EmulatedWorld.define(base);
        lib = SharedDiskLib.get();
    }


    @Test
    void esxiConnectWithUserPasswordOpensOverNbd() {
        try (Connection c = lib.connect(EmulatedWorld.esxi()); DiskHandle d = c.open(diskPath(SAN_DS))) {
            assertEquals(TransportMode.NBD, d.transportMode());
            assertEquals(EmulatedWorld.DISK_SECTORS, d.info().capacitySectors());
        }
    }

    @Test
    void vcenterConnectWithUserPasswordAndSessionCookie() {
        try (Connection c = lib.connect(EmulatedWorld.vcenter()); DiskHandle d = c.open(diskPath(SAN_DS))) {
            assertEquals(EmulatedWorld.DISK_SECTORS, d.capacitySectors());
        }
        ConnectParams cookie = EmulatedWorld.vcenter().toBuilder()
                .credentials(Credentials.sessionCookie(EmulatedWorld.VC_COOKIE, EmulatedWorld.VC_USER)).build();
        try (Connection c = lib.connect(cookie); DiskHandle d = c.open(diskPath(LOCAL_DS))) {
            assertEquals(EmulatedWorld.DISK_SECTORS, d.capacitySectors());
        }
    }

    @Test
    void wrongPasswordFailsConnectExWithoutShowingIt() {
        ConnectParams wrong = EmulatedWorld.esxi().toBuilder()
                .credentials(Credentials.userPassword(EmulatedWorld.ESXI_USER, "Not-The-Password".toCharArray())).build();
        VddkCallException e = assertThrows(VddkCallException.class, () -> lib.connect(wrong));
        assertEquals("VixDiskLib_ConnectEx", e.function());
        assertEquals(VixErrorCode.VIX_E_HOST_USER_PERMISSIONS, e.errorCode());
        assertFalse(e.getMessage().contains("Not-The-Password"), e.getMessage());
        assertTrue(e.getMessage().contains(EmulatedWorld.ESXI), e.getMessage());
    }

    @Test
    void unknownSessionCookieFailsConnectEx() {
        ConnectParams wrong = EmulatedWorld.vcenter().toBuilder()
                .credentials(Credentials.sessionCookie("expired-cookie", EmulatedWorld.VC_USER)).build();
        VddkCallException e = assertThrows(VddkCallException.class, () -> lib.connect(wrong));
        assertEquals(VixErrorCode.VIX_E_HOST_USER_PERMISSIONS, e.errorCode());
        assertFalse(e.getMessage().contains("expired-cookie"), e.getMessage());
    }

    @Test
    void unknownServerFailsConnectEx() {
        ConnectParams nowhere = ConnectParams.remote("nowhere.example.com")
                .credentials(Credentials.userPassword("u", "p".toCharArray())).vmMoref("vm-1").build();
        VddkCallException e = assertThrows(VddkCallException.class, () -> lib.connect(nowhere));
        assertEquals(VixErrorCode.VIX_E_HOST_SERVER_NOT_FOUND, e.errorCode());
    }

    @Test
    void wrongThumbprintFailsAtOpenWithVddksExplanation() {
        ConnectParams wrongThumb = EmulatedWorld.esxi().toBuilder().thumbprint("DE:AD:BE:EF").build();
        try (Connection c = lib.connect(wrongThumb)) { // ConnectEx does not check it
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open(diskPath(SAN_DS)));
            assertEquals(VixErrorCode.VIX_E_FAIL, e.errorCode());
            assertEquals("Unknown error", e.errorText());
            assertTrue(e.vddkLog().stream().anyMatch(l -> l.contains("thumbprint mismatch")), e.vddkLog().toString());
            assertTrue(e.getMessage().contains("thumbprint mismatch: expected DE:AD:BE:EF"), e.getMessage());
        }
    }

    @Test
    void readOnlyRemoteConnectionMakesOpensReadOnly() {
        try (Connection c = lib.connect(EmulatedWorld.esxi().readOnly(true)); DiskHandle d = c.open(diskPath(SAN_DS))) {
            assertTrue(c.isReadOnly());
            assertTrue(d.isReadOnly());
            assertThrows(IllegalStateException.class, () -> d.write(0, ByteBuffer.allocate(512)));
        }
    }

    @Test
    void remoteWriteThenReadRoundTripsOverNbdAndSan() {
        byte[] payload = new byte[64 * 1024];
        new Random(42).nextBytes(payload);
        try (Connection c = lib.connect(EmulatedWorld.vcenter()); DiskHandle d = c.open(diskPath(SAN_DS))) {
            assertEquals(TransportMode.NBD, d.transportMode());
            d.write(128, ByteBuffer.wrap(payload));
        }
        try (Connection c = lib.connect(EmulatedWorld.vcenter().withSnapshot("snapshot-1").readOnly(true));
             DiskHandle d = c.open(diskPath(SAN_DS))) {
            assertEquals(TransportMode.SAN, d.transportMode());
            ByteBuffer back = d.allocateBuffer(payload.length);
            d.read(128, back);
            byte[] got = new byte[payload.length];
            back.flip().get(got);
            assertArrayEquals(payload, got);
        }
    }

    @Test
    void missingDatastoreFileFailsWithFileNotFound() {
        try (Connection c = lib.connect(EmulatedWorld.esxi())) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open("[" + SAN_DS + "] nope/nope.vmdk"));
            assertEquals(VixErrorCode.VIX_E_FILE_NOT_FOUND, e.errorCode());
        }
    }
}
