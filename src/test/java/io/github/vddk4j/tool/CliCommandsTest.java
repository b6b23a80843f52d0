package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vddk4j.AdapterType;
import io.github.vddk4j.testkit.StubControl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CLI command against the stub, each run as its own process (as the real CLI runs; VDDK is
 * initialised once per process): exit codes, output, files, and --json parsed as JSON.
 */
class CliCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1 << 20;

    @TempDir
    Path cwd;

    private final Path libDir = Path.of(System.getProperty("vddk4j.test.libDir")).toAbsolutePath();
    private StubControl stub;

    @BeforeEach
    void bindStub() {
        stub = StubControl.of(libDir);
    }

    private CliRun cli(String... args) {
        return cliWith(Map.of(), "", args);
    }

    private CliRun cliWith(Map<String, String> env, String stdin, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--libdir");
        all.add(libDir.toString());
        return CliRun.standardInChildJvm(cwd, env, Map.of(), stdin, all.toArray(new String[0]));
    }

    private static JsonNode json(CliRun r) throws Exception {
        if (r.exitCode() != 0 && (r.err().contains("is not exported by the loaded library")
                || r.err().contains("is not available in the loaded VDDK"))) {
            Assumptions.abort("this stub build lacks a function the command needs: " + r.err().trim());
        }
        assertEquals(0, r.exitCode(), r.toString());
        return JSON.readTree(r.out());
    }

    private Path flatDisk(String name, long bytes) {
        return stub.createFlatDisk(cwd.resolve(name), bytes / 512, AdapterType.SCSI_LSILOGIC);
    }

    private Path sparseDisk(String name, long bytes) {
        return stub.createSparseDisk(cwd.resolve(name), bytes / 512, AdapterType.SCSI_LSILOGIC);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void infoReportsCapacityAdapterAndTransport() throws Exception {
        flatDisk("disk.vmdk", 2 * MIB);
        CliRun text = cli("info", "disk.vmdk");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains("capacity:        4096 sectors, 2.0 MiB (2097152 bytes)"), text.toString());
        JsonNode j = json(cli("info", "disk.vmdk", "--json"));
        assertEquals(4096, j.get("capacitySectors").asLong());
        assertEquals("SCSI_LSILOGIC", j.get("adapter").asText());
        assertEquals("file", j.get("transport").asText());
    }

    @Test
    void fillThenDumpShowsTheBytesAtTheirOffset() throws Exception {
        flatDisk("disk.vmdk", MIB);
        JsonNode fill = json(cli("fill", "disk.vmdk", "--sector", "2", "--count", "1", "--byte", "65", "--json"));
        byte[] a = new byte[512];
        Arrays.fill(a, (byte) 'A');
        assertEquals(sha256(a), fill.get("sha256").asText());
        CliRun dump = cli("dump", "disk.vmdk", "--sector", "2");
        assertEquals(0, dump.exitCode(), dump.toString());
        assertTrue(dump.out().contains("0000000000000400  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|"),
                dump.toString());
    }

    @Test
    void createMakesADiskOfTheGivenSizeAndRedoAChildOverIt() throws Exception {
        JsonNode created = json(cli("create", "new.vmdk", "--capacity", "8M", "--json"));
        assertEquals(8 * MIB, created.get("capacityBytes").asLong());
        assertTrue(Files.exists(cwd.resolve("new.vmdk")));
        assertEquals(8 * MIB / 512, json(cli("info", "new.vmdk", "--json")).get("capacitySectors").asLong());

        json(cli("redo", "new.vmdk", "child.vmdk", "--json"));
        JsonNode child = json(cli("info", "child.vmdk", "--json"));
        assertEquals(2, child.get("numLinks").asInt(), child.toString());
    }

    @Test
    void metaSetGetAndList() throws Exception {
        sparseDisk("disk.vmdk", MIB);
        json(cli("meta", "set", "disk.vmdk", "acme.backup", "gen-7", "--json"));
        assertEquals("gen-7", json(cli("meta", "get", "disk.vmdk", "acme.backup", "--json")).get("value").asText());
        assertEquals("gen-7", json(cli("meta", "list", "disk.vmdk", "--json")).get("metadata").get("acme.backup").asText());
        CliRun missing = cli("meta", "get", "disk.vmdk", "no.such.key");
        assertEquals(1, missing.exitCode(), missing.toString());
    }

    @Test
    void cloneCopiesTheData() throws Exception {
        sparseDisk("src.vmdk", 4 * MIB);
        json(cli("fill", "src.vmdk", "--count", "64", "--seed", "9", "--json"));
        json(cli("clone", "src.vmdk", "dst.vmdk", "--json"));
        JsonNode a = json(cli("backup", "src.vmdk", "a.raw", "--json"));
        JsonNode b = json(cli("backup", "dst.vmdk", "b.raw", "--json"));
        assertEquals(a.get("sha256").asText(), b.get("sha256").asText());
    }

    @Test
    void benchmarksReadAndWriteSyncAndAsync() throws Exception {
        flatDisk("disk.vmdk", 4 * MIB);
        for (String cmd : List.of("readbench", "writebench")) {
            JsonNode sync = json(cli(cmd, "disk.vmdk", "--buffer-kib", "256", "--json"));
            assertEquals("sync", sync.get("mode").asText());
            assertEquals(4 * MIB, sync.get("transfer").get("bytes").asLong());
            JsonNode async = json(cli(cmd, "disk.vmdk", "--async", "--depth", "4", "--buffer-kib", "64", "--json"));
            assertEquals("async", async.get("mode").asText());
            assertEquals(4, async.get("depth").asInt());
            assertEquals(4 * MIB, async.get("transfer").get("bytes").asLong());
        }
    }

    @Test
    void allocatedListsTheWrittenRanges() throws Exception {
        sparseDisk("disk.vmdk", 16 * MIB);
        json(cli("fill", "disk.vmdk", "--sector", "8192", "--count", "128", "--json"));
        JsonNode allocated = json(cli("allocated", "disk.vmdk", "--json"));
        long bytes = allocated.get("allocatedBytes").asLong();
        assertTrue(bytes >= 64 * 1024 && bytes < 16 * MIB, allocated.toString());
        assertTrue(allocated.get("ranges").size() >= 1);
    }

    @Test
    void changedListsTheAreasOfAVddk9Disk() throws Exception {
        // changed areas (VixDiskLib_OpenEx with a change ID) are VDDK 9: the CLI runs on the VDDK 9 stub variant
        Path vddk9 = io.github.vddk4j.testsupport.StubVariant.build(cwd.resolve("vddk9"), 9).toAbsolutePath();
        sparseDisk("disk.vmdk", 16 * MIB);
        json(cli("fill", "disk.vmdk", "--sector", "8192", "--count", "128", "--json"));
        JsonNode changed = json(CliRun.standardInChildJvm(cwd, Map.of(), Map.of(), "",
                "changed", "disk.vmdk", "--change-id", "*", "--json", "--libdir", vddk9.toString()));
        long bytes = changed.get("changedBytes").asLong();
        assertTrue(bytes >= 64 * 1024 && bytes <= 16 * MIB, changed.toString());
        boolean coversTheWrite = false;
        for (JsonNode area : changed.get("areas")) {
            long start = area.get("startSector").asLong();
            coversTheWrite |= start <= 8192 && 8192 + 128 <= start + area.get("numSectors").asLong();
        }
        assertTrue(coversTheWrite, "the written sectors 8192..8319 are in a changed area: " + changed);
    }

    @Test
    void checkReportsAConsistentDisk() throws Exception {
        sparseDisk("disk.vmdk", MIB);
        assertTrue(json(cli("check", "disk.vmdk", "--json")).get("consistent").asBoolean());
    }

    @Test
    void multithreadReadsTheSameDataInEveryThread() throws Exception {
        flatDisk("disk.vmdk", 2 * MIB);
        json(cli("fill", "disk.vmdk", "--json"));
        JsonNode r = json(cli("multithread", "disk.vmdk", "--threads", "3", "--json"));
        assertTrue(r.get("verified").asBoolean());
        assertEquals(3, r.get("results").size());
    }

    @Test
    void backupIsSparseWritesAChecksumAndVerifyAndRestoreAgree() throws Exception {
        sparseDisk("disk.vmdk", 32 * MIB);
        json(cli("fill", "disk.vmdk", "--sector", "2048", "--count", "256", "--seed", "3", "--json"));
        JsonNode backup = json(cli("backup", "disk.vmdk", "disk.raw", "--json"));
        Path raw = cwd.resolve("disk.raw");
        byte[] image = Files.readAllBytes(raw);
        assertEquals(32 * MIB, image.length);
        assertEquals(sha256(image), backup.get("sha256").asText());
        assertTrue(backup.get("readBytes").asLong() < 32 * MIB, "only allocated blocks were read: " + backup);
        assertEquals(backup.get("sha256").asText() + "  disk.raw\n",
                Files.readString(cwd.resolve("disk.raw.sha256"), StandardCharsets.US_ASCII));

        JsonNode verify = json(cli("verify", "disk.vmdk", "disk.raw", "--json"));
        assertTrue(verify.get("matches").asBoolean(), verify.toString());

        sparseDisk("copy.vmdk", 32 * MIB);
        JsonNode restore = json(cli("restore", "disk.raw", "copy.vmdk", "--json"));
        assertEquals(backup.get("sha256").asText(), restore.get("sha256").asText());
        assertTrue(json(cli("verify", "copy.vmdk", "disk.raw", "--json")).get("matches").asBoolean());

        image[2048 * 512 + 100] ^= 1;
        Files.write(raw, image);
        CliRun differs = cli("verify", "disk.vmdk", "disk.raw", "--json");
        assertEquals(1, differs.exitCode(), differs.toString());
        JsonNode d = JSON.readTree(differs.out());
        assertFalse(d.get("matches").asBoolean());
        assertEquals(2048 * 512 + 100, d.get("firstDifferenceByte").asLong());
    }

    @Test
    void backupNeverReplacesWhatItMayNotAndReplacesRegularFilesAtomicallyWithForce() throws Exception {
        flatDisk("disk.vmdk", MIB);
        Path existing = Files.writeString(cwd.resolve("existing.raw"), "keep me");
        CliRun refused = cli("backup", "disk.vmdk", "existing.raw");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("exists; --force replaces it"), refused.toString());
        assertEquals("keep me", Files.readString(existing));

        Path target = Files.writeString(cwd.resolve("target.raw"), "the link's target");
        Path link = Files.createSymbolicLink(cwd.resolve("link.raw"), target.getFileName());
        CliRun viaLink = cli("backup", "disk.vmdk", "link.raw", "--force");
        assertEquals(1, viaLink.exitCode(), viaLink.toString());
        assertTrue(viaLink.err().contains("symbolic link"), viaLink.toString());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("the link's target", Files.readString(target));

        CliRun dir = cli("backup", "disk.vmdk", ".", "--force");
        assertEquals(1, dir.exitCode(), dir.toString());

        json(cli("backup", "disk.vmdk", "existing.raw", "--force", "--json"));
        assertEquals(MIB, Files.size(existing));
        try (var files = Files.list(cwd)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".vddk4j-partial")));
        }
    }

    @Test
    void backupToStandardOutputStreamsTheImage() throws Exception {
        flatDisk("disk.vmdk", MIB);
        json(cli("fill", "disk.vmdk", "--byte", "7", "--json"));
        CliRun r = cli("backup", "disk.vmdk", "-");
        assertEquals(0, r.exitCode(), r.toString());
        byte[] expected = new byte[(int) MIB];
        Arrays.fill(expected, (byte) 7);
        assertArrayEquals(expected, r.out().getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(r.err().contains("sha256 " + sha256(expected)), r.err());
    }

    @Test
    void transportsListsWhatTheLibraryOffers() throws Exception {
        JsonNode j = json(cli("transports", "--json"));
        List<String> modes = new ArrayList<>();
        j.get("transports").forEach(n -> modes.add(n.asText()));
        assertTrue(modes.contains("file"), modes.toString());
        assertTrue(j.get("vddkMajor").asInt() >= 6);
    }

    /** An emulated vCenter (or ESXi host) for a child process, through the stub's environment file. */
    private Map<String, String> emulatedServer(String kind) throws Exception {
        Path state = Files.createDirectories(cwd.resolve("state-" + kind));
        Path ds = Files.createDirectories(cwd.resolve("ds-" + kind));
        stub.createFlatDisk(ds.resolve("vm42.vmdk"), 2048, AdapterType.SCSI_LSILOGIC);
        Path env = Files.writeString(cwd.resolve(kind + ".env"), String.join("\n",
                "server srv-" + kind + " kind=" + kind + " thumbprint=AA:BB:CC state=" + state,
                "user srv-" + kind + " backup S3cr3t-pw",
                "datastore srv-" + kind + " ds1 " + ds,
                "vm srv-" + kind + " vm-42 poweredOn=0", ""));
        return Map.of("VIXDISKLIBSTUB_ENV", env.toString(), "BACKUP_PW", "S3cr3t-pw");
    }

    private static String[] remote(String kind, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--server", "srv-" + kind, "--user", "backup", "--password-env", "BACKUP_PW",
                "--vm", "vm-42", "--thumbprint", "AA:BB:CC"));
        return all.toArray(new String[0]);
    }

    @Test
    void accessPrepareHoldsUntilInputEndsAndEndAndCleanupWork() throws Exception {
        Map<String, String> env = emulatedServer("vcenter");
        CliRun prepare = cliWith(env, "", remote("vcenter", "access", "prepare", "--json"));
        assertEquals(0, prepare.exitCode(), prepare.toString());
        String[] lines = prepare.out().split("\n");
        assertEquals("prepared", JSON.readTree(lines[0]).get("state").asText());
        assertEquals("ended", JSON.readTree(lines[1]).get("state").asText());

        assertEquals("ended", json(cliWith(env, "", remote("vcenter", "access", "end", "--json"))).get("state").asText());
        JsonNode cleanup = json(cliWith(env, "", remote("vcenter", "cleanup", "--json")));
        assertEquals(0, cleanup.get("remaining").asLong());
        assertFalse(prepare.toString().contains("S3cr3t-pw"));
    }

    @Test
    void accessAgainstEsxiFailsWithTheVixErrorAndAHint() throws Exception {
        Map<String, String> env = emulatedServer("esxi");
        CliRun r = cliWith(env, "", remote("esxi", "access", "prepare"));
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: VixDiskLib_PrepareForAccess failed"), r.toString());
        assertTrue(r.err().matches("(?s).*VIX_E_[A-Z_]+ \\(\\d+\\).*"), r.toString());
        assertTrue(r.err().contains("hint: PrepareForAccess and EndAccess need vCenter"), r.toString());
    }

    @Test
    void aWrongThumbprintGetsTheThumbprintHint() throws Exception {
        Map<String, String> env = emulatedServer("vcenter");
        List<String> args = new ArrayList<>(Arrays.asList(remote("vcenter", "info", "[ds1] vm42.vmdk")));
        args.set(args.indexOf("AA:BB:CC"), "DE:AD:00");
        CliRun r = cliWith(env, "", args.toArray(new String[0]));
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("hint: VDDK reports a wrong or missing server thumbprint"), r.toString());
    }

    @Test
    void remoteInfoWorksWithAPasswordFile() throws Exception {
        Map<String, String> env = emulatedServer("vcenter");
        Files.writeString(cwd.resolve("pw.txt"), "S3cr3t-pw\n");
        List<String> args = new ArrayList<>(Arrays.asList(remote("vcenter", "info", "[ds1] vm42.vmdk", "--json")));
        int i = args.indexOf("--password-env");
        args.set(i, "--password-file");
        args.set(i + 1, "pw.txt");
        JsonNode j = json(cliWith(env, "", args.toArray(new String[0])));
        assertEquals(2048, j.get("capacitySectors").asLong());
        assertNotEquals("file", j.get("transport").asText());
    }

    @Test
    void aStoppedBackupRemovesItsPartialImageAndNothingElse() throws Exception {
        Path state = Files.createDirectories(cwd.resolve("state"));
        Path ds = Files.createDirectories(cwd.resolve("ds"));
        stub.createFlatDisk(ds.resolve("big.vmdk"), 128 * MIB / 512, AdapterType.SCSI_LSILOGIC);
        Path env = Files.writeString(cwd.resolve("slow.env"), String.join("\n",
                "server slow kind=vcenter state=" + state + " latencyMs=100",
                "user slow backup pw", "datastore slow ds1 " + ds, "vm slow vm-42 poweredOn=0", ""));
        Process p = CliRun.childJvm(cwd, Map.of("VIXDISKLIBSTUB_ENV", env.toString(), "PW", "pw"), Map.of(),
                "backup", "[ds1] big.vmdk", "big.raw", "--full", "--chunk-mib", "1", "--libdir", libDir.toString(),
                "--server", "slow", "--user", "backup", "--password-env", "PW", "--vm", "vm-42").start();
        var err = CliRun.drain(p.getErrorStream());
        CliRun.drain(p.getInputStream());
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (partials().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(partials().isEmpty(), "the backup started writing its partial image");
        // Ctrl-C: SIGINT to the CLI's process
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(ExitCode.INTERRUPTED, p.exitValue());
        assertTrue(err.join().contains("interrupted; cleaned up"), err.join());
        assertEquals(List.of(), partials(), "partial image removed");
        assertFalse(Files.exists(cwd.resolve("big.raw")));
        assertTrue(Files.exists(ds.resolve("big.vmdk")));
    }

    private List<Path> partials() throws Exception {
        try (var files = Files.list(cwd)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".vddk4j-partial")).toList();
        }
    }

    @Test
    void demoTellsTheWholeBackupStoryAndVerifies() throws Exception {
        JsonNode j = json(cli("demo", "--json"));
        assertTrue(j.get("ok").asBoolean(), j.toString());
        assertTrue(j.get("verified").asBoolean());
        assertTrue(j.get("allocatedBytes").asLong() < j.get("diskBytes").asLong());
        CliRun text = cli("demo");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains("page-cache speed"), text.out());
        assertTrue(text.out().contains("RESULT: OK"), text.out());
    }
}
