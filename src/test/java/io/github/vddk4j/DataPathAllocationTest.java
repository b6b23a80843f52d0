package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the data path's per-call allocation removed (issue 11: 0 B/op on sync read/write): sync
 * reads and writes of a direct buffer through the stub allocate nothing on the calling thread,
 * even before the JIT compiles them (allocations the JIT would remove count here too).
 */
@ExtendWith(StubLeakCheck.class)
class DataPathAllocationTest {
    private static final int CALLS = 5_000;

    @TempDir
    static Path dir;

    @Test
    void syncReadAndWriteOfADirectBufferAllocateNothingPerCall() {
        Path disk = Stub.createDisk(dir.resolve("alloc.vmdk"), 2048);
        try (Connection c = SharedDiskLib.get().connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            ByteBuffer buf = d.allocateBuffer(4096);
            readAndWrite(d, buf); // first calls: thread-locals, first-write descriptor update, class loading
            long before = allocatedBytes();
            readAndWrite(d, buf);
            long perCall = (allocatedBytes() - before) / (2L * CALLS);
            assertTrue(perCall < 1, "sync read/write allocated " + perCall + " bytes per call");
        }
    }

    private static void readAndWrite(DiskHandle d, ByteBuffer buf) {
        for (int i = 0; i < CALLS; i++) {
            long sector = (i % 256) * 8L;
            buf.clear();
            d.write(sector, buf);
            buf.clear();
            d.read(sector, buf);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
