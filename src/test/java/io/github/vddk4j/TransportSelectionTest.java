package io.github.vddk4j;

import static io.github.vddk4j.testsupport.EmulatedWorld.LOCAL_DS;
import static io.github.vddk4j.testsupport.EmulatedWorld.SAN_DS;
import static io.github.vddk4j.testsupport.EmulatedWorld.diskPath;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How VDDK picks a transport (the guide's rules, emulated by the stub), through the public API. */
@ExtendWith(StubLeakCheck.class)
class TransportSelectionTest {
    @TempDir
    static Path base;
    static DiskLib lib;

    @BeforeAll
    static void setUp() {
        EmulatedWorld.define(base);
        lib = SharedDiskLib.get();
    }


    private static TransportMode openedVia(ConnectParams params, String path) {
        try (Connection c = lib.connect(params); DiskHandle d = c.open(path, OpenOption.READ_ONLY)) {
            return d.transportMode();
        }
    }

    @Test
    void withoutSnapshotOnlyNbdIsEligible() {
        assertEquals(TransportMode.NBD, openedVia(EmulatedWorld.vcenter(), diskPath(SAN_DS)));
    }

    @Test
    void withSnapshotTheDefaultPriorityPicksSanFirst() {
        assertEquals(TransportMode.SAN, openedVia(EmulatedWorld.vcenter().withSnapshot("snapshot-1"), diskPath(SAN_DS)));
    }

    @Test
    void preferredTransportsAreTriedInTheGivenOrder() {
        ConnectParams snap = EmulatedWorld.vcenter().withSnapshot("snapshot-1");
        assertEquals(TransportMode.HOTADD,
                openedVia(snap.transports(TransportMode.HOTADD, TransportMode.NBDSSL), diskPath(SAN_DS)));
        assertEquals(TransportMode.NBDSSL, openedVia(snap.transports("nbdssl:nbd"), diskPath(SAN_DS)));
        assertEquals(TransportMode.NBD, openedVia(snap.transports("nbd"), diskPath(SAN_DS)));
    }

    @Test
    void serverWithoutSanFallsBackToHotadd() {
        assertEquals(TransportMode.HOTADD,
                openedVia(EmulatedWorld.sanless().withSnapshot("snapshot-1"), diskPath(SAN_DS)));
    }

    @Test
    void sanOnlyWithSanUnavailableConnectsButFailsTheFirstOpen() {
        try (Connection c = lib.connect(EmulatedWorld.sanless().withSnapshot("snapshot-1").transports(TransportMode.SAN))) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open(diskPath(SAN_DS)));
            assertEquals("VixDiskLib_Open", e.function());
            assertEquals(VixErrorCode.VIX_E_NOT_SUPPORTED, e.errorCode());
            assertFalse(e.vddkLog().isEmpty(), "VDDK's reason must travel with the exception");
        }
    }

    @Test
    void sanOnlyWithoutSnapshotFailsTheFirstOpen() {
        try (Connection c = lib.connect(EmulatedWorld.vcenter().transports("san"))) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open(diskPath(SAN_DS)));
            assertEquals(VixErrorCode.VIX_E_NOT_SUPPORTED, e.errorCode());
        }
    }

    @Test
    void poweredOnVmWithoutSnapshotCannotBeOpened() {
        ConnectParams running = EmulatedWorld.vcenter().toBuilder().vmMoref(EmulatedWorld.VM_ON).build();
        try (Connection c = lib.connect(running)) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open(diskPath(SAN_DS)));
            assertEquals(VixErrorCode.VIX_E_FILE_ALREADY_LOCKED, e.errorCode());
        }
        assertEquals(TransportMode.SAN, openedVia(running.withSnapshot("snapshot-9"), diskPath(SAN_DS)));
    }

    @Test
    void sanOnLocalStorageOpensAndReadsButFailsWrites() {
        try (Connection c = lib.connect(EmulatedWorld.vcenter().withSnapshot("snapshot-1"));
             DiskHandle d = c.open(diskPath(LOCAL_DS))) {
            assertEquals(TransportMode.SAN, d.transportMode());
            ByteBuffer buf = d.allocateBuffer(4096);
            d.read(0, buf);
            VddkCallException e = assertThrows(VddkCallException.class, () -> d.write(0, buf.flip()));
            assertEquals(VixErrorCode.VIX_E_FILE_ACCESS_ERROR, e.errorCode());
            assertEquals("VixDiskLib_Write", e.function());
        }
        // the guide's advice: pass nbd/nbdssl explicitly for disks on local storage
        try (Connection c = lib.connect(EmulatedWorld.vcenter().withSnapshot("snapshot-1").transports("nbdssl:nbd"));
             DiskHandle d = c.open(diskPath(LOCAL_DS))) {
            assertEquals(TransportMode.NBDSSL, d.transportMode());
            d.write(0, ByteBuffer.allocate(4096));
        }
    }

    @Test
    void sanHeapBufferGoesThroughTheAlignedBounceBuffer() {
        try (Connection c = lib.connect(EmulatedWorld.vcenter().withSnapshot("snapshot-1"));
             DiskHandle d = c.open(diskPath(SAN_DS))) {
            assertEquals(TransportMode.SAN, d.transportMode());
            byte[] data = new byte[3 * 512];
            data[0] = 1;
            data[data.length - 1] = 2;
            ByteBuffer heap = ByteBuffer.wrap(data, 0, data.length);
            d.write(10, heap); // SAN is O_DIRECT: a misaligned buffer would fail with VIX_E_INVALID_ARG
            ByteBuffer back = ByteBuffer.allocate(data.length);
            d.read(10, back);
            assertEquals(1, back.get(0));
            assertEquals(2, back.get(data.length - 1));
            assertTrue(d.info().capacitySectors() > 0);
        }
    }
}
