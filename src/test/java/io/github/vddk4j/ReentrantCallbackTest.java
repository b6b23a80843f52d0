package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.VddkLogSink;
import io.github.vddk4j.testsupport.EmulatedWorld;
import io.github.vddk4j.testsupport.OwnJvmPerTest;
import io.github.vddk4j.testsupport.Stub;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 1: user code that VDDK calls back on the thread that is inside VDDK (here a log
 * sink's {@code isEnabled}, asked for the NFC line VDDK logs during an nbd Read) and that calls
 * back into vddk4j is refused with a clear exception; the call never runs, the Read completes.
 */
@ExtendWith(OwnJvmPerTest.class)
class ReentrantCallbackTest {
    @TempDir
    Path base;

    /** A sink that, when armed for a thread, runs an action from isEnabled on that thread. */
    static final class ReentrantSink implements VddkLogSink {
        volatile Thread armedFor;
        volatile Consumer<Void> action;
        volatile RuntimeException refused;
        volatile boolean ran;

        @Override
        public boolean isEnabled(LogChannel channel) {
            if (Thread.currentThread() == armedFor) {
                armedFor = null;
                try {
                    action.accept(null);
                    ran = true;
                } catch (RuntimeException e) {
                    refused = e;
                }
            }
            return true;
        }

        @Override
        public void accept(LogChannel channel, String message) {
        }
    }

    private void readWhileTheSinkDoes(Consumer<DiskHandle> fromSink, Consumer<DiskLib> fromSinkLib) {
        EmulatedWorld.define(base);
        ReentrantSink sink = new ReentrantSink();
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).logSink(sink)
                .config(VddkConfig.builder().nfcLogLevel(4).build()).open();
             Connection c = lib.connect(EmulatedWorld.esxi().transports(TransportMode.NBD));
             DiskHandle d = c.open(EmulatedWorld.diskPath(EmulatedWorld.LOCAL_DS))) {
            assertEquals(TransportMode.NBD, d.transportMode());
            ByteBuffer expected = d.allocateBuffer(64 * 512);
            d.read(0, expected);
            sink.action = v -> {
                if (fromSink != null) {
                    fromSink.accept(d);
                } else {
                    fromSinkLib.accept(lib);
                }
            };
            sink.armedFor = Thread.currentThread();
            ByteBuffer got = d.allocateBuffer(64 * 512);
            d.read(0, got); // VDDK logs "[NFC VERBOSE] Nfc_Read" on this thread, inside VixDiskLib_Read
            assertFalse(sink.ran, "the re-entrant call did not run");
            assertNotNull(sink.refused, "the re-entrant call was refused");
            assertTrue(sink.refused instanceof IllegalStateException, sink.refused.toString());
            assertTrue(sink.refused.getMessage().contains("inside VixDiskLib_Read"), sink.refused.getMessage());
            assertTrue(sink.refused.getMessage().contains("not re-entrant"), sink.refused.getMessage());
            assertArrayEquals(bytes(expected.flip()), bytes(got.flip()), "the read completed with the disk's data");
            assertFalse(d.isClosed());
            assertFalse(lib.isClosed());
            d.read(0, got.clear()); // still usable
        }
        assertEquals(0, Stub.control().VixDiskLibStub_GetCounter("handles"));
        assertEquals(0, Stub.control().VixDiskLibStub_GetCounter("connections"));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    @Test
    void closingTheHandleFromInsideItsReadIsRefused() {
        readWhileTheSinkDoes(DiskHandle::close, null);
    }

    @Test
    void closingTheDiskLibFromInsideAReadIsRefused() {
        readWhileTheSinkDoes(null, DiskLib::close);
    }

    @Test
    void anotherCallOnTheSameHandleFromInsideItsReadIsRefused() {
        readWhileTheSinkDoes(d -> d.read(0, ByteBuffer.allocateDirect(512)), null);
    }
}
