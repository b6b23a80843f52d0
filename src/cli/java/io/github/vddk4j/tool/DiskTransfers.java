package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sequential whole-disk transfers through {@link DiskHandle}, chunk by chunk through one
 * page-aligned direct buffer (zero copy into VDDK), hashing what passes with SHA-256.
 */
final class DiskTransfers {
    private DiskTransfers() {}

    /**
     * Reads {@code bytes} from sector 0 (a multiple of 512) and writes them to {@code sink} when it
     * is not null.
     */
    static TransferResult read(DiskHandle disk, long bytes, int chunkBytes, WritableByteChannel sink) throws IOException {
        return read(disk, bytes, chunkBytes, sink, true);
    }

    /**
     * Like {@link #read(DiskHandle, long, int, WritableByteChannel)}; without {@code hash} nothing
     * but the reads is timed (for benchmarks) and the result's digest is empty.
     */
    static TransferResult read(DiskHandle disk, long bytes, int chunkBytes, WritableByteChannel sink, boolean hash)
            throws IOException {
        ByteBuffer buf = disk.allocateBuffer(chunkBytes);
        MessageDigest sha = hash ? sha256() : null;
        long start = System.nanoTime();
        long done = 0;
        while (done < bytes) {
            int n = (int) Math.min(chunkBytes, bytes - done);
            buf.clear().limit(n);
            disk.read(done / DiskHandle.SECTOR_SIZE, buf);
            buf.flip();
            if (sha != null) {
                sha.update(buf.duplicate());
            }
            if (sink != null) {
                while (buf.hasRemaining()) {
                    sink.write(buf);
                }
            }
            done += n;
        }
        return new TransferResult(done, System.nanoTime() - start, sha != null ? sha.digest() : new byte[0]);
    }

    /** Makes the chunk at byte {@code offset} ready to write: on return, position..limit of {@code chunk}. */
    @FunctionalInterface
    interface ChunkFiller {
        /** {@code chunk} arrives cleared with its limit at the chunk's length. */
        void fill(ByteBuffer chunk, long offset) throws Exception;
    }

    /**
     * The one write loop of the CLI ({@code fill}, {@code restore}): {@code bytes} (a multiple of
     * 512) from byte {@code firstByte} of the disk, chunk by chunk through {@code buf}, each chunk
     * made by {@code filler} (offset relative to {@code firstByte}), hashed with SHA-256 and
     * written; Ctrl-C is checked between chunks and {@code progress} updated. Then a flush; the
     * loop and the flush are timed, after which the progress line ends.
     */
    static TransferResult write(DiskHandle disk, ByteBuffer buf, long firstByte, long bytes, Progress progress,
            ChunkFiller filler) throws Exception {
        MessageDigest sha = sha256();
        int chunkBytes = buf.capacity();
        long start = System.nanoTime();
        long done = 0;
        while (done < bytes) {
            Cancellation.check();
            int n = (int) Math.min(chunkBytes, bytes - done);
            buf.clear().limit(n);
            filler.fill(buf, done);
            sha.update(buf.duplicate());
            disk.write((firstByte + done) / DiskHandle.SECTOR_SIZE, buf);
            done += n;
            progress.update(done);
        }
        disk.flush();
        long nanos = System.nanoTime() - start;
        progress.done();
        return new TransferResult(done, nanos, sha.digest());
    }

    /** Fills buf (position to limit, a multiple of 8) with the pattern for absolute byte offset {@code offset}. */
    static void fillPattern(ByteBuffer buf, long offset, long seed) {
        long word = offset / 8;
        while (buf.remaining() >= 8) {
            buf.putLong(mix(seed + word++));
        }
    }

    /** SplitMix64's finalizer: a cheap, well-spread function of its input. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
