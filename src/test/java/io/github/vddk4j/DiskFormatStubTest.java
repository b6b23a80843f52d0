package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk formats as a Java caller sees them through the stub (native-stubs/README.md, "Disk
 * formats"): disks qemu wrote, RDONLY extents, adapter types VDDK 9.0 does not map, sparse and
 * delta disks.
 */
@ExtendWith(StubLeakCheck.class)
class DiskFormatStubTest {
    @TempDir
    static Path dir;
    static DiskLib lib;

    @BeforeAll
    static void open() {
        lib = SharedDiskLib.get();
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException notInstalled) {
            return false;
        }
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static byte[] sector(int value) {
        byte[] b = new byte[512];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** qemu ran: else the test is skipped, but fails under CI=true (CI must run the interop tests). */
    private static void requireQemu(boolean ran, String tool) {
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(ran, tool + " did not run and CI=true: install qemu-utils, CI must run the interop tests");
        }
        assumeTrue(ran, tool + " not installed");
    }

    private static byte[] read(DiskHandle d, long sector) {
        ByteBuffer buf = ByteBuffer.allocate(512);
        d.read(sector, buf);
        return buf.array();
    }

    @Test
    void diskWrittenByQemuIoOpensAndShowsQemusData() throws Exception {
        Path disk = dir.resolve("qemu.vmdk");
        requireQemu(run("qemu-img", "create", "-q", "-f", "vmdk", "-o", "subformat=monolithicFlat", disk.toString(),
                "64M"), "qemu-img");
        requireQemu(run("qemu-io", "-f", "vmdk", "-c", "write -P 1 0 512", disk.toString()), "qemu-io");
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            assertEquals(131072, d.info().capacitySectors());
            assertArrayEquals(sector(1), read(d, 0));
            d.write(1, ByteBuffer.wrap(sector(2)));
        }
        assertEquals(true, run("qemu-io", "-f", "vmdk", "-c", "read -P 2 512 512", disk.toString()),
                "qemu-io reads what vddk4j wrote");
    }

    @Test
    void writeToRdonlyExtentFailsWithFileAccessError() throws Exception {
        Files.write(dir.resolve("ro-flat.bin"), new byte[16 * 512]);
        Path disk = Files.writeString(dir.resolve("ro.vmdk"), """
                # Disk DescriptorFile
                version=1
                CID=fffffffe
                parentCID=ffffffff
                createType="monolithicFlat"
                RDONLY 16 FLAT "ro-flat.bin" 0
                """, StandardCharsets.UTF_8);
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            assertEquals(false, d.isReadOnly());
            VddkCallException e = assertThrows(VddkCallException.class, () -> d.write(0, ByteBuffer.wrap(sector(9))));
            assertEquals(13, e.code());
            assertArrayEquals(sector(0), read(d, 0));
        }
    }

    @Test
    void pvscsiAndSasAdaptersReportUnknownAsVddkDoes() throws Exception {
        Files.write(dir.resolve("a-flat.bin"), new byte[512]);
        for (String adapter : List.of("pvscsi", "lsisas1068", "buslogic")) {
            Path disk = Files.writeString(dir.resolve(adapter + ".vmdk"),
                    "version=1\nRW 1 FLAT \"a-flat.bin\" 0\nddb.adapterType = \"" + adapter + "\"\n");
            try (Connection c = lib.connect(ConnectParams.local());
                 DiskHandle d = c.open(disk.toString(), OpenOption.READ_ONLY)) {
                assertEquals(adapter.equals("buslogic") ? AdapterType.SCSI_BUSLOGIC : AdapterType.UNKNOWN,
                        d.info().adapterType(), adapter);
            }
        }
    }

    @Test
    void fileThatIsNotADiskIsRefusedWithInvalidDisk() throws Exception {
        Path notADisk = Files.writeString(dir.resolve("notes.vmdk"), "hello world\n");
        try (Connection c = lib.connect(ConnectParams.local())) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open(notADisk.toString()));
            assertEquals(16063, e.code());
        }
    }

    @Test
    void deltaDiskReadsUnwrittenSectorsFromItsSparseParent() {
        Path parent = Stub.createSparseDisk(dir.resolve("base.vmdk"), 4096);
        try (Connection c = lib.connect(ConnectParams.local())) {
            try (DiskHandle d = c.open(parent.toString())) {
                d.write(5, ByteBuffer.wrap(sector(7)));
                assertEquals(List.of(new BlockRange(0, 128)), d.allocatedBlocks());
            }
            Path child = Stub.createChildDisk(dir.resolve("delta.vmdk"), parent);
            try (DiskHandle d = c.open(child.toString())) {
                DiskInfo info = d.info();
                assertEquals(2, info.numLinks());
                assertEquals(Optional.of("base.vmdk"), info.parentFileNameHint());
                d.write(1000, ByteBuffer.wrap(sector(8)));
                assertArrayEquals(sector(7), read(d, 5));
                assertArrayEquals(sector(8), read(d, 1000));
                assertArrayEquals(sector(0), read(d, 6));
                assertEquals(List.of(new BlockRange(0, 128), new BlockRange(896, 128)), d.allocatedBlocks());
            }
            try (DiskHandle d = c.open(parent.toString(), OpenOption.READ_ONLY)) {
                assertArrayEquals(sector(0), read(d, 1000));
            }
        }
    }
}
