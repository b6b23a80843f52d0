package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The benchmark shared by {@code readbench} and {@code writebench}: sequential I/O from sector 0
 * in buffers of {@code --buffer-kib}, synchronous, or with {@code --async} up to {@code --depth}
 * requests in flight (VixDiskLib_ReadAsync/WriteAsync, then Wait). Only the I/O is timed.
 */
abstract class Bench extends DiskCommand {
    @Parameters(paramLabel = "DISK", description = "the disk")
    String disk;

    @Option(names = "--buffer-kib", paramLabel = "N", description = "request size in KiB, 4..65536 (default 1024)")
    int bufferKib = 1024;

    @Option(names = "--depth", paramLabel = "N", description = "requests in flight with --async, 1..64 (default 4)")
    int depth = 4;

    @Option(names = "--async", description = "asynchronous I/O (VixDiskLib_ReadAsync/WriteAsync)")
    boolean async;

    @Option(names = "--mib", paramLabel = "N", description = "how much to transfer (default: the whole disk, at most 1024 MiB)")
    Long mib;

    @Mixin
    JsonOption json = new JsonOption();

    abstract boolean writes();

    /** The command's name, also its progress label. */
    private String name() {
        return writes() ? "writebench" : "readbench";
    }

    @Override
    int run() throws Exception {
        if (bufferKib < 4 || bufferKib > 65536 || bufferKib % 4 != 0 || depth < 1 || depth > 64) {
            throw new CommandFailedException("--buffer-kib must be a multiple of 4 in 4..65536 and --depth 1..64");
        }
        int chunk = bufferKib * 1024;
        return onDisk(disk, !writes(), (s, h) -> {
            long capacity = h.capacitySectors() * DiskHandle.SECTOR_SIZE;
            long bytes = Math.min(capacity, mib != null ? mib * Units.MIB : 1024 * Units.MIB);
            long nanos = async ? asyncRun(h, bytes, chunk) : syncRun(h, bytes, chunk);
            long done = bytes;
            Map<String, Object> data = Reports.object("disk", disk, "operation", writes() ? "write" : "read",
                    "mode", async ? "async" : "sync", "bufferBytes", chunk, "depth", async ? depth : 1,
                    "transfer", Reports.transfer(done, nanos));
            report(json, data, out -> out.println(name() + " " + disk + ": " + (async ? "async depth " + depth : "sync")
                    + ", " + bufferKib + " KiB requests: " + Units.bytes(done) + " in " + Units.seconds(nanos) + ", "
                    + Units.rate(done, nanos)));
        });
    }

    private long syncRun(DiskHandle h, long bytes, int chunk) throws Cancellation.Cancelled {
        ByteBuffer buf = h.allocateBuffer(chunk);
        if (writes()) {
            DiskTransfers.fillPattern(buf.clear(), 0, 1);
        }
        Progress progress = Progress.start(cli, name(), bytes);
        long start = System.nanoTime();
        for (long done = 0; done < bytes; ) {
            Cancellation.check();
            int n = (int) Math.min(chunk, bytes - done);
            buf.clear().limit(n);
            if (writes()) {
                h.write(done / DiskHandle.SECTOR_SIZE, buf);
            } else {
                h.read(done / DiskHandle.SECTOR_SIZE, buf);
            }
            done += n;
            progress.update(done);
        }
        return finish(h, start, progress);
    }

    private long asyncRun(DiskHandle h, long bytes, int chunk) throws Cancellation.Cancelled {
        ByteBuffer[] buffers = new ByteBuffer[depth];
        for (int i = 0; i < depth; i++) {
            buffers[i] = h.allocateBuffer(chunk);
            if (writes()) {
                DiskTransfers.fillPattern(buffers[i].clear(), 0, 1);
            }
        }
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        Progress progress = Progress.start(cli, name(), bytes);
        long start = System.nanoTime();
        int next = 0;
        try {
            for (long done = 0; done < bytes; ) {
                Cancellation.check();
                if (inFlight.size() == depth) {
                    inFlight.removeFirst().join();
                }
                int n = (int) Math.min(chunk, bytes - done);
                ByteBuffer buf = buffers[next];
                next = (next + 1) % depth;
                buf.clear().limit(n);
                inFlight.addLast(writes() ? h.writeAsync(done / DiskHandle.SECTOR_SIZE, buf)
                        : h.readAsync(done / DiskHandle.SECTOR_SIZE, buf));
                done += n;
                progress.update(done);
            }
        } finally {
            h.awaitAsync();
        }
        for (CompletableFuture<Void> f : inFlight) {
            f.join();
        }
        return finish(h, start, progress);
    }

    /** Flushes after writes; the nanoseconds since {@code start} (flush included); ends the progress line. */
    private long finish(DiskHandle h, long start, Progress progress) {
        if (writes()) {
            h.flush();
        }
        long nanos = System.nanoTime() - start;
        progress.done();
        return nanos;
    }
}
