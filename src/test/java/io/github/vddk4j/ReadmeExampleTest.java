package io.github.vddk4j;

import org.junit.jupiter.api.Tag;
import io.github.vddk4j.testsupport.OwnJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short example of README.md and docs/api.md, run as written against the stub. The lines
 * between the markers are the example; {@link #docsShowTheExampleExactly()} keeps docs/api.md in sync.
 */
@Tag(OwnJvm.TAG)
@ExtendWith(StubLeakCheck.class)
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void readmeExampleConnectsOpensWritesReadsAndCloses() {
        Path libDir = Stub.libDir();
        String diskPath = Stub.createDisk(tmp.resolve("disk.vmdk"), 2048).toString();
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // README example begin
            try (DiskLib lib = DiskLib.builder().libDir(libDir).open();   // VixDiskLib_InitEx ... Exit
                 Connection conn = lib.connect(ConnectParams.local());    // ConnectEx ... Disconnect
                 DiskHandle disk = conn.open(diskPath)) {                 // Open ... Close
                ByteBuffer buf = disk.allocateBuffer(64 * 1024);          // direct, page-aligned
                buf.put("hello, disk".getBytes(StandardCharsets.UTF_8)).clear();
                disk.write(0, buf);                                       // sectors 0..127
                disk.flush();

                ByteBuffer back = disk.allocateBuffer(64 * 1024);
                disk.read(0, back);                                       // zero-copy into back
                back.flip();
                System.out.println(disk.info().capacityBytes() + " bytes via " + disk.transportMode()
                        + ": " + StandardCharsets.UTF_8.decode(back.limit(11)));
            }
            // README example end
        } finally {
            System.setOut(stdout);
        }
        // (logback's console appender writes to System.out too: look for the example's own line)
        assertTrue(printed.toString(StandardCharsets.UTF_8).lines()
                        .anyMatch("1048576 bytes via file: hello, disk"::equals),
                printed.toString(StandardCharsets.UTF_8));
        assertEquals(0, Stub.counter("handles"));
        assertEquals(0, Stub.counter("connections"));
        assertEquals(Stub.counter("initEx"), Stub.counter("exit"));
    }

    @Test
    void docsShowTheExampleExactly() throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/io/github/vddk4j/ReadmeExampleTest.java"));
        int begin = indexOf(source, "// README example begin");
        int end = indexOf(source, "// README example end");
        String indent = source.get(begin + 1).substring(0, source.get(begin + 1).indexOf("try"));
        StringBuilder example = new StringBuilder();
        for (String line : source.subList(begin + 1, end)) {
            example.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
        }
        String docs = Files.readString(Path.of("docs/api.md"));
        assertTrue(docs.contains(example), "docs/api.md must contain the README example exactly:\n" + example);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker not found: " + marker);
    }
}
