package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Many threads on the stub through the public API: no corruption, no crash, clean failures. */
@ExtendWith(StubLeakCheck.class)
class ConcurrentIoTest {
    private static final int THREADS = 4;
    private static final int REGION_SECTORS = 256;

    @TempDir
    static Path dir;
    static DiskLib lib;

    @BeforeAll
    static void open() {
        lib = SharedDiskLib.get();
    }


    @Test
    void threadsSharingOneHandleKeepEveryRegionIntact() throws Exception {
        Path disk = Stub.createDisk(dir.resolve("shared.vmdk"), THREADS * REGION_SECTORS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int region = t;
                results.add(pool.submit(() -> {
                    Random rnd = new Random(region);
                    byte[] expected = new byte[REGION_SECTORS * 512];
                    for (int round = 0; round < 20; round++) {
                        int first = rnd.nextInt(REGION_SECTORS - 8);
                        byte[] chunk = new byte[(1 + rnd.nextInt(8)) * 512];
                        rnd.nextBytes(chunk);
                        System.arraycopy(chunk, 0, expected, first * 512, chunk.length);
                        boolean direct = rnd.nextBoolean();
                        ByteBuffer src = direct ? ByteBuffer.allocateDirect(chunk.length).put(chunk).flip()
                                : ByteBuffer.wrap(chunk);
                        d.write((long) region * REGION_SECTORS + first, src);
                        ByteBuffer back = ByteBuffer.allocate(REGION_SECTORS * 512);
                        d.read((long) region * REGION_SECTORS, back);
                        assertArrayEquals(expected, back.array(), "region " + region + " round " + round);
                    }
                    return expected;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                byte[] expected = results.get(t).get(60, TimeUnit.SECONDS);
                ByteBuffer all = ByteBuffer.allocate(REGION_SECTORS * 512);
                d.read((long) t * REGION_SECTORS, all);
                assertArrayEquals(expected, all.array());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheConnectionUnderReadersFailsThemCleanly() throws Exception {
        Path disk = Stub.createDisk(dir.resolve("closing.vmdk"), 4096);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Connection c = lib.connect(ConnectParams.local().readOnly(true));
        List<DiskHandle> handles = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            handles.add(c.open(disk.toString()));
        }
        CountDownLatch running = new CountDownLatch(THREADS);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        List<Future<?>> readers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            DiskHandle d = handles.get(t);
            readers.add(pool.submit(() -> {
                ByteBuffer buf = d.allocateBuffer(64 * 1024);
                running.countDown();
                while (!stop.get()) {
                    buf.clear();
                    d.read(0, buf);
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            assertTrue(running.await(10, TimeUnit.SECONDS));
            Thread.sleep(50);
            c.close();
            for (Future<?> f : readers) {
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> f.get(30, TimeUnit.SECONDS));
                assertInstanceOf(IllegalStateException.class, e.getCause());
            }
            assertTrue(reads.get() > 0);
            assertEquals(0, Stub.counter("handles"));
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}
