package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.VddkLogSink;
import io.github.vddk4j.testsupport.OwnJvmPerTest;
import io.github.vddk4j.testsupport.Stub;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, concurrency: 8 threads for a few seconds (longer with
 * {@code -Dvddk4j.stress.seconds=N}), logging at full verbosity: each thread churns its own
 * connection and disk handle (open, random writes with per-block contents it can check, reads,
 * flushes, async reads, close), and all read one shared disk read-only. Every wait has a timeout.
 * At the end every disk is reopened and every block holds what was last written.
 */
@ExtendWith(OwnJvmPerTest.class)
class StressTest {
    private static final int THREADS = 8;
    private static final int BLOCK_SECTORS = 8;
    private static final int BLOCKS = 128;
    private static final int BLOCK_BYTES = BLOCK_SECTORS * 512;

    @TempDir
    Path dir;

    /** A block's contents for a version: every long is (disk, block, version, position). */
    private static ByteBuffer pattern(ByteBuffer buf, int disk, int block, long version) {
        buf.clear();
        for (int i = 0; i < BLOCK_BYTES / 8; i++) {
            buf.putLong(((long) disk << 48) ^ ((long) block << 32) ^ (version << 12) ^ i);
        }
        return buf.flip();
    }

    private static void check(ByteBuffer got, int disk, int block, long version, ByteBuffer scratch) {
        pattern(scratch, disk, block, version);
        got.flip();
        if (version == 0) { // never written: zeros
            while (got.hasRemaining()) {
                if (got.get() != 0) {
                    throw new AssertionError("disk " + disk + " block " + block + " should be zeros");
                }
            }
        } else if (!got.equals(scratch)) {
            throw new AssertionError("disk " + disk + " block " + block + " does not hold version " + version);
        }
    }

    @Test
    void eightThreadsChurningHandlesAndConnectionsLoseNothingAndCorruptNothing() throws Exception {
        long seconds = Long.getLong("vddk4j.stress.seconds", 3);
        AtomicLong logLines = new AtomicLong();
        VddkLogSink counting = new VddkLogSink() {
            @Override
            public boolean isEnabled(LogChannel channel) {
                return true;
            }

            @Override
            public void accept(LogChannel channel, String message) {
                logLines.incrementAndGet();
            }
        };
        Path shared = Stub.createDisk(dir.resolve("shared.vmdk"), (long) BLOCKS * BLOCK_SECTORS);
        List<Path> disks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            disks.add(Stub.createDisk(dir.resolve("d" + t + ".vmdk"), (long) BLOCKS * BLOCK_SECTORS));
        }
        long[][] versions = new long[THREADS][BLOCKS];
        AtomicLong ops = new AtomicLong();
        AtomicLong reopens = new AtomicLong();
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).logSink(counting)
                .config(VddkConfig.builder().transportLogLevel(6).build()).open()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int me = t;
                work.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(me);
                    ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK_BYTES);
                    ByteBuffer scratch = ByteBuffer.allocateDirect(BLOCK_BYTES);
                    long[] v = versions[me];
                    while (System.nanoTime() < deadline) {
                        try (Connection c = lib.connect(ConnectParams.local());
                             DiskHandle d = c.open(disks.get(me).toString());
                             DiskHandle ro = c.open(shared.toString(), OpenOption.READ_ONLY)) {
                            reopens.incrementAndGet();
                            for (int i = 0; i < 50; i++) {
                                int block = rnd.nextInt(BLOCKS);
                                switch (rnd.nextInt(5)) {
                                    case 0, 1 -> d.write((long) block * BLOCK_SECTORS, pattern(buf, me, block, ++v[block]));
                                    case 2 -> {
                                        buf.clear();
                                        d.read((long) block * BLOCK_SECTORS, buf);
                                        check(buf, me, block, v[block], scratch);
                                    }
                                    case 3 -> {
                                        buf.clear();
                                        ro.readAsync((long) block * BLOCK_SECTORS, buf).get(30, TimeUnit.SECONDS);
                                        check(buf, 0, block, 0, scratch);
                                    }
                                    default -> d.flush();
                                }
                                ops.incrementAndGet();
                            }
                            d.flush();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(seconds + 120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            try (Connection c = lib.connect(ConnectParams.local())) {
                ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK_BYTES);
                ByteBuffer scratch = ByteBuffer.allocateDirect(BLOCK_BYTES);
                for (int t = 0; t < THREADS; t++) {
                    try (DiskHandle d = c.open(disks.get(t).toString(), OpenOption.READ_ONLY)) {
                        for (int b = 0; b < BLOCKS; b++) {
                            buf.clear();
                            d.read((long) b * BLOCK_SECTORS, buf);
                            check(buf, t, b, versions[t][b], scratch);
                        }
                    }
                }
            }
            assertEquals(0, lib.droppedLogMessages(), "a counting sink keeps up");
        }
        assertEquals(0, Stub.control().VixDiskLibStub_GetCounter("handles"));
        assertEquals(0, Stub.control().VixDiskLibStub_GetCounter("connections"));
        assertTrue(logLines.get() > 0, "VDDK logged at full verbosity");
        Files.writeString(Path.of("target", "stress.txt"), String.format(
                "threads %d, %d s: %d operations, %d connect/open/close cycles, %d log lines, 0 corrupt blocks%n",
                THREADS, seconds, ops.get(), reopens.get(), logLines.get()));
    }
}
