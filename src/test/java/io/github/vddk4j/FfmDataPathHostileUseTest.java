package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.OwnJvm;
import io.github.vddk4j.testsupport.Stub;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync data path (FFM downcalls on Java 22+ through the jar, JNA otherwise: the build runs this
 * class on both) used the way a careless caller would: from many threads while handles close under
 * them, after a refused second DiskLib, and after DiskLib.close(). Every call either works or gets
 * an {@link IllegalStateException} before any native call; the JVM never crashes. Own JVM: the
 * last test closes the DiskLib.
 */
@Tag(OwnJvm.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FfmDataPathHostileUseTest {
    private static final long SECTORS = 2048;
    @TempDir
    static Path dir;
    static DiskLib lib;
    static Connection conn;

    @BeforeAll
    static void open() {
        lib = DiskLib.builder().libDir(Stub.libDir()).open();
        conn = lib.connect(ConnectParams.local());
    }

    @AfterAll
    static void close() {
        lib.close();
    }

    private static DiskHandle newDisk(String name) {
        return conn.open(Stub.createDisk(dir.resolve(name + ".vmdk"), SECTORS).toString());
    }

    @Test
    @Order(1)
    void manyThreadsReadingAndWritingWhileTheirHandlesCloseUnderThemGetDataOrAClearRefusal() throws Exception {
        String expected = System.getProperty("vddk4j.test.expectedDataPath");
        if (expected != null) {
            assertEquals(expected, lib.dataPathImplementation().name().toLowerCase(java.util.Locale.ROOT),
                    lib.dataPathImplementation().toString());
        }
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        AtomicLong refused = new AtomicLong();
        AtomicLong done = new AtomicLong();
        for (int round = 0; round < 10; round++) {
            DiskHandle d = newDisk("race-" + round);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                boolean writer = t % 2 == 0;
                long seed = t;
                Thread th = new Thread(() -> {
                    ByteBuffer b = d.allocateBuffer(4096);
                    ByteBuffer heap = ByteBuffer.allocate(4096);
                    java.util.Random r = new java.util.Random(seed);
                    while (!stop.get()) {
                        long sector = r.nextInt((int) SECTORS - 8);
                        try {
                            ByteBuffer buf = r.nextBoolean() ? b.clear() : heap.clear();
                            if (writer) {
                                d.write(sector, buf);
                            } else {
                                d.read(sector, buf);
                            }
                            done.incrementAndGet();
                        } catch (IllegalStateException closed) {
                            refused.incrementAndGet();
                            return; // the handle closed under the thread: refused before VDDK
                        } catch (Throwable e) {
                            unexpected.add(e);
                            return;
                        }
                    }
                }, "io-" + t);
                th.setDaemon(true);
                threads.add(th);
                th.start();
            }
            Thread.sleep(20);
            d.close();
            stop.set(true);
            for (Thread th : threads) {
                th.join(30_000);
                assertFalse(th.isAlive(), th.getName() + " hangs");
            }
        }
        assertEquals(List.of(), unexpected);
        assertTrue(done.get() > 0 && refused.get() > 0, "done " + done + ", refused " + refused);
    }

    @Test
    @Order(2)
    void aSecondDiskLibIsRefusedBeforeLoadingAndTheFirstKeepsReadingThroughItsDataPath() {
        try (DiskHandle d = newDisk("second")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> DiskLib.builder().libDir(Stub.libDir()).open());
            assertTrue(e.getMessage().contains("open"), e.getMessage());
            ByteBuffer b = d.allocateBuffer(512);
            d.read(0, b);
            assertEquals(512, b.position());
        }
    }

    @Test
    @Order(3)
    void afterDiskLibCloseEveryDataPathCallIsRefusedBeforeVddk() {
        DiskHandle d = newDisk("after-close");
        ByteBuffer b = d.allocateBuffer(512);
        d.read(0, b);
        lib.close();
        assertTrue(d.isClosed());
        assertThrows(IllegalStateException.class, () -> d.read(0, b.clear()));
        assertThrows(IllegalStateException.class, () -> d.write(0, b.clear()));
        assertThrows(IllegalStateException.class, () -> d.readAsync(0, b.clear()));
        assertThrows(IllegalStateException.class, () -> conn.open(dir.resolve("after-close.vmdk").toString()));
        IllegalStateException reopen = assertThrows(IllegalStateException.class,
                () -> DiskLib.builder().libDir(Stub.libDir()).open());
        assertTrue(reopen.getMessage().contains("initialised"), reopen.getMessage());
        assertThrows(IllegalStateException.class, () -> d.read(0, b.clear()), "still refused after the refused reopen");
    }
}
