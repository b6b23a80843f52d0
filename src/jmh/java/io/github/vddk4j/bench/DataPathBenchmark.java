package io.github.vddk4j.bench;

import io.github.vddk4j.Connection;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.OpenOption;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code DiskHandle.read/write} (sync) and {@code readAsync/writeAsync} (async at a depth), the
 * same cases as the C baseline (native-stubs/bench/vddkbench.c): one request per operation,
 * sequential (wrapping at the end of the disk) or random (aligned to the request size), into a
 * page-aligned direct buffer from {@code allocateBuffer} or a heap buffer. Thread t uses its own
 * handle on disk t, opened read-only for reads and read-write for writes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DataPathBenchmark {

    /** A local connection to the JVM's DiskLib, per trial. */
    @State(Scope.Benchmark)
    public static class Lib {
        Connection conn;
        final AtomicInteger nextDisk = new AtomicInteger();

        @Setup
        public void open() {
            conn = BenchSetup.connectLocal();
        }

        @TearDown
        public void close() {
            conn.close();
        }
    }

    /** One thread's handle, buffers and position. */
    @State(Scope.Thread)
    public static class Io {
        @Param({"4096"})
        public int bytes;
        @Param({"read"})
        public String op;
        @Param({"seq"})
        public String pattern;
        @Param({"direct"})
        public String buffer;
        @Param({"1"})
        public int depth;

        DiskHandle disk;
        boolean write;
        boolean random;
        long sectors;
        long slots;
        long next;
        long rnd = 0x9E3779B97F4A7C15L;
        ByteBuffer[] bufs;
        CompletableFuture<?>[] inFlight;
        long n;

        @Setup
        public void open(Lib lib) {
            write = op.equals("write");
            random = pattern.equals("rand");
            int index = lib.nextDisk.getAndIncrement();
            disk = write ? lib.conn.open(BenchSetup.disk(index))
                    : lib.conn.open(BenchSetup.disk(index), OpenOption.READ_ONLY);
            rnd ^= index;
            sectors = bytes / DiskHandle.SECTOR_SIZE;
            slots = disk.capacitySectors() / sectors;
            bufs = new ByteBuffer[depth];
            inFlight = new CompletableFuture<?>[depth];
            for (int i = 0; i < depth; i++) {
                bufs[i] = buffer.equals("heap") ? ByteBuffer.allocate(bytes) : disk.allocateBuffer(bytes);
            }
        }

        @TearDown
        public void close() {
            disk.close();
        }

        long nextSector() {
            long slot;
            if (random) {
                long x = rnd;
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                rnd = x;
                slot = Long.remainderUnsigned(x, slots);
            } else {
                slot = next++;
                if (next == slots) {
                    next = 0;
                }
            }
            return slot * sectors;
        }
    }

    /** One synchronous request on one thread. */
    @Benchmark
    public void sync(Io io) {
        ByteBuffer b = io.bufs[0];
        b.clear();
        if (io.write) {
            io.disk.write(io.nextSector(), b);
        } else {
            io.disk.read(io.nextSector(), b);
        }
    }

    /** {@link #sync} on two threads, each with its own handle on its own disk. */
    @Benchmark
    @Threads(2)
    public void sync2(Io io) {
        sync(io);
    }

    /**
     * One asynchronous request with up to {@code depth} in flight: before reusing a buffer, its
     * previous request must have completed.
     */
    @Benchmark
    public void async(Io io) {
        int slot = (int) (io.n++ % io.depth);
        CompletableFuture<?> previous = io.inFlight[slot];
        if (previous != null) {
            previous.join();
        }
        ByteBuffer b = io.bufs[slot];
        b.clear();
        io.inFlight[slot] = io.write ? io.disk.writeAsync(io.nextSector(), b) : io.disk.readAsync(io.nextSector(), b);
    }
}
