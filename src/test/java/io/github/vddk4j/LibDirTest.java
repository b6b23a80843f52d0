package io.github.vddk4j;

import io.github.vddk4j.testsupport.OwnJvmPerTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.VddkLogSink;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** InitEx always gets the distribution root as libDir, whichever folder the caller named. */
@ExtendWith(OwnJvmPerTest.class)
@ExtendWith(StubLeakCheck.class)
class LibDirTest {

    private static List<String> initLog(java.nio.file.Path libDir) {
        List<String> lines = new CopyOnWriteArrayList<>();
        VddkLogSink sink = new VddkLogSink() {
            @Override
            public boolean isEnabled(LogChannel channel) {
                return true;
            }

            @Override
            public void accept(LogChannel channel, String message) {
                lines.add(message);
            }
        };
        try (DiskLib lib = DiskLib.builder().libDir(libDir).logSink(sink).open()) {
            assertEquals(8, lib.vddkVersion());
        }
        return lines;
    }

    @Test
    void distributionRootIsPassedToInitEx() {
        List<String> log = initLog(Stub.libDir());
        assertTrue(log.contains("VixDiskLib: looking for plugins in " + Stub.libDir().resolve("lib64")), log.toString());
    }

    @Test
    void lib64GivenAsLibDirStillPassesTheRootToInitEx() {
        List<String> log = initLog(Stub.libDir().resolve("lib64"));
        assertTrue(log.contains("VixDiskLib: looking for plugins in " + Stub.libDir().resolve("lib64")), log.toString());
    }
}
