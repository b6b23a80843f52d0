package io.github.vddk4j.jna;

import io.github.vddk4j.logging.internal.NativeLogFunctions;
import io.github.vddk4j.logging.internal.LogBridge;
import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import io.github.vddk4j.logging.PanicPolicy;
import io.github.vddk4j.logging.VddkLogSink;
import io.github.vddk4j.testsupport.OwnJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a raw caller sees when it initialises VDDK again after Exit in one process: real VDDK 9.0 corrupts its
 * heap (the second Exit double-frees), so the stub fails the call and says why through the panic callback, on the
 * calling thread. InitEx twice without Exit in between stays VIX_OK, as with real VDDK.
 */
@Tag(OwnJvm.TAG)
class StubInitExAfterExitTest {
    @Test
    void initExAfterExitFailsAndPanicsNamingTheDoubleFree() {
        List<String> panics = new CopyOnWriteArrayList<>();
        VddkLogSink quiet = new VddkLogSink() {
            @Override
            public boolean isEnabled(LogChannel channel) {
                return channel == LogChannel.PANIC;
            }

            @Override
            public void accept(LogChannel channel, String message) {
                // panics arrive through the policy below
            }
        };
        NativeLogFunctions f = new NativeLogFunctions(new LogBridge(quiet, PanicPolicy.custom(panics::add)));
        LoadedVixDiskLib loaded = StubTestSupport.load();
        VixDiskLib lib = loaded.lib();
        String libDir = loaded.libDir().toString();
        assertEquals(VixErrors.VIX_OK, lib.VixDiskLib_InitEx(loaded.vddkMajor(), 0, f.log(), f.warn(), f.panic(), libDir, null));
        assertEquals(VixErrors.VIX_OK, lib.VixDiskLib_InitEx(loaded.vddkMajor(), 0, f.log(), f.warn(), f.panic(), libDir, null),
                "a second InitEx without Exit is harmless");
        lib.VixDiskLib_Exit();
        assertTrue(panics.isEmpty(), panics.toString());

        assertEquals(1L /* VIX_E_FAIL */,
                lib.VixDiskLib_InitEx(loaded.vddkMajor(), 0, f.log(), f.warn(), f.panic(), libDir, null));
        assertEquals(1, panics.size(), panics.toString());
        assertTrue(panics.get(0).contains("VixDiskLib_InitEx called after VixDiskLib_Exit"), panics.get(0));
        assertTrue(panics.get(0).contains("second Exit double-frees"), panics.get(0));
        assertNull(lib.VixDiskLib_ListTransportModes(), "still not initialised");
    }
}
