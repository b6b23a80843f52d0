package io.github.vddk4j.logging;

import io.github.vddk4j.jna.StubTestSupport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PanicPolicy.HaltJvm} halts the process right after the panic message is logged (child JVM). */
class PanicHaltJvmTest {
    @Test
    void haltJvmPolicyLogsThePanicThenHaltsWithItsStatusWithoutShutdownHooks() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(java, "-cp", cp, PanicHaltJvmMain.class.getName(),
                StubTestSupport.libDir().toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ended");
        assertEquals(71, p.exitValue(), out);
        assertTrue(out.contains("sink PANIC: " + StubTestSupport.expectedTestLog(0, 0, 3)), out);
        assertFalse(out.contains("panic returned"), out);
        assertFalse(out.contains("shutdown hook ran"), out);
    }
}
