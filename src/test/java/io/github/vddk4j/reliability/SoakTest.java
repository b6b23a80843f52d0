package io.github.vddk4j.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.ChildJvm;
import io.github.vddk4j.testsupport.Stub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, soak (on demand, not in CI): {@code mvn test -Dtest=SoakTest -Dvddk4j.soak.seconds=600}
 * runs connect/open/read/close churn for that long in a child JVM ({@link SoakMain}) with a fixed,
 * pre-touched heap, and checks that open file descriptors, threads and resident memory stay flat.
 * With the heap fixed, resident memory can only grow through native memory; the JVM's own part is
 * reported by Native Memory Tracking, the rest is libraries' (JNA, the stub, libc). Writes the
 * figures to {@code target/soak.txt}. Skipped when the property is not set.
 */
class SoakTest {
    /** Resident growth allowed in the second half of the run (JIT code, metaspace, malloc arenas settling). */
    private static final long RSS_SLACK_KIB = 8 * 1024;
    /** Growth of malloc's bytes in use allowed in the second half: no leak of even 10 B per cycle over 100k cycles. */
    private static final long MALLOC_SLACK_KIB = 1024;

    @TempDir
    Path dir;

    @Test
    void churnKeepsDescriptorsThreadsAndMemoryFlat() throws Exception {
        long seconds = Long.getLong("vddk4j.soak.seconds", 0);
        Assumptions.assumeTrue(seconds > 0, "on demand: -Dvddk4j.soak.seconds=600");
        Path disk = Stub.createDisk(dir.resolve("soak.vmdk"), 8192);
        ChildJvm.Result r = ChildJvm.run(SoakMain.class,
                List.of("-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch", "-XX:NativeMemoryTracking=summary"),
                seconds + 120, disk.toString(), Long.toString(seconds));
        Matcher m = Pattern.compile("SOAK cycles=(\\d+) fds=(\\d+) threads=(\\d+) rssKiB=(\\d+) nmtKiB=(\\d+)"
                + " mallocKiB=(\\d+)").matcher(r.output());
        List<long[]> points = new ArrayList<>(); // cycles, fds, threads, rss, nmt, malloc
        while (m.find()) {
            long[] p = new long[6];
            for (int i = 0; i < 6; i++) {
                p[i] = Long.parseLong(m.group(i + 1));
            }
            points.add(p);
        }
        assertTrue(r.exitStatus() == 0 && points.size() == 3, "the soak child failed: " + r.output());
        long[] start = points.get(0);
        long[] half = points.get(1);
        long[] end = points.get(2);
        String figures = String.format(Locale.ROOT, "%d s, %d connect/open/read/close cycles, heap fixed at 96 MiB;"
                + " after warm-up, half-way, end:%n fds %d, %d, %d; threads %d, %d, %d%n RSS KiB %d, %d, %d%n"
                + " JVM committed by NMT KiB %d, %d, %d%n malloc in use KiB %d, %d, %d%n"
                + " second half: RSS %+d KiB, malloc %+d KiB over %d cycles (%.1f B per cycle)%n",
                seconds, end[0], start[1], half[1], end[1], start[2], half[2], end[2], start[3], half[3], end[3],
                start[4], half[4], end[4], start[5], half[5], end[5], end[3] - half[3], end[5] - half[5],
                end[0] - half[0], (end[5] - half[5]) * 1024.0 / Math.max(1, end[0] - half[0]));
        Files.writeString(Path.of("target", "soak.txt"), figures);
        assertTrue(end[1] <= start[1] + 2, figures);
        assertTrue(end[2] <= start[2] + 2, figures);
        // a leak grows in both halves; settling (JIT, metaspace, arenas) is over by the second
        assertTrue(end[3] - half[3] <= RSS_SLACK_KIB, figures);
        assertTrue(end[5] - half[5] <= MALLOC_SLACK_KIB, figures);
    }
}
