package io.github.vddk4j.logging.internal;

import io.github.vddk4j.logging.PanicPolicy;
import io.github.vddk4j.logging.Slf4jLogSink;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Which mechanism VDDK's log functions call Java through, and how messages are formatted: FFM
 * upcall stubs and an FFM {@code vsnprintf} where the data path is FFM (Java 22+ with the
 * multi-release jar), JNA direct callbacks and direct mapping otherwise or when forced. The
 * build runs this class on JDK 17 (classes directory: JNA) and on JDK 22+ through the jar (FFM);
 * {@code vddk4j.test.expectedDataPath} says which this JVM must choose. No InitEx is made.
 */
class NativeLogFunctionsTest {
    private final LogBridge bridge = new LogBridge(new Slf4jLogSink(), PanicPolicy.DEFAULT);

    @Test
    void theLogFunctionsUseFfmUpcallsExactlyWhereTheDataPathIsFfm() {
        String expected = System.getProperty("vddk4j.test.expectedDataPath");
        assumeTrue(expected != null, "run by the build, which says what this JVM must choose");
        NativeLogFunctions f = new NativeLogFunctions(bridge, new LibcVaListFormatter(), null);
        assertEquals(expected.equals("ffm"), f.usesFfm(), f.implementation());
        assertEquals(expected.equals("ffm"), new LibcVaListFormatter(null).usesFfm(), "vsnprintf through FFM");
    }

    @Test
    void dataPathJnaForcesJnaCallbacksAndJnaFormatting() {
        NativeLogFunctions f = new NativeLogFunctions(bridge, new LibcVaListFormatter(), " JNA ");
        assertFalse(f.usesFfm(), f.implementation());
        assertEquals(0, f.implementation().indexOf("JNA callbacks"), f.implementation());
        assertFalse(new LibcVaListFormatter("jna").usesFfm(), "vsnprintf through JNA");
    }
}
