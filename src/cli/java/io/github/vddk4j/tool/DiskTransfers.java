package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
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

    /**
     * Benchmark write: fills one chunk with the pattern once, then writes it over {@code bytes}
     * from sector 0 and flushes; only the writes and the flush are timed.
     */
    static TransferResult writeRepeated(DiskHandle disk, long bytes, int chunkBytes, long seed) {
        ByteBuffer buf = disk.allocateBuffer(chunkBytes);
        fillPattern(buf.clear(), 0, seed);
        return writeChunks(disk, buf, bytes, null, (chunk, offset) -> { });
    }

    /** Writes exactly {@code bytes} (a multiple of 512) read from {@code source} to the disk from sector 0, then flushes. */
    static TransferResult write(DiskHandle disk, long bytes, int chunkBytes, ReadableByteChannel source) throws IOException {
        return writeChunks(disk, disk.allocateBuffer(chunkBytes), bytes, sha256(), (chunk, offset) -> {
            while (chunk.hasRemaining()) {
                if (source.read(chunk) < 0) {
                    throw new EOFException("input ended after " + (offset + chunk.position()) + " of " + bytes + " bytes");
                }
            }
            chunk.flip();
        });
    }

    /** Writes a deterministic pattern (a function of {@code seed} and the byte offset) over {@code bytes}, then flushes. */
    static TransferResult writePattern(DiskHandle disk, long bytes, int chunkBytes, long seed) {
        return writeChunks(disk, disk.allocateBuffer(chunkBytes), bytes, sha256(), (chunk, offset) -> {
            fillPattern(chunk, offset, seed);
            chunk.flip();
        });
    }

    /** Makes the chunk at byte {@code offset} ready to write: on return, position..limit of {@code chunk}. */
    @FunctionalInterface
    private interface ChunkFiller<X extends Exception> {
        /** {@code chunk} arrives cleared with its limit at the chunk's length. */
        void fill(ByteBuffer chunk, long offset) throws X;
    }

    /**
     * The write loop shared by the writers: chunk by chunk through {@code buf} from sector 0,
     * hashing each chunk when {@code sha} is not null, then a flush; the loop and flush are timed.
     */
    private static <X extends Exception> TransferResult writeChunks(DiskHandle disk, ByteBuffer buf, long bytes,
            MessageDigest sha, ChunkFiller<X> filler) throws X {
        int chunkBytes = buf.capacity();
        long start = System.nanoTime();
        long done = 0;
        while (done < bytes) {
            int n = (int) Math.min(chunkBytes, bytes - done);
            buf.clear().limit(n);
            filler.fill(buf, done);
            if (sha != null) {
                sha.update(buf.duplicate());
            }
            disk.write(done / DiskHandle.SECTOR_SIZE, buf);
            done += n;
        }
        disk.flush();
        return new TransferResult(done, System.nanoTime() - start, sha != null ? sha.digest() : new byte[0]);
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
