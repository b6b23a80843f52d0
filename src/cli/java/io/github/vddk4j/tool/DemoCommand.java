package io.github.vddk4j.tool;

import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Connection;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.OpenOption;
import io.github.vddk4j.jna.LoadedVixDiskLib;
import io.github.vddk4j.jna.VixDiskLibLoader;
import io.github.vddk4j.testkit.VixDiskLibStub;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.List;

/**
 * {@code demo}: the whole library against the bundled stub, self-contained. Creates two disks
 * through the stub's control API, writes a pattern, then info, backup, restore into the second
 * disk, verification of every checksum, and a read benchmark; removes everything it created.
 */
final class DemoCommand implements Command {
    static final long DISK_SECTORS = 64L * 1024 * 1024 / DiskHandle.SECTOR_SIZE; // 64 MiB
    static final int CHUNK_BYTES = 1 << 20;
    static final long PATTERN_SEED = 0x5EED_DDC4_0000_0001L;
    /** {@code VIXDISKLIB_ADAPTER_SCSI_LSILOGIC}. */
    private static final int ADAPTER_SCSI_LSILOGIC = 3;

    /** Finds the stub control API of the library in a directory (replaceable in tests). */
    @FunctionalInterface
    interface StubAccess {
        /** The control API and the loaded library's path. */
        Stub load(Path libDir);
    }

    /** A stub control API bound to the library at {@code path}. */
    record Stub(VixDiskLibStub control, String path) {}

    private final StubAccess stubAccess;

    DemoCommand() {
        this(libDir -> {
            LoadedVixDiskLib loaded = new VixDiskLibLoader().load(libDir);
            return new Stub(VixDiskLibStub.load(loaded.path()), loaded.path());
        });
    }

    DemoCommand(StubAccess stubAccess) {
        this.stubAccess = stubAccess;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String synopsis() {
        return "demo";
    }

    @Override
    public String summary() {
        return "tour against the bundled stub: create, back up, restore, verify, bench";
    }

    @Override
    public String details() {
        return "Needs the vddk4j stub library (its control API creates the disks); everything happens in a\n"
                + "temporary directory that is removed at the end. Exit code 0 only if every checksum matched.\n"
                + "Example: mvn -B -q -DskipTests package && java -jar target/vddk4j.jar demo";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public int run(ParsedArgs args, CliContext cli) throws Exception {
        args.requirePositionals();
        if (cli.global().isRemote()) {
            throw new UsageException(name(), "demo runs on local disks it creates; it takes no --server");
        }
        LibDirResolver.Choice libDir = VddkSession.libDir(cli);
        PrintStream out = cli.out();
        VixDiskLibStub stub = stubControl(libDir);
        Path dir = Files.createTempDirectory("vddk4j-demo-");
        try {
            return runIn(dir, stub, libDir, cli, out);
        } finally {
            deleteRecursively(dir);
            out.println("removed " + dir);
        }
    }

    /** The stub control API of the library in libDir, or a failure saying demo needs the stub. */
    private VixDiskLibStub stubControl(LibDirResolver.Choice libDir) throws CommandFailedException {
        Stub stub = stubAccess.load(libDir.dir());
        try {
            stub.control().VixDiskLibStub_GetCounter("handles");
        } catch (UnsupportedOperationException | UnsatisfiedLinkError e) {
            throw new CommandFailedException("demo needs the vddk4j stub library (it creates its disks with"
                    + " VixDiskLibStub_CreateFlatDisk), but " + stub.path() + " (from " + libDir.source()
                    + ") is not the stub. Build it with 'mvn -DskipTests package' and run from the project"
                    + " directory, or pass --lib-dir target/vddk-stub. The other commands work with real VDDK.");
        }
        return stub.control();
    }

    private int runIn(Path dir, VixDiskLibStub stub, LibDirResolver.Choice libDir, CliContext cli, PrintStream out)
            throws Exception {
        Path diskA = dir.resolve("source.vmdk");
        Path diskB = dir.resolve("restored.vmdk");
        Path rawA = dir.resolve("source.raw");
        Path rawB = dir.resolve("restored.raw");
        long bytes = DISK_SECTORS * DiskHandle.SECTOR_SIZE;

        out.println("vddk4j demo");
        out.println("  library dir  " + libDir.dir() + " (" + libDir.source() + ")");
        out.println("  work dir     " + dir);

        for (Path p : List.of(diskA, diskB)) {
            long err = stub.VixDiskLibStub_CreateFlatDisk(p.toString(), DISK_SECTORS, ADAPTER_SCSI_LSILOGIC);
            if (err != 0) {
                throw new CommandFailedException("VixDiskLibStub_CreateFlatDisk(" + p + ") failed with VixError " + err);
            }
        }
        out.println("1. created     " + diskA.getFileName() + " and " + diskB.getFileName() + ", "
                + Units.bytes(bytes) + " each (stub control API)");

        boolean verified;
        try (DiskLib lib = VddkSession.openLibrary(cli, libDir.dir());
             Connection conn = lib.connect(ConnectParams.local())) {
            out.println("   VDDK " + lib.vddkVersion() + ", transports " + String.join(":", lib.transportModeNames()));

            TransferResult pattern;
            try (DiskHandle a = conn.open(diskA.toString())) {
                pattern = DiskTransfers.writePattern(a, bytes, CHUNK_BYTES, PATTERN_SEED);
            }
            out.println("2. wrote       pattern into " + diskA.getFileName() + ": " + pattern.summary());

            TransferResult backupA;
            try (DiskHandle a = conn.open(diskA.toString(), OpenOption.READ_ONLY)) {
                out.println("3. info        " + diskA.getFileName() + ":");
                InfoCommand.print(diskA.getFileName().toString(), a.info(), a.transportModeName(), out, "     ");
                backupA = BackupCommand.backup(a, rawA, CHUNK_BYTES, false);
            }
            out.println("4. backup      " + diskA.getFileName() + " -> " + rawA.getFileName() + ": " + backupA.summary());

            TransferResult restored;
            try (DiskHandle b = conn.open(diskB.toString())) {
                restored = RestoreCommand.restore(rawA, b, CHUNK_BYTES);
            }
            out.println("5. restore     " + rawA.getFileName() + " -> " + diskB.getFileName() + ": " + restored.summary());

            TransferResult backupB;
            try (DiskHandle b = conn.open(diskB.toString(), OpenOption.READ_ONLY)) {
                backupB = BackupCommand.backup(b, rawB, CHUNK_BYTES, false);
            }
            out.println("6. backup      " + diskB.getFileName() + " -> " + rawB.getFileName() + ": " + backupB.summary());

            verified = verify(out, pattern, backupA, restored, backupB)
                    & sameFileContents(out, rawA, rawB);

            try (DiskHandle a = conn.open(diskA.toString(), OpenOption.READ_ONLY)) {
                TransferResult bench = DiskTransfers.read(a, bytes, CHUNK_BYTES, null, false);
                out.println("8. bench       sequential read of " + diskA.getFileName() + ", 1 MiB chunks: "
                        + bench.summary());
            }
        }
        out.println(verified ? "RESULT: OK, every checksum matched" : "RESULT: FAILED, checksums differ");
        return verified ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static boolean verify(PrintStream out, TransferResult pattern, TransferResult backupA,
                                  TransferResult restored, TransferResult backupB) {
        out.println("7. verify      sha256 " + pattern.sha256Hex());
        boolean ok = true;
        ok &= check(out, "written pattern", pattern, pattern);
        ok &= check(out, "backup of source", backupA, pattern);
        ok &= check(out, "data restored", restored, pattern);
        ok &= check(out, "backup of restored disk", backupB, pattern);
        return ok;
    }

    private static boolean check(PrintStream out, String what, TransferResult r, TransferResult expected) {
        boolean same = MessageDigest.isEqual(r.sha256(), expected.sha256()) && r.bytes() == expected.bytes();
        out.printf("   %-24s %s%n", what, same ? "matches" : "DIFFERS: " + r.sha256Hex() + " (" + r.bytes() + " bytes)");
        return same;
    }

    private static boolean sameFileContents(PrintStream out, Path a, Path b) throws IOException {
        boolean same = Files.mismatch(a, b) == -1L;
        out.printf("   %-24s %s%n", "raw files byte for byte", same ? "identical" : "DIFFER");
        return same;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
