package io.github.vddk4j.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.Connection;
import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, soak (on demand, not in CI): {@code mvn test -Dtest=SoakTest -Dvddk4j.soak.seconds=600}
 * runs connect/open/read/close churn for that long, after 1000 connect/open/close cycles, and checks
 * that open file descriptors, threads and resident memory stay flat. Writes the figures to
 * {@code target/soak.txt}. Skipped when the property is not set.
 */
class SoakTest {
    @TempDir
    Path dir;

    private static long fds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long threads() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/task"))) {
            return s.count();
        }
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static void cycle(Path disk, boolean read, ByteBuffer buf) {
        try (Connection c = SharedDiskLib.get().connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            if (read) {
                d.read(0, buf.clear());
            }
        }
    }

    @Test
    void churnKeepsDescriptorsThreadsAndMemoryFlat() throws Exception {
        long seconds = Long.getLong("vddk4j.soak.seconds", 0);
        Assumptions.assumeTrue(seconds > 0, "on demand: -Dvddk4j.soak.seconds=600");
        Path disk = Stub.createDisk(dir.resolve("soak.vmdk"), 8192);
        ByteBuffer buf = ByteBuffer.allocateDirect(1024 * 1024);
        for (int i = 0; i < 100; i++) { // warm up: JIT, JNA, first allocations
            cycle(disk, true, buf);
        }
        System.gc();
        long fd0 = fds();
        long th0 = threads();
        long rss0 = rssKiB();
        for (int i = 0; i < 1000; i++) {
            cycle(disk, false, buf);
        }
        long cycles = 1000;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            cycle(disk, true, buf);
            cycles++;
        }
        System.gc();
        long fd1 = fds();
        long th1 = threads();
        long rss1 = rssKiB();
        String figures = String.format("%d s, %d connect/open/(read)/close cycles: fds %d -> %d, threads %d -> %d,"
                + " RSS %d -> %d KiB%n", seconds, cycles, fd0, fd1, th0, th1, rss0, rss1);
        Files.writeString(Path.of("target", "soak.txt"), figures);
        assertTrue(fd1 <= fd0 + 2, figures);
        assertTrue(th1 <= th0 + 2, figures);
        assertTrue(rss1 <= rss0 + 64 * 1024, figures); // 64 MiB of slack for the JVM's own growth
    }
}
