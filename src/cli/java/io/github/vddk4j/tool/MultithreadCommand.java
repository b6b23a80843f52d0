package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code multithread <disk>...}: N threads, each with its own handle on one of the disks (round
 * robin), read the whole disk and hash it; verified when every thread on a disk got the same data.
 */
@Command(name = "multithread", mixinStandardHelpOptions = true,
        description = "Read disks from N threads in parallel, one handle per thread, and verify they all read the same data.")
final class MultithreadCommand extends DiskCommand {
    @Parameters(paramLabel = "DISK", arity = "1..*", description = "the disks (threads take them in turn)")
    List<String> disks;

    @Option(names = "--threads", paramLabel = "N", description = "number of threads, 1..64 (default 4)")
    int threads = 4;

    @Mixin
    JsonOption json = new JsonOption();

    private record ThreadResult(int thread, String disk, TransferResult result) {}

    @Override
    int run() throws Exception {
        if (threads < 1 || threads > 64) {
            throw new CommandFailedException("--threads must be 1..64");
        }
        List<ThreadResult> results = new ArrayList<>();
        long start = System.nanoTime();
        try (VddkSession s = session(true)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<ThreadResult>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    String disk = disks.get(t % disks.size());
                    futures.add(pool.submit(() -> {
                        try (DiskHandle h = s.open(disk, true)) {
                            return new ThreadResult(thread, disk, DiskTransfers.read(h,
                                    h.capacitySectors() * DiskHandle.SECTOR_SIZE, 1 << 20, null, true));
                        }
                    }));
                }
                for (Future<ThreadResult> f : futures) {
                    results.add(f.get());
                }
            } finally {
                pool.shutdown();
            }
        }
        long nanos = System.nanoTime() - start;
        boolean verified = true;
        for (ThreadResult r : results) {
            for (ThreadResult o : results) {
                verified &= !r.disk().equals(o.disk()) || r.result().sha256Hex().equals(o.result().sha256Hex());
            }
        }
        long total = results.stream().mapToLong(r -> r.result().bytes()).sum();
        List<Map<String, Object>> perThread = new ArrayList<>();
        for (ThreadResult r : results) {
            perThread.add(Reports.object("thread", r.thread(), "disk", r.disk(), "sha256", r.result().sha256Hex(),
                    "transfer", Reports.transfer(r.result().bytes(), r.result().nanos())));
        }
        boolean ok = verified;
        report(json, Reports.object("threads", threads, "verified", ok, "transfer", Reports.transfer(total, nanos),
                "results", perThread), out -> {
                    for (ThreadResult r : results) {
                        out.println("thread " + r.thread() + "  " + r.disk() + "  " + r.result().summary()
                                + "  sha256 " + r.result().sha256Hex());
                    }
                    out.println(threads + " threads, " + Units.bytes(total) + " in " + Units.seconds(nanos) + ", "
                            + Units.rate(total, nanos) + (ok ? "; every thread read the same data" : "; DATA DIFFERS between threads"));
                });
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }
}
