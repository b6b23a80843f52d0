package io.github.vddk4j.bench;

import io.github.vddk4j.BlockRange;
import io.github.vddk4j.Connection;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.OpenOption;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole-disk backup of a sparse disk ({@code -Dvddk4j.bench.sparse}, e.g. 16 GiB with 1 GiB
 * allocated): {@code allocatedBlocks()} then 1 MiB reads of the allocated ranges, against reading
 * a disk of the allocated size straight ({@code -Dvddk4j.bench.straight}) with 1 MiB reads.
 * One operation is one whole pass.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class SparseBackupBenchmark {
    static final int CHUNK_SECTORS = 2048;

    Connection conn;
    DiskHandle sparse;
    DiskHandle straight;
    ByteBuffer buf;

    @Setup
    public void open() {
        conn = BenchSetup.connectLocal();
        sparse = conn.open(BenchSetup.property("vddk4j.bench.sparse"), OpenOption.READ_ONLY);
        straight = conn.open(BenchSetup.property("vddk4j.bench.straight"), OpenOption.READ_ONLY);
        buf = sparse.allocateBuffer(CHUNK_SECTORS * DiskHandle.SECTOR_SIZE);
    }

    @TearDown
    public void close() {
        sparse.close();
        straight.close();
        conn.close();
    }

    /** Query the allocated blocks of the whole sparse disk, read them; returns the bytes read. */
    @Benchmark
    public long sparseBackup() {
        return readRanges(sparse, sparse.allocatedBlocks());
    }

    /** Read the whole straight disk; returns the bytes read. */
    @Benchmark
    public long straightRead() {
        return readRanges(straight, List.of(new BlockRange(0, straight.capacitySectors())));
    }

    private long readRanges(DiskHandle disk, List<BlockRange> ranges) {
        long bytes = 0;
        for (BlockRange r : ranges) {
            for (long s = r.startSector(); s < r.endSector(); s += CHUNK_SECTORS) {
                int n = (int) Math.min(CHUNK_SECTORS, r.endSector() - s);
                buf.clear().limit(n * DiskHandle.SECTOR_SIZE);
                disk.read(s, buf);
                bytes += n * DiskHandle.SECTOR_SIZE;
            }
        }
        return bytes;
    }
}
