package io.github.vddk4j.jna;

import org.junit.jupiter.api.Tag;
import io.github.vddk4j.testsupport.OwnJvm;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direct-mapped data path passes handle, sectors and buffer address through unchanged, and the
 * async calls deliver completion callbacks (synchronously and from a library thread). Against a tiny
 * fake library that echoes its arguments.
 */
@Tag(OwnJvm.TAG)
class DirectVixDiskLibDataPathTest {
    private static final String ECHO = """
            #include <stdint.h>
            #include <string.h>
            #include <pthread.h>
            #ifndef MARK
            #define MARK 1
            #endif
            typedef void (*cb_t)(void *, uint64_t);
            static void echo(uint64_t *out, void *h, uint64_t s, uint64_t n) {
                out[0] = (uint64_t)(uintptr_t)h; out[1] = s; out[2] = n; out[3] = MARK; }
            uint64_t VixDiskLib_Read(void *h, uint64_t s, uint64_t n, uint8_t *buf) { echo((uint64_t *)buf, h, s, n); return 0; }
            uint64_t VixDiskLib_Write(void *h, uint64_t s, uint64_t n, const uint8_t *buf) { return ((const uint64_t *)buf)[0] + s + n; }
            uint64_t VixDiskLib_ReadAsync(void *h, uint64_t s, uint64_t n, uint8_t *buf, cb_t cb, void *d) {
                echo((uint64_t *)buf, h, s, n); cb(d, 0); return 25000; }
            struct job { cb_t cb; void *d; };
            static void *run(void *a) { struct job *j = a; j->cb(j->d, 16007); return 0; }
            uint64_t VixDiskLib_WriteAsync(void *h, uint64_t s, uint64_t n, const uint8_t *buf, cb_t cb, void *d) {
                pthread_t t; struct job j = { cb, d }; pthread_create(&t, 0, run, &j); pthread_join(t, 0); return 25000; }
            """;

    @TempDir
    static Path dir;
    static LoadedVixDiskLib loaded;

    @BeforeAll
    static void build() throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so.8"), ECHO + TestGcc.otherRequiredFunctions(ECHO), "-pthread");
        loaded = new VixDiskLibLoader().load(dir);
    }

    private static long address(ByteBuffer b) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(b));
    }

    @Test
    void readAndWritePassTheirArgumentsUnchanged() {
        VixDiskLibHandle h = new VixDiskLibHandle(new Pointer(0x7f00_1234_5678L));
        ByteBuffer buf = ByteBuffer.allocateDirect(512).order(ByteOrder.nativeOrder());
        assertEquals(0, loaded.dataPath().read(h, 0x1_0000_0001L, 3, address(buf)));
        assertEquals(0x7f00_1234_5678L, buf.getLong(0));
        assertEquals(0x1_0000_0001L, buf.getLong(8));
        assertEquals(3, buf.getLong(16));
        buf.putLong(0, 1000);
        assertEquals(1000 + 20 + 2, loaded.dataPath().write(h, 20, 2, address(buf)));
    }

    @Test
    void aDataPathReplacedByALoadOfAnotherLibraryRefusesToCallIntoIt() throws Exception {
        LoadedVixDiskLib again = new VixDiskLibLoader().load(dir); // same file: shares the binding
        ByteBuffer buf = ByteBuffer.allocateDirect(512).order(ByteOrder.nativeOrder());
        VixDiskLibHandle h = new VixDiskLibHandle(new Pointer(1));
        assertEquals(0, loaded.dataPath().read(h, 0, 1, address(buf)));
        assertEquals(0, again.dataPath().read(h, 0, 1, address(buf)));

        Path other = Files.createDirectories(dir.resolve("other/lib64"));
        TestGcc.sharedLibrary(other.resolve("libvixDiskLib.so.7"), ECHO + TestGcc.otherRequiredFunctions(ECHO), "-pthread");
        LoadedVixDiskLib second = new VixDiskLibLoader().load(dir.resolve("other"));
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loaded.dataPath().read(h, 0, 1, address(buf)));
            assertTrue(e.getMessage().contains("only one VixDiskLib"), e.getMessage());
            assertEquals(0, second.dataPath().read(h, 0, 1, address(buf)));
        } finally {
            new VixDiskLibLoader().load(dir); // bind the first library again for the other tests
        }
    }

    @Test
    void noOrderOfLoadsMakesADataPathCallIntoAnotherLibrary() throws Exception {
        Path marked = Files.createDirectories(dir.resolve("marked/lib64"));
        TestGcc.sharedLibrary(marked.resolve("libvixDiskLib.so.7"), ECHO + TestGcc.otherRequiredFunctions(ECHO),
                "-pthread", "-DMARK=2");
        ByteBuffer buf = ByteBuffer.allocateDirect(512).order(ByteOrder.nativeOrder());
        VixDiskLibHandle h = new VixDiskLibHandle(new Pointer(1));
        try {
            new VixDiskLibLoader().load(dir.resolve("marked")); // default data path (FFM on Java 22+)
            LoadedVixDiskLib firstAgainJna = new VixDiskLibLoader(
                    p -> p.equals(VixDiskLibLoader.DATA_PATH_PROPERTY) ? "jna" : null, e -> null).load(dir);
            assertEquals(0, firstAgainJna.dataPath().read(h, 0, 1, address(buf)));
            assertEquals(1, buf.getLong(24), "the JNA data path calls the first library");
            buf.putLong(24, 0);
            try {
                assertEquals(0, loaded.dataPath().read(h, 0, 1, address(buf)));
                assertEquals(1, buf.getLong(24), "the first load's data path called the marked library");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().contains("only one VixDiskLib"), e.getMessage());
            }
        } finally {
            new VixDiskLibLoader().load(dir); // bind the first library again for the other tests
        }
    }

    @Test
    void asyncCompletionsArriveSynchronouslyAndFromALibraryThread() {
        List<String> completions = new CopyOnWriteArrayList<>();
        VixDiskLibCompletionCB.Address cb = (data, result) ->
                completions.add(data + ":" + result + ":" + Thread.currentThread().getName());
        long callback = DirectCallbacks.trampoline(cb);
        VixDiskLibHandle h = new VixDiskLibHandle(new Pointer(99));
        ByteBuffer buf = ByteBuffer.allocateDirect(512).order(ByteOrder.nativeOrder());
        assertEquals(VixErrors.VIX_ASYNC, loaded.dataPath().readAsync(h, 5, 1, address(buf), callback, 7));
        assertEquals(99, buf.getLong(0));
        assertEquals(VixErrors.VIX_ASYNC, loaded.dataPath().writeAsync(h, 5, 1, address(buf), callback, 0x1_0000_0008L));
        assertEquals(2, completions.size());
        assertTrue(completions.get(0).startsWith("7:0:"), completions.toString());
        assertTrue(completions.get(1).startsWith(0x1_0000_0008L + ":16007:"), completions.toString());
        assertNotEquals(Thread.currentThread().getName(), completions.get(1).split(":")[2]);
        java.lang.ref.Reference.reachabilityFence(cb); // JNA holds callbacks weakly
    }

    @Test
    void aCallbackTakingObjectsIsRefusedAsADirectTrampoline() {
        VixDiskLibCompletionCB slow = (data, result) -> { };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirectCallbacks.trampoline(slow));
        assertTrue(e.getMessage().contains("primitives only"), e.getMessage());
    }
}
