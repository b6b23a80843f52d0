package io.github.vddk4j.bench;

import io.github.vddk4j.Connection;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.OpenOption;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;

/**
 * Not a JMH benchmark: {@link DataPathBenchmark#async}'s loop (sequential reads, {@code depth}
 * requests in flight, a buffer reused once its previous request's future completed) run for a
 * number of fixed-time rounds in one JVM, printing each round's ns per request, the best round,
 * and, over the second half of the rounds (after the JIT), the process's CPU time and context
 * switches (all threads, from {@code /proc/self/task}) per request. CPU and switches per request
 * depend less on other processes than wall time does; alternate runs on two class paths (before
 * and after a change) with the C program in the same minute. Run (after {@code compare.sh} built
 * the class path and the disks, or with any 1 GiB disk):
 * {@code java -cp "$(cat target/jmh-classpath.txt):target/test-classes:target/classes"
 * -Dvddk4j.bench.libDir=target/vddk-stub -Dvddk4j.bench.disk0=DISK.vmdk
 * io.github.vddk4j.bench.AsyncDepthMeasurement BYTES DEPTH ROUNDS MS}.
 */
public final class AsyncDepthMeasurement {
    private AsyncDepthMeasurement() {
    }

    public static void main(String[] args) {
        int bytes = Integer.parseInt(args[0]);
        int depth = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long ms = Long.parseLong(args[3]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Connection c = BenchSetup.connectLocal(); DiskHandle d = c.open(BenchSetup.disk(0), OpenOption.READ_ONLY)) {
            ByteBuffer[] bufs = new ByteBuffer[depth];
            CompletableFuture<?>[] inFlight = new CompletableFuture<?>[depth];
            for (int i = 0; i < depth; i++) {
                bufs[i] = d.allocateBuffer(bytes);
            }
            long sectors = bytes / DiskHandle.SECTOR_SIZE;
            long positions = d.capacitySectors() / sectors;
            long next = 0;
            long n = 0;
            long cpu = 0;
            long switches = 0;
            long requests = 0;
            double best = Double.MAX_VALUE;
            StringBuilder perRound = new StringBuilder();
            for (int r = 0; r < rounds; r++) {
                long cpu0 = os.getProcessCpuTime();
                long switches0 = contextSwitches();
                long t0 = System.nanoTime();
                long end = t0 + ms * 1_000_000L;
                long k = 0;
                do {
                    for (int j = 0; j < 16; j++, k++, n++) {
                        int slot = (int) (n % depth);
                        if (inFlight[slot] != null) {
                            inFlight[slot].join();
                        }
                        bufs[slot].clear();
                        inFlight[slot] = d.readAsync(next * sectors, bufs[slot]);
                        next = next + 1 == positions ? 0 : next + 1;
                    }
                } while (System.nanoTime() < end);
                double ns = (System.nanoTime() - t0) / (double) k;
                perRound.append(String.format(" %.0f", ns));
                best = r > 0 ? Math.min(best, ns) : best;
                if (r >= rounds / 2) {
                    cpu += os.getProcessCpuTime() - cpu0;
                    switches += contextSwitches() - switches0;
                    requests += k;
                }
            }
            d.awaitAsync();
            System.out.printf("ns/request per round:%s; best %.0f; second half: CPU %.0f ns/request, %.2f context switches/request%n",
                    perRound, best, cpu / (double) requests, switches / (double) requests);
        }
        System.exit(0); // the shared DiskLib's threads
    }

    /** Voluntary and involuntary context switches of every thread of this process so far. */
    private static long contextSwitches() {
        long total = 0;
        File[] tasks = new File("/proc/self/task").listFiles();
        for (File t : tasks == null ? new File[0] : tasks) {
            try {
                for (String line : Files.readAllLines(new File(t, "status").toPath())) {
                    if (line.contains("ctxt_switches")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the thread ended meanwhile
            }
        }
        return total;
    }
}
