package io.github.vddk4j.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.testsupport.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, defect 7: a killed process leaves no temporary config file behind, and old ones are swept. */
class TempConfigLeftoversTest {
    @TempDir
    Path tmp;

    private List<Path> configFiles() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".conf")).toList();
        }
    }

    @Test
    void processKilledWhileItsDiskLibIsOpenLeavesNoTemporaryConfigFile() throws Exception {
        int kills = 3;
        for (int i = 0; i < kills; i++) {
            Process p = ChildJvm.start(KilledWithConfigMain.class, List.of("-Djava.io.tmpdir=" + tmp));
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("open ")) {
                // skip other output
            }
            assertTrue(line != null, "the child opened its DiskLib");
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(List.of(), configFiles(), "kill " + (i + 1) + " left a config file");
        }
    }

    @Test
    void writingATempFileSweepsTheFilesOfDeadProcessesOnly() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long deadPid = gone.pid();
        Path dead = Files.writeString(tmp.resolve("vddk4j-" + deadPid + "-123.conf"), "x=1\n");
        Path live = Files.writeString(tmp.resolve("vddk4j-" + ProcessHandle.current().pid() + "-456.conf"), "x=1\n");
        Path other = Files.writeString(tmp.resolve("vddk4j-notapid.conf"), "x=1\n");
        Path written = VddkConfig.builder().transportLogLevel(1).build().writeTempFile(tmp);
        assertFalse(Files.exists(dead), "a dead process's file is swept");
        assertTrue(Files.exists(live), "a live process's file is kept");
        assertTrue(Files.exists(other), "a file that does not follow the naming is kept");
        assertTrue(written.getFileName().toString().startsWith("vddk4j-" + ProcessHandle.current().pid() + "-"));
        assertEquals(0, VddkConfig.deleteStaleTempFiles(tmp));
        for (Path p : List.of(live, other, written)) {
            Files.delete(p);
        }
    }
}
