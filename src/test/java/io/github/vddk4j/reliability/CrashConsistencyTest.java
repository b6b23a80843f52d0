package io.github.vddk4j.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.Connection;
import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.OpenOption;
import io.github.vddk4j.testsupport.ChildJvm;
import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, crashes: a process killed (SIGKILL) while writing leaves a disk that reopens, read-write,
 * in a new process, and holds at least what was flushed last: every block holds the last flushed
 * version or a later one (old or new, never torn). No temporary config file is left.
 */
class CrashConsistencyTest {
    @TempDir
    Path dir;

    @Test
    void diskWrittenByAKilledProcessReopensConsistentUpToTheLastFlush() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path disk = Stub.createDisk(dir.resolve("crash.vmdk"),
                (long) CrashWriterMain.BLOCKS * CrashWriterMain.BLOCK_SECTORS);
        for (int kill = 1; kill <= 3; kill++) {
            Process p = ChildJvm.start(CrashWriterMain.class, List.of("-Djava.io.tmpdir=" + tmp), disk.toString());
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            long flushed = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("FLUSHED ")) {
                    flushed = Long.parseLong(line.substring(8));
                    if (flushed >= 3L * kill) {
                        break; // mid-pass: the child is writing version flushed + 1 now
                    }
                }
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(flushed > 0, "the child flushed before it was killed");
            try (Connection c = SharedDiskLib.get().connect(ConnectParams.local());
                 DiskHandle d = c.open(disk.toString())) { // read-write: the dead process's lock is gone
                ByteBuffer buf = ByteBuffer.allocateDirect(CrashWriterMain.BLOCK_SECTORS * 512);
                for (int b = 0; b < CrashWriterMain.BLOCKS; b++) {
                    buf.clear();
                    d.read((long) b * CrashWriterMain.BLOCK_SECTORS, buf);
                    buf.flip();
                    long version = buf.getLong(0);
                    assertTrue(version >= flushed, "kill " + kill + ", block " + b + ": version " + version
                            + " is older than the last flush (" + flushed + ")");
                    assertEquals(CrashWriterMain.pattern(ByteBuffer.allocateDirect(buf.capacity()), b, version), buf,
                            "kill " + kill + ", block " + b + " is torn");
                }
            }
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.filter(f -> f.getFileName().toString().endsWith(".conf")).toList());
            }
        }
        try (Connection c = SharedDiskLib.get().connect(ConnectParams.local());
             DiskHandle d = c.open(disk.toString(), OpenOption.READ_ONLY)) {
            assertEquals((long) CrashWriterMain.BLOCKS * CrashWriterMain.BLOCK_SECTORS, d.capacitySectors());
        }
    }
}
