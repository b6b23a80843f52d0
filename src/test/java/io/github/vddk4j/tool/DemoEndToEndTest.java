package io.github.vddk4j.tool;

import org.junit.jupiter.api.extension.ExtendWith;
import io.github.vddk4j.testsupport.OwnJvmPerTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.jna.VixDiskLibLoader;
import io.github.vddk4j.jna.VixDiskLibStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vddk4j demo} in-process against the stub: exit 0, a readable report, nothing left behind. */
@ExtendWith(OwnJvmPerTest.class)
class DemoEndToEndTest {
    @TempDir
    Path cwd;

    @Test
    void demoVerifiesEveryChecksumExitsZeroAndRemovesItsDirectory() {
        String libDir = System.getProperty("vddk4j.test.libDir");
        CliRun r = CliRun.run(Main.standard(), cwd, Map.of(), Map.of(), "", "demo", "--lib-dir", libDir);

        assertEquals(0, r.exitCode(), r.toString());
        String out = r.out();
        for (String step : new String[] {"1. created", "2. wrote", "3. info", "4. backup", "5. restore",
                "6. backup", "7. verify", "8. bench"}) {
            assertTrue(out.contains(step), "missing step '" + step + "'\n" + r);
        }
        assertTrue(out.contains("capacity:        131072 sectors"), r.toString());
        assertTrue(out.contains("transport:       file"), r.toString());
        assertEquals(4, count(out, " matches"), r.toString());
        assertTrue(out.contains("raw files byte for byte  identical"), r.toString());
        assertFalse(out.contains("DIFFER"), r.toString());
        assertTrue(out.contains("RESULT: OK, every checksum matched"), r.toString());
        assertTrue(Pattern.compile("\\d+\\.\\d MiB/s").matcher(out).find(), r.toString());

        Matcher removed = Pattern.compile("removed (\\S+)").matcher(out);
        assertTrue(removed.find(), r.toString());
        assertFalse(Files.exists(Path.of(removed.group(1))), "demo left " + removed.group(1) + " behind");

        VixDiskLibStub stub = new VixDiskLibLoader().load(Path.of(libDir)).stubControl();
        assertEquals(0, stub.VixDiskLibStub_GetCounter("handles"), "open handles after demo");
        assertEquals(0, stub.VixDiskLibStub_GetCounter("connections"), "open connections after demo");
        assertEquals(0, stub.VixDiskLibStub_GetCounter("infos"), "unfreed GetInfo results after demo");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
