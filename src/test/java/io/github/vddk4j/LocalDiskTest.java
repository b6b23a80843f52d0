package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hosted (local) disks through the public API, against the stub. */
@ExtendWith(StubLeakCheck.class)
class LocalDiskTest {
    private static final long SECTORS = 16384; // 8 MiB
    /** What VDDK 9.0 (and the stub) returns for a locked disk: 20006, not 15 (native-stubs/README.md). */
    private static final int DISK_LOCKED = 20006;

    @TempDir
    static Path dir;
    static DiskLib lib;

    @BeforeAll
    static void openLib() {
        lib = SharedDiskLib.get();
    }


    private static Path newDisk(String name) {
        return Stub.createDisk(dir.resolve(name + ".vmdk"), SECTORS);
    }

    @Test
    void transportModesListTheStubsModes() {
        assertEquals(List.of(TransportMode.FILE, TransportMode.SAN, TransportMode.HOTADD, TransportMode.NBDSSL,
                TransportMode.NBD), lib.transportModes());
        assertEquals(8, lib.vddkVersion());
    }

    @Test
    void localOpenUsesFileTransportAndReportsInfo() {
        Path disk = newDisk("info");
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            assertEquals(TransportMode.FILE, d.transportMode());
            DiskInfo info = d.info();
            assertEquals(SECTORS, info.capacitySectors());
            assertEquals(SECTORS * 512, info.capacityBytes());
            assertEquals(AdapterType.IDE, info.adapterType());
            assertEquals(1, info.numLinks());
            assertEquals(16, info.physGeometry().heads());
            assertEquals(63, info.physGeometry().sectors());
            assertEquals(Optional.empty(), info.parentFileNameHint());
            assertTrue(info.uuid().isPresent());
            assertEquals(OptionalInt.of(512), info.logicalSectorSize());
            assertEquals(OptionalInt.of(512), info.physicalSectorSize());
        }
    }

    @Test
    void openOfMissingDiskFailsWithFileNotFound() {
        try (Connection c = lib.connect(ConnectParams.local())) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open(dir.resolve("nope.vmdk").toString()));
            assertEquals(VixErrorCode.VIX_E_FILE_NOT_FOUND, e.errorCode());
            assertEquals("VixDiskLib_Open", e.function());
            assertEquals("A file was not found", e.errorText());
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {512, 4096, 65536, 1 << 20, 3 * (1 << 20) + 512})
    void heapAndDirectRoundTripsKeepEveryByte(int size) throws Exception {
        Path disk = newDisk("rt-" + size);
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        long start = 7;
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            ByteBuffer src = ByteBuffer.wrap(payload);
            d.write(start, src);
            assertFalse(src.hasRemaining());
            d.flush();

            ByteBuffer heap = ByteBuffer.allocate(size);
            d.read(start, heap);
            assertEquals(size, heap.position());
            assertArrayEquals(sha256(payload), sha256(heap.array()));

            ByteBuffer direct = d.allocateBuffer(size);
            d.read(start, direct);
            direct.flip();
            byte[] back = new byte[size];
            direct.get(back);
            assertEquals(crc(payload), crc(back));
        }
        // and again through a new handle: the data is on disk
        try (Connection c = lib.connect(ConnectParams.local().readOnly(true)); DiskHandle d = c.open(disk.toString())) {
            ByteBuffer again = ByteBuffer.allocateDirect(size);
            d.read(start, again);
            again.flip();
            byte[] back = new byte[size];
            again.get(back);
            assertArrayEquals(sha256(payload), sha256(back));
        }
    }

    @Test
    void directWriteAtBufferPositionWritesOnlyTheRemainingBytes() {
        Path disk = newDisk("pos");
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            ByteBuffer buf = d.allocateBuffer(3 * 512);
            for (int i = 0; i < buf.capacity(); i++) {
                buf.put(i, (byte) (i / 512 + 1));
            }
            buf.position(512);
            d.write(100, buf); // sectors 100,101 get the 2nd and 3rd blocks
            ByteBuffer back = ByteBuffer.allocate(3 * 512);
            d.read(99, back);
            assertEquals(0, back.get(0));
            assertEquals(2, back.get(512));
            assertEquals(3, back.get(1024));
        }
    }

    @Test
    void allocatedBlocksOfAFlatDiskCoverTheWholeDiskOrNameTheMissingFunction() {
        Path disk = newDisk("blocks");
        try (Connection c = lib.connect(ConnectParams.local());
             DiskHandle d = c.open(disk.toString(), OpenOption.READ_ONLY)) {
            if (lib.capabilities().supportsAllocatedBlocks()) {
                assertEquals(List.of(new BlockRange(0, SECTORS)), d.allocatedBlocks());
            } else {
                // the stub does not export QueryAllocatedBlocks yet: refused in Java, naming the VDDK that has it
                VddkUnsupportedException notInThisStub = assertThrows(VddkUnsupportedException.class, d::allocatedBlocks);
                assertEquals("VixDiskLib_QueryAllocatedBlocks", notInThisStub.function());
                assertEquals("VDDK 6.7", notInThisStub.introducedIn());
            }
            assertFalse(d.isClosed());
        }
    }

    @Test
    void asyncReadRoundTripsOrNamesTheMissingFunction() throws Exception {
        Path disk = newDisk("async");
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            ByteBuffer src = d.allocateBuffer(4096);
            src.put(0, (byte) 7).put(4095, (byte) 9);
            d.write(16, src);
            ByteBuffer dst = d.allocateBuffer(4096);
            if (lib.capabilities().supportsAsyncIo()) {
                d.readAsync(16, dst).get(30, java.util.concurrent.TimeUnit.SECONDS);
                d.awaitAsync();
                assertEquals(7, dst.get(0));
                assertEquals(9, dst.get(4095));
                assertFalse(dst.hasRemaining());
            } else {
                // the stub does not export ReadAsync yet: refused in Java, naming the VDDK that has it
                VddkUnsupportedException notInThisStub = assertThrows(VddkUnsupportedException.class,
                        () -> d.readAsync(16, dst));
                assertEquals("VixDiskLib_ReadAsync", notInThisStub.function());
                assertEquals(0, dst.position());
            }
        } // close must not call Wait when nothing was queued (the stub lacks Wait too)
    }

    @Test
    void writeFromAReadOnlyDirectBufferWorks() {
        Path disk = newDisk("rodirect");
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            ByteBuffer src = d.allocateBuffer(512);
            src.put(0, (byte) 0x5A);
            d.write(3, src.asReadOnlyBuffer());
            ByteBuffer back = ByteBuffer.allocate(512);
            d.read(3, back);
            assertEquals(0x5A, back.get(0));
        }
    }

    @Test
    void sparseRegionsReadAsZeros() {
        Path disk = newDisk("sparse");
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            d.read(SECTORS - 8, buf);
            assertArrayEquals(new byte[4096], buf.array());
        }
    }

    @Test
    void readPastTheEndIsRejectedInJava() {
        Path disk = newDisk("oob");
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.read(SECTORS - 1, ByteBuffer.allocate(1024)));
            assertTrue(e.getMessage().contains("capacity " + SECTORS), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.read(-1, ByteBuffer.allocate(512)));
            assertThrows(IllegalArgumentException.class, () -> d.read(0, ByteBuffer.allocate(1000)));
        }
    }

    @Test
    void writeOnReadOnlyHandleIsRefused() {
        Path disk = newDisk("ro");
        try (Connection c = lib.connect(ConnectParams.local());
             DiskHandle d = c.open(disk.toString(), OpenOption.READ_ONLY)) {
            assertThrows(IllegalStateException.class, () -> d.write(0, ByteBuffer.allocate(512)));
        }
    }

    @Test
    void readOnlyConnectionMakesOpensReadOnly() {
        Path disk = newDisk("roc");
        try (Connection c = lib.connect(ConnectParams.local().readOnly(true)); DiskHandle d = c.open(disk.toString())) {
            assertTrue(d.isReadOnly());
            assertThrows(IllegalStateException.class, () -> d.write(0, ByteBuffer.allocate(512)));
            // as in VDDK 9.0, a read-only handle locks out writers (20006 after the retry period)
            try (Connection rw = lib.connect(ConnectParams.local())) {
                VddkCallException e = assertThrows(VddkCallException.class, () -> rw.open(disk.toString()));
                assertEquals(DISK_LOCKED, e.code());
            }
        }
    }

    @Test
    void secondReadWriteOpenIsLockedOut() {
        Path disk = newDisk("lock");
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle first = c.open(disk.toString())) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open(disk.toString()));
            assertEquals(DISK_LOCKED, e.code());
            assertFalse(first.isClosed());
        }
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle again = c.open(disk.toString())) {
            assertFalse(again.isReadOnly(), "the lock is released on close");
        }
    }

    @Test
    void closingTheConnectionClosesItsHandles() {
        Path disk = newDisk("cascade");
        Connection c = lib.connect(ConnectParams.local());
        DiskHandle a = c.open(disk.toString(), OpenOption.READ_ONLY);
        DiskHandle b = c.open(disk.toString(), OpenOption.READ_ONLY);
        assertEquals(2, Stub.counter("handles"));
        c.close();
        assertTrue(a.isClosed() && b.isClosed());
        assertEquals(0, Stub.counter("handles"));
        assertEquals(0, Stub.counter("connections"));
        assertThrows(IllegalStateException.class, () -> a.read(0, ByteBuffer.allocate(512)));
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }
}
