package io.github.vddk4j.reliability;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import io.github.vddk4j.Connection;
import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.testsupport.Stub;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Child JVM of {@link SoakTest}: connect/open/read/close churn on {@code args[0]} (a disk) for
 * {@code args[1]} seconds, started with a fixed, pre-touched heap so that its resident memory can
 * only grow through native memory (the JVM's own, tracked by NMT, or libraries': JNA, the stub,
 * libc). Prints one line {@code SOAK ...} per checkpoint (after warm-up, half-way, at the end):
 * cycles, descriptors, threads, RSS, the JVM's committed memory by NMT, and the bytes in use in
 * glibc's malloc heap (every malloc of the process: the stub's, JNA's and the JVM's own).
 */
public final class SoakMain {
    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        Path disk = Path.of(args[0]);
        long seconds = Long.parseLong(args[1]);
        ByteBuffer buf = ByteBuffer.allocateDirect(1024 * 1024);
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).open()) {
            for (int i = 0; i < 2000; i++) { // warm up: JIT, JNA, the stub's first allocations
                cycle(lib, disk, buf);
            }
            long cycles = 0;
            checkpoint(cycles);
            long start = System.nanoTime();
            long total = TimeUnit.SECONDS.toNanos(seconds);
            for (int half = 1; half <= 2; half++) {
                long deadline = start + total * half / 2;
                while (System.nanoTime() < deadline) {
                    cycle(lib, disk, buf);
                    cycles++;
                }
                checkpoint(cycles);
            }
        }
    }

    private static void checkpoint(long cycles) throws Exception {
        System.gc();
        System.out.printf("SOAK cycles=%d fds=%d threads=%d rssKiB=%d nmtKiB=%d mallocKiB=%d%n", cycles,
                count("/proc/self/fd"), count("/proc/self/task"), rssKiB(), nmtCommittedKiB(), mallocInUseKiB());
    }

    /** glibc's {@code struct mallinfo2} (all fields size_t). */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    /** glibc's {@code mallinfo2} (glibc 2.33 and later). */
    interface LibC extends Library {
        MallInfo2 mallinfo2();
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    /** Bytes handed out by malloc and not freed, all arenas: {@code uordblks + hblkhd}. */
    private static long mallocInUseKiB() {
        MallInfo2 m = LIBC.mallinfo2();
        return (m.uordblks + m.hblkhd) / 1024;
    }

    private static void cycle(DiskLib lib, Path disk, ByteBuffer buf) {
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            d.read(0, buf.clear());
        }
    }

    private static long count(String dir) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.count();
        }
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** The JVM's total committed memory by Native Memory Tracking ({@code -XX:NativeMemoryTracking=summary}). */
    private static long nmtCommittedKiB() throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
        String out = (String) server.invoke(name, "vmNativeMemory", new Object[] {new String[] {"summary"}},
                new String[] {String[].class.getName()});
        for (String line : out.split("\n")) {
            if (line.startsWith("Total:")) { // Total: reserved=...KB, committed=...KB
                String committed = line.substring(line.indexOf("committed=") + "committed=".length());
                return Long.parseLong(committed.replaceAll("[^0-9].*", ""));
            }
        }
        throw new IllegalStateException("no NMT total in: " + out);
    }
}
