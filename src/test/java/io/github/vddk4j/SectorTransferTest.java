package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectorTransferTest {


    /** A fake disk in Java memory that records the calls it sees. */
    private static final class FakeDisk {
        final byte[] data;
        final List<long[]> calls = new ArrayList<>();

        FakeDisk(int sectors) {
            data = new byte[sectors * 512];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31 + i / 512);
            }
        }

        void read(long start, long n, long address) {
            calls.add(new long[] {start, n});
            new Pointer(address).write(0, data, (int) start * 512, (int) n * 512);
        }

        void write(long start, long n, long address) {
            calls.add(new long[] {start, n});
            new Pointer(address).read(0, data, (int) start * 512, (int) n * 512);
        }
    }

    @Test
    void negativeSectorIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SectorTransfer.checkRange("read", -1, ByteBuffer.allocate(512), 100, true));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void lengthNotWholeSectorsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SectorTransfer.checkRange("read", 0, ByteBuffer.allocate(513), 100, true));
        assertTrue(e.getMessage().contains("multiple of 512"), e.getMessage());
    }

    @Test
    void rangePastTheEndIsRejectedWithoutOverflow() {
        assertThrows(IllegalArgumentException.class,
                () -> SectorTransfer.checkRange("read", 99, ByteBuffer.allocate(1024), 100, true));
        assertThrows(IllegalArgumentException.class,
                () -> SectorTransfer.checkRange("read", Long.MAX_VALUE, ByteBuffer.allocate(512), 100, true));
        assertEquals(2, SectorTransfer.checkRange("read", 98, ByteBuffer.allocate(1024), 100, true));
        assertEquals(0, SectorTransfer.checkRange("read", 100, ByteBuffer.allocate(0), 100, true));
    }

    @Test
    void readIntoReadOnlyBufferIsRejected() {
        ByteBuffer ro = ByteBuffer.allocate(512).asReadOnlyBuffer();
        assertThrows(IllegalArgumentException.class, () -> SectorTransfer.checkRange("read", 0, ro, 100, true));
        assertEquals(1, SectorTransfer.checkRange("write", 0, ro, 100, false));
    }

    @Test
    void directBufferIsPassedZeroCopyAtItsPosition() {
        FakeDisk disk = new FakeDisk(16);
        ByteBuffer buf = ByteBuffer.allocateDirect(8192);
        buf.position(1024).limit(1024 + 2048);
        long bufferBase = Pointer.nativeValue(Native.getDirectBufferPointer(buf));
        List<Long> addresses = new ArrayList<>();
        new SectorTransfer().read(3, buf, (s, n, address) -> {
            addresses.add(address);
            disk.read(s, n, address);
        });
        assertEquals(List.of(bufferBase + 1024), addresses);
        assertEquals(1, disk.calls.size());
        assertEquals(3 + 1024 * 0, disk.calls.get(0)[0]);
        assertEquals(4, disk.calls.get(0)[1]);
        assertEquals(3072, buf.position());
        byte[] got = new byte[2048];
        buf.position(1024);
        buf.get(got);
        byte[] want = new byte[2048];
        System.arraycopy(disk.data, 3 * 512, want, 0, 2048);
        assertArrayEquals(want, got);
    }

    @Test
    void everyDirectBufferGoesToItsOwnAddressWhenBuffersAlternate() {
        FakeDisk disk = new FakeDisk(16);
        ByteBuffer whole = ByteBuffer.allocateDirect(8192);
        ByteBuffer slice = whole.duplicate().position(4096).slice();
        long base = Pointer.nativeValue(Native.getDirectBufferPointer(whole));
        List<Long> addresses = new ArrayList<>();
        SectorTransfer transfer = new SectorTransfer();
        for (ByteBuffer b : List.of(whole, slice, slice, whole)) {
            b.clear().limit(512);
            transfer.read(0, b, (s, n, address) -> {
                addresses.add(address);
                disk.read(s, n, address);
            });
        }
        assertEquals(List.of(base, base + 4096, base + 4096, base), addresses);
    }

    @Test
    void heapReadIsChunkedThroughTheBounceBuffer() {
        FakeDisk disk = new FakeDisk(64);
        ByteBuffer heap = ByteBuffer.allocate(64 * 512);
        new SectorTransfer(8192).read(0, heap, disk::read);
        assertEquals(heap.capacity(), heap.position());
        assertEquals(4, disk.calls.size());
        assertEquals(16, disk.calls.get(1)[0]);
        assertEquals(16, disk.calls.get(1)[1]);
        assertArrayEquals(disk.data, heap.array());
    }

    @Test
    void heapWriteRoundTripsThroughTheBounceBuffer() {
        FakeDisk disk = new FakeDisk(64);
        byte[] payload = new byte[20 * 512];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (255 - i % 251);
        }
        ByteBuffer src = ByteBuffer.wrap(payload);
        new SectorTransfer(4096).write(10, src, disk::write);
        assertEquals(payload.length, src.position());
        byte[] written = new byte[payload.length];
        System.arraycopy(disk.data, 10 * 512, written, 0, written.length);
        assertArrayEquals(payload, written);
        assertEquals(3, disk.calls.size());
        assertEquals(18, disk.calls.get(1)[0]);
        assertEquals(26, disk.calls.get(2)[0]);
        assertEquals(4, disk.calls.get(2)[1]);
    }

    @Test
    void failedChunkStopsAndLeavesPositionAfterTheChunksDone() {
        ByteBuffer heap = ByteBuffer.allocate(4 * 4096);
        int[] n = {0};
        assertThrows(VddkCallException.class, () -> new SectorTransfer(4096).read(0, heap,
                (s, c, address) -> {
                    if (++n[0] == 3) {
                        throw new VddkCallException("VixDiskLib_Read", null, 16007, "out of range", List.of());
                    }
                }));
        assertEquals(3, n[0]);
        assertEquals(2 * 4096, heap.position());
    }

    @Test
    void allocatedBuffersArePageAligned() {
        for (int size : new int[] {512, 4096, 65536, 1 << 20}) {
            ByteBuffer b = AlignedBuffers.allocate(size);
            assertTrue(b.isDirect());
            assertEquals(size, b.capacity());
            assertEquals(0, Pointer.nativeValue(Native.getDirectBufferPointer(b)) % 4096);
        }
        assertThrows(IllegalArgumentException.class, () -> AlignedBuffers.allocate(0));
    }
}
