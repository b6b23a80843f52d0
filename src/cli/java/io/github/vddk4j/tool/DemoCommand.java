package io.github.vddk4j.tool;

import io.github.vddk4j.AccessLease;
import io.github.vddk4j.BlockRange;
import io.github.vddk4j.CleanupResult;
import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Connection;
import io.github.vddk4j.CreateSpec;
import io.github.vddk4j.Credentials;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.DiskType;
import io.github.vddk4j.testkit.StubControl;
import io.github.vddk4j.testkit.StubDistribution;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: a whole backup against an emulated vCenter in a temporary directory: a sparse
 * 2 GiB disk with some data, PrepareForAccess, a connection with VDDK's default transport
 * priority, a backup of the allocated blocks only (with progress on a terminal), verification,
 * EndAccess, Cleanup; everything it created is removed at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "A whole backup story against an emulated vCenter (needs the stub VDDK; no arguments).")
final class DemoCommand extends CliCommand {
    static final long DISK_BYTES = 2L << 30;
    static final long[] DATA_AT = {0, 512L << 20, (3L << 30) / 2};
    static final int DATA_BYTES = 8 << 20;
    static final String SERVER = "vcenter.demo.invalid";
    static final String VM = "vm-42";
    static final String USER = "backup@vsphere.local";

    @Option(names = {"--libdir", "--lib-dir"}, paramLabel = "DIR", description = "the stub's distribution directory (default as for every command)")
    Path libDir;

    @Option(names = "--verbose", description = "also print VDDK's informational log messages")
    boolean verbose;

    @Option(names = "--json", description = "print one JSON object at the end instead of the story")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ConnectionOptions options = new ConnectionOptions();
        options.libDir = libDir;
        options.verbose = verbose;
        LibDirResolver.Choice choice = VddkSession.libDir(cli, options);
        StubControl stub;
        try {
            stub = StubControl.of(choice.dir().toAbsolutePath());
        } catch (RuntimeException | LinkageError e) {
            throw new CommandFailedException("demo needs the vddk4j stub VDDK (it emulates the vCenter), but "
                    + choice.dir() + " (" + choice.source() + ") is not the stub: " + e.getMessage()
                    + ". The other commands work with real VDDK.");
        }
        Path dir = Files.createTempDirectory("vddk4j-demo-");
        PrintStream out = json ? new PrintStream(PrintStream.nullOutputStream()) : cli.out();
        try {
            return story(dir, stub, choice, options, out);
        } finally {
            StubDistribution.deleteRecursively(dir);
            out.println("removed " + dir);
        }
    }

    private int story(Path dir, StubControl stub, LibDirResolver.Choice choice, ConnectionOptions options, PrintStream out)
            throws Exception {
        Path datastore = Files.createDirectories(dir.resolve("datastore1"));
        Files.createDirectories(datastore.resolve(VM));
        Path state = Files.createDirectories(dir.resolve("vcenter-state"));
        Path image = dir.resolve("vm-42-disk.raw");
        char[] password = randomPassword();
        String thumbprint = randomThumbprint();
        stub.defineVcenter(SERVER, thumbprint, null, state);
        stub.addUser(SERVER, USER, new String(password));
        stub.addDatastore(SERVER, "datastore1", datastore, false);
        stub.addVm(SERVER, VM, false);

        out.println("vddk4j demo: a backup against an emulated vCenter");
        out.println("  library     " + choice.dir() + " (" + choice.source() + ")");
        out.println("  work dir    " + dir);
        out.println("  vCenter     " + SERVER + " (emulated by the stub), VM " + VM + ", datastore1 -> " + datastore);

        ImageCopy.Result backup;
        VerifyCommand.Outcome verified;
        CleanupResult cleanup;
        long allocated;
        String transport;
        try (DiskLib lib = VddkSession.openLibrary(cli, options, choice.dir())) {
            String localPath = datastore.resolve(VM).resolve("disk.vmdk").toString();
            try (Connection local = lib.connect(ConnectParams.local())) {
                local.diskManager().create(localPath, CreateSpec.builder(DiskType.MONOLITHIC_SPARSE,
                        DISK_BYTES / DiskHandle.SECTOR_SIZE).build());
                try (DiskHandle h = local.open(localPath)) {
                    ByteBuffer buf = h.allocateBuffer(DATA_BYTES);
                    for (long at : DATA_AT) {
                        DiskTransfers.fillPattern(buf.clear(), at, 42);
                        h.write(at / DiskHandle.SECTOR_SIZE, buf.flip());
                    }
                    h.flush();
                }
            }
            out.println("1. created    sparse " + Units.short_(DISK_BYTES) + " disk [datastore1] " + VM + "/disk.vmdk with "
                    + DATA_AT.length + " x " + Units.short_(DATA_BYTES) + " of data");

            ConnectParams params = ConnectParams.remote(SERVER).vmMoref(VM).thumbprint(thumbprint)
                    .credentials(Credentials.userPassword(USER, password)).readOnly(true).build();
            java.util.Arrays.fill(password, '\0');
            try (AccessLease lease = lib.prepareForAccess(params, "vddk4j-demo")) {
                out.println("2. prepared   access to " + VM + " (PrepareForAccess: vCenter will not relocate it)");
                try (Connection conn = lib.connect(params);
                     DiskHandle h = conn.open("[datastore1] " + VM + "/disk.vmdk", io.github.vddk4j.OpenOption.READ_ONLY)) {
                    transport = h.transportModeName();
                    out.println("3. connected  to " + SERVER + " with VDDK's default transport order ("
                            + String.join(":", lib.transportModeNames()) + "); VDDK chose " + transport);
                    List<BlockRange> ranges = ImageCopy.dataRanges(h, true);
                    allocated = Reports.bytes(ranges);
                    try (OutputTarget target = OutputTarget.open(cli, image.toString(), false, DISK_BYTES)) {
                        Progress progress = Progress.start(cli, "backup", DISK_BYTES);
                        backup = ImageCopy.copy(h, ranges, target, 4 << 20, progress);
                        progress.done();
                        target.commit();
                    }
                    BackupCommand.writeChecksum(image.resolveSibling(image.getFileName() + ".sha256"),
                            Units.hex(backup.sha256()), image.getFileName().toString());
                    out.println("4. backed up  " + Units.bytes(allocated) + " allocated in " + ranges.size() + " ranges of "
                            + Units.short_(DISK_BYTES) + " -> " + image.getFileName() + " (sparse file, "
                            + Units.short_(Files.size(image)) + " apparent size) in " + Units.seconds(backup.nanos()) + ", "
                            + Units.rate(backup.imageBytes(), backup.nanos()));
                    out.println("              (page-cache speed: the stub reads local files; real VDDK over a network is slower)");
                    verified = VerifyCommand.compare(h, image, cli);
                    out.println("5. verified   the image against the disk byte for byte and against its .sha256: "
                            + (verified.matches() ? "match" : "DIFFERS"));
                }
            }
            out.println("6. ended      access (EndAccess)");
            cleanup = lib.cleanup(params);
            out.println("7. cleanup    " + cleanup.numCleanedUp() + " cleaned up, " + cleanup.numRemaining() + " remaining");
        }
        boolean ok = verified.matches() && stub.accessRecords(SERVER) == 0;
        out.println(ok ? "RESULT: OK" : "RESULT: FAILED");
        if (json) {
            cli.out().println(Json.toJson(Reports.object("ok", ok, "diskBytes", DISK_BYTES, "allocatedBytes", allocated,
                    "transport", transport, "sha256", Units.hex(backup.sha256()), "verified", verified.matches(),
                    "backup", Reports.transfer(backup.imageBytes(), backup.nanos()),
                    "cleanup", Reports.object("cleanedUp", cleanup.numCleanedUp(), "remaining", cleanup.numRemaining()))));
        }
        return ok ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static char[] randomPassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b).toCharArray();
    }

    private static String randomThumbprint() {
        byte[] b = new byte[20];
        new SecureRandom().nextBytes(b);
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(b);
    }
}
