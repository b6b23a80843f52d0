package io.github.vddk4j;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The Java half of one handle's data path: argument checks that need no native call, and the
 * move of bytes between a caller's {@link ByteBuffer} and native memory. Direct buffers go to
 * VDDK zero-copy at their position; heap buffers go through one reused, page-aligned direct
 * bounce buffer in chunks. Not thread-safe: the owning handle serializes calls.
 */
final class SectorTransfer {
    /** {@code VIXDISKLIB_SECTOR_SIZE}. */
    static final int SECTOR_SIZE = 512;
    /** Largest bounce buffer (and heap-buffer chunk). */
    static final int MAX_BOUNCE_BYTES = 1 << 20;

    /**
     * One native Read or Write of {@code numSectors} sectors at the native address
     * {@code bufferAddress}; throws (e.g. {@link VddkException}) when it fails.
     */
    @FunctionalInterface
    interface SectorCall {
        void call(long startSector, long numSectors, long bufferAddress);
    }

    private final int maxBounceBytes;
    private ByteBuffer bounce;
    private long bounceAddress;
    /** The direct buffer of the last call and its address: callers reuse their buffers. */
    private ByteBuffer lastDirect;
    private long lastDirectAddress;

    SectorTransfer() {
        this(MAX_BOUNCE_BYTES);
    }

    SectorTransfer(int maxBounceBytes) {
        if (maxBounceBytes <= 0 || maxBounceBytes % AlignedBuffers.PAGE_SIZE != 0) {
            throw new IllegalArgumentException("bounce size must be a positive multiple of 4096");
        }
        this.maxBounceBytes = maxBounceBytes;
    }

    /**
     * Checks a transfer of {@code buffer.remaining()} bytes at {@code startSector}.
     *
     * @return the number of sectors
     * @throws IllegalArgumentException for a negative sector, a length that is not whole sectors,
     *         a range past the end of the disk, or a read into a read-only buffer
     */
    static long checkRange(String op, long startSector, ByteBuffer buffer, long capacitySectors, boolean intoBuffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (startSector < 0) {
            throw new IllegalArgumentException(op + ": startSector must not be negative, was " + startSector);
        }
        int bytes = buffer.remaining();
        if (bytes % SECTOR_SIZE != 0) {
            throw new IllegalArgumentException(op + ": buffer.remaining() must be a multiple of " + SECTOR_SIZE
                    + " (whole sectors), was " + bytes + "; set the buffer's limit to a sector boundary");
        }
        if (intoBuffer && buffer.isReadOnly()) {
            throw new IllegalArgumentException(op + ": the destination buffer is read-only");
        }
        long sectors = bytes / SECTOR_SIZE;
        if (startSector > capacitySectors || sectors > capacitySectors - startSector) {
            throw new IllegalArgumentException(op + ": sectors " + describeRange(startSector, sectors)
                    + " extend past the end of the disk (capacity " + capacitySectors + " sectors)");
        }
        return sectors;
    }

    /**
     * A sector range for a message: {@code [start, end)}, or, when {@code start + count} does not
     * fit in a long or either is negative, the two numbers in words (never a wrapped-around end).
     */
    static String describeRange(long startSector, long count) {
        if (startSector < 0 || count < 0 || count > Long.MAX_VALUE - startSector) {
            return count + " sector(s) from sector " + startSector;
        }
        return "[" + startSector + ", " + (startSector + count) + ")";
    }

    /** Reads {@code dst.remaining()} bytes from {@code startSector} into {@code dst}, advancing its position. */
    void read(long startSector, ByteBuffer dst, SectorCall nativeRead) {
        transfer(startSector, dst, nativeRead, true);
    }

    /** Writes {@code src.remaining()} bytes at {@code startSector} from {@code src}, advancing its position. */
    void write(long startSector, ByteBuffer src, SectorCall nativeWrite) {
        transfer(startSector, src, nativeWrite, false);
    }

    private void transfer(long startSector, ByteBuffer buf, SectorCall call, boolean read) {
        int bytes = buf.remaining();
        if (bytes == 0) {
            return;
        }
        if (buf.isDirect()) {
            long address = addressOf(buf) + buf.position();
            call.call(startSector, bytes / SECTOR_SIZE, address);
            buf.position(buf.position() + bytes);
            return;
        }
        ByteBuffer b = bounceFor(bytes);
        long sector = startSector;
        while (buf.hasRemaining()) {
            int chunk = Math.min(buf.remaining(), b.capacity());
            long sectors = chunk / SECTOR_SIZE;
            b.clear();
            if (read) {
                call.call(sector, sectors, bounceAddress);
                b.limit(chunk);
                buf.put(b);
            } else {
                ByteBuffer part = buf.duplicate();
                part.limit(part.position() + chunk);
                b.put(part);
                call.call(sector, sectors, bounceAddress);
                buf.position(buf.position() + chunk);
            }
            sector += sectors;
        }
    }

    private ByteBuffer bounceFor(int bytes) {
        int wanted = Math.min(maxBounceBytes, roundUpToPage(bytes));
        if (bounce == null || bounce.capacity() < wanted) {
            bounce = AlignedBuffers.allocate(wanted);
            bounceAddress = Pointer.nativeValue(Native.getDirectBufferPointer(bounce));
        }
        return bounce;
    }

    /**
     * The native address of a direct buffer's element 0. {@code Native.getDirectBufferPointer} is
     * a JNI call that allocates a {@link Pointer}; a direct buffer's address never changes, so the
     * last buffer's address is kept (identity, not equality: slices and duplicates differ).
     */
    private long addressOf(ByteBuffer buf) {
        if (buf != lastDirect) {
            lastDirectAddress = Pointer.nativeValue(Native.getDirectBufferPointer(buf));
            lastDirect = buf;
        }
        return lastDirectAddress;
    }

    private static int roundUpToPage(int bytes) {
        long rounded = ((long) bytes + AlignedBuffers.PAGE_SIZE - 1) / AlignedBuffers.PAGE_SIZE * AlignedBuffers.PAGE_SIZE;
        return (int) Math.min(rounded, Integer.MAX_VALUE - AlignedBuffers.PAGE_SIZE);
    }

    /** Drops the bounce buffer (its memory is freed by the GC) and the last caller's buffer. */
    void release() {
        bounce = null;
        lastDirect = null;
    }
}
