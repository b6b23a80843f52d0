package io.github.vddk4j.tool;

import io.github.vddk4j.BlockRange;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.VddkException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.List;

/**
 * Copies a disk into a raw image: only the given ranges are read; into a file the holes stay
 * holes (the file was sized beforehand), into a stream they are written as zeros. The SHA-256
 * covers the whole image, holes included, so it matches {@code sha256sum} of the image.
 */
final class ImageCopy {
    private ImageCopy() {}

    /** What a copy did. */
    record Result(long imageBytes, long readBytes, int ranges, long nanos, byte[] sha256) {}

    /** The ranges to read: allocated blocks when VDDK can say, else the whole disk. */
    static List<BlockRange> dataRanges(DiskHandle disk, boolean sparse) {
        long capacity = disk.capacitySectors();
        if (sparse) {
            try {
                return disk.allocatedBlocks();
            } catch (UnsupportedOperationException | VddkException notAvailable) {
                // VDDK before 6.7, or a disk type/transport without allocation data: read everything
            }
        }
        return capacity == 0 ? List.of() : List.of(new BlockRange(0, capacity));
    }

    static Result copy(DiskHandle disk, List<BlockRange> ranges, OutputTarget out, int chunkBytes, Progress progress)
            throws IOException, Cancellation.Cancelled {
        long capacityBytes = disk.capacitySectors() * DiskHandle.SECTOR_SIZE;
        MessageDigest sha = DiskTransfers.sha256();
        ByteBuffer buf = disk.allocateBuffer(chunkBytes);
        ByteBuffer zeros = ByteBuffer.allocateDirect(chunkBytes);
        long start = System.nanoTime();
        long position = 0;
        long read = 0;
        for (BlockRange r : ranges) {
            long from = r.startSector() * DiskHandle.SECTOR_SIZE;
            position = hole(position, from, zeros, sha, out);
            long end = r.endSector() * DiskHandle.SECTOR_SIZE;
            while (position < end) {
                Cancellation.check();
                int n = (int) Math.min(chunkBytes, end - position);
                buf.clear().limit(n);
                disk.read(position / DiskHandle.SECTOR_SIZE, buf);
                buf.flip();
                sha.update(buf.duplicate());
                write(out, buf, position);
                position += n;
                read += n;
                progress.update(position);
            }
        }
        position = hole(position, capacityBytes, zeros, sha, out);
        progress.update(position);
        return new Result(position, read, ranges.size(), System.nanoTime() - start, sha.digest());
    }

    /** Accounts for the hole [position, to): hashed as zeros; written only to a stream. */
    private static long hole(long position, long to, ByteBuffer zeros, MessageDigest sha, OutputTarget out)
            throws IOException, Cancellation.Cancelled {
        while (position < to) {
            Cancellation.check();
            int n = (int) Math.min(zeros.capacity(), to - position);
            zeros.clear().limit(n);
            sha.update(zeros.duplicate());
            if (!out.seekable()) {
                write(out, zeros, position);
            }
            position += n;
        }
        return position;
    }

    private static void write(OutputTarget out, ByteBuffer data, long position) throws IOException {
        if (out.seekable()) {
            FileChannel f = out.file();
            long p = position;
            while (data.hasRemaining()) {
                p += f.write(data, p);
            }
        } else {
            WritableByteChannel s = out.stream();
            while (data.hasRemaining()) {
                s.write(data);
            }
        }
    }
}
