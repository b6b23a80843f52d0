package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.jna.VixDiskLibLoader;
import io.github.vddk4j.jna.VixDiskLibStub;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each CLI command in-process against the stub, through Main (exit codes and output). */
class CommandsEndToEndTest {
    private static final long SECTORS = 4096; // 2 MiB

    @TempDir
    Path cwd;

    private final String libDir = System.getProperty("vddk4j.test.libDir");
    private VixDiskLibStub stub;

    @BeforeEach
    void createDisk() {
        stub = new VixDiskLibLoader().load(Path.of(libDir)).stubControl();
        assertEquals(0, stub.VixDiskLibStub_CreateFlatDisk(cwd.resolve("disk.vmdk").toString(), SECTORS, 3));
    }

    @AfterEach
    void nothingLeftOpen() {
        assertEquals(0, stub.VixDiskLibStub_GetCounter("handles"));
        assertEquals(0, stub.VixDiskLibStub_GetCounter("connections"));
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--lib-dir";
        all[args.length + 1] = libDir;
        return CliRun.standardInChildJvm(cwd, Map.of(), Map.of(), "", all);
    }

    private static String sha256(byte[] data) throws Exception {
        return Units.hex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] pattern(long bytes, long seed) {
        ByteBuffer b = ByteBuffer.allocate((int) bytes);
        DiskTransfers.fillPattern(b, 0, seed);
        return b.array();
    }

    @Test
    void infoPrintsCapacityAdapterAndTransport() {
        CliRun r = run("info", "disk.vmdk");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("capacity:        4096 sectors, 2.0 MiB (2097152 bytes)"), r.toString());
        assertTrue(r.out().contains("adapter:         SCSI_LSILOGIC"), r.toString());
        assertTrue(r.out().contains("transport:       file"), r.toString());
    }

    @Test
    void restoreThenDumpShowsTheRestoredBytesAtTheirOffset() throws Exception {
        byte[] data = new byte[(int) SECTORS * 512];
        byte[] text = "vddk4j was here".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, data, 3 * 512, text.length);
        Files.write(cwd.resolve("in.raw"), data);

        CliRun restore = run("restore", "in.raw", "disk.vmdk");
        assertEquals(0, restore.exitCode(), restore.toString());
        assertTrue(restore.out().contains("sha256    " + sha256(data)), restore.toString());

        CliRun dump = run("dump", "disk.vmdk", "--sector", "3", "--count", "2");
        assertEquals(0, dump.exitCode(), dump.toString());
        String first = dump.out().lines().findFirst().orElseThrow();
        assertEquals("0000000000000600  76 64 64 6b 34 6a 20 77  61 73 20 68 65 72 65 00  |vddk4j was here.|", first);
        assertTrue(dump.out().contains("*"), dump.toString());
        assertTrue(dump.out().strip().endsWith("0000000000000a00"), dump.toString());
    }

    @Test
    void backupWritesTheWholeDiskAndPrintsItsSha256() throws Exception {
        byte[] data = pattern(SECTORS * 512, 42);
        Files.write(cwd.resolve("in.raw"), data);
        assertEquals(0, run("restore", "in.raw", "disk.vmdk").exitCode());

        CliRun r = run("backup", "disk.vmdk", "out.raw", "--chunk-mib", "1");
        assertEquals(0, r.exitCode(), r.toString());
        assertArrayEquals(data, Files.readAllBytes(cwd.resolve("out.raw")));
        assertTrue(r.out().contains("sha256    " + sha256(data)), r.toString());
        assertTrue(r.out().contains("MiB/s"), r.toString());
    }

    @Test
    void backupRefusesToOverwriteWithoutForce() throws IOException {
        Files.writeString(cwd.resolve("out.raw"), "precious");
        CliRun r = run("backup", "disk.vmdk", "out.raw");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("file already exists"), r.toString());
        assertEquals("precious", Files.readString(cwd.resolve("out.raw")));
        assertEquals(0, run("backup", "disk.vmdk", "out.raw", "--force").exitCode());
        assertEquals(SECTORS * 512, Files.size(cwd.resolve("out.raw")));
    }

    @Test
    void restoreOfAFileOfTheWrongSizeWritesNothing() throws Exception {
        byte[] data = pattern(SECTORS * 512, 7);
        Files.write(cwd.resolve("in.raw"), data);
        assertEquals(0, run("restore", "in.raw", "disk.vmdk").exitCode());
        Files.write(cwd.resolve("short.raw"), new byte[512]);

        CliRun r = run("restore", "short.raw", "disk.vmdk");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("size mismatch") && r.err().contains("nothing was written"), r.toString());
        assertEquals(0, run("backup", "disk.vmdk", "check.raw").exitCode());
        assertArrayEquals(data, Files.readAllBytes(cwd.resolve("check.raw")));
    }

    @Test
    void benchReportsReadAndWithWriteAlsoWriteThroughput() {
        CliRun read = run("bench", "disk.vmdk", "--chunk-kib", "256");
        assertEquals(0, read.exitCode(), read.toString());
        assertTrue(read.out().contains("read   2.0 MiB"), read.toString());
        assertFalse(read.out().contains("write  "), read.toString());

        CliRun write = run("bench", "disk.vmdk", "--mib", "1", "--write");
        assertEquals(0, write.exitCode(), write.toString());
        assertTrue(write.out().contains("write  1.0 MiB"), write.toString());
        assertTrue(write.out().contains("read   1.0 MiB"), write.toString());
    }

    @Test
    void benchBeyondTheDiskFailsAndOddChunkIsAUsageError() {
        CliRun r = run("bench", "disk.vmdk", "--mib", "3");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("more than the disk holds"), r.toString());
        assertEquals(2, run("bench", "disk.vmdk", "--chunk-kib", "6").exitCode());
    }

    @Test
    void dumpPastTheEndFails() {
        CliRun r = run("dump", "disk.vmdk", "--sector", "4095", "--count", "2");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("past the end of the disk (4096 sectors)"), r.toString());
    }

    @Test
    void missingDiskIsAVddkFailureWithItsErrorCode() {
        CliRun r = run("info", "missing.vmdk");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("VixDiskLib_Open") && r.err().contains("VIX_E_FILE_NOT_FOUND"), r.toString());
    }

    @Test
    void configFileIsValidatedBeforeVddkStartsAndUsedWhenValid() throws IOException {
        Files.writeString(cwd.resolve("bad.conf"), "vixDiskLib.transport.LogLevel=3\nvixDiskLib.nfc.LogLevel=9\n");
        long initExBefore = stub.VixDiskLibStub_GetCounter("initEx");
        CliRun bad = run("info", "disk.vmdk", "--config", "bad.conf");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("line 2") && bad.err().contains("from 0 to 4"), bad.toString());
        assertEquals(initExBefore, stub.VixDiskLibStub_GetCounter("initEx"), "InitEx must not run with a bad config");

        Files.writeString(cwd.resolve("good.conf"), "vixDiskLib.transport.LogLevel=3\n");
        assertEquals(0, run("info", "disk.vmdk", "--config", "good.conf").exitCode());
    }

    @Test
    void libraryDirectoryWithoutVddkIsAFailureListingWhatWasTried() throws IOException {
        Path empty = Files.createDirectory(cwd.resolve("empty"));
        CliRun r = CliRun.standardInChildJvm(cwd, Map.of(), Map.of(), "", "info", "disk.vmdk", "--lib-dir", empty.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains(empty.toString()), r.toString());
    }

    @Test
    void bundledStubIsTheDefaultLibraryDirectory() throws IOException {
        Path project = Path.of(libDir).getParent().getParent(); // <project>/target/vddk-stub
        CliRun r = CliRun.standardInChildJvm(project, Map.of(), Map.of(), "", "info", cwd.resolve("disk.vmdk").toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void remoteBackupOverNbdFromAnEmulatedVcenter() throws Exception {
        Path ds = Files.createDirectory(cwd.resolve("ds1"));
        Path state = Files.createDirectory(cwd.resolve("state"));
        assertEquals(0, stub.VixDiskLibStub_CreateFlatDisk(ds.resolve("vm42.vmdk").toString(), SECTORS, 3));
        // the CLI runs in its own process: its stub learns the emulated vCenter from an environment file
        Path world = Files.writeString(cwd.resolve("world.env"),
                "server vc.test kind=vcenter thumbprint=AA:BB:CC state=" + state + " transports=nbdssl:nbd\n"
                        + "user vc.test backup s3cret\n"
                        + "datastore vc.test ds1 " + ds + " san=0\n"
                        + "vm vc.test vm-42 poweredOn=0\n");

        CliRun r = CliRun.standardInChildJvm(cwd, Map.of("VC_PASSWORD", "s3cret", "VIXDISKLIBSTUB_ENV", world.toString()), Map.of(), "",
                "backup", "[ds1] vm42.vmdk", "remote.raw", "--lib-dir", libDir, "--server", "vc.test",
                "--user", "backup", "--password-env", "VC_PASSWORD", "--thumbprint", "AA:BB:CC",
                "--vm", "vm-42", "--transports", "nbd");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("transport nbd"), r.toString());
        assertFalse(r.out().contains("s3cret") || r.err().contains("s3cret"), r.toString());
        assertEquals(SECTORS * 512, Files.size(cwd.resolve("remote.raw")));

        CliRun wrongPassword = CliRun.standardInChildJvm(cwd, Map.of("VIXDISKLIBSTUB_ENV", world.toString()), Map.of(), "nope\n",
                "info", "[ds1] vm42.vmdk", "--lib-dir", libDir, "--server", "vc.test",
                "--user", "backup", "--password-stdin", "--thumbprint", "AA:BB:CC", "--vm", "vm-42");
        assertEquals(1, wrongPassword.exitCode(), wrongPassword.toString());
        assertFalse(wrongPassword.err().contains("nope"), wrongPassword.toString());
    }
}
