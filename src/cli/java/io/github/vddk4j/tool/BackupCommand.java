package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.OpenOption;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@code backup <disk> <file>}: the whole disk to a raw file, with throughput and SHA-256. */
final class BackupCommand implements Command {
    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String synopsis() {
        return "backup <disk> <file> [--chunk-mib N] [--force]";
    }

    @Override
    public String summary() {
        return "copy the whole disk to a raw file; prints throughput and SHA-256";
    }

    @Override
    public String details() {
        return "Reads the disk read-only, sequentially, through one page-aligned direct buffer.\n"
                + "Refuses to overwrite <file> unless --force; a partial file is removed on failure.\n"
                + "Example: vddk4j backup /vm/disk.vmdk disk.raw --chunk-mib 8";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.value("chunk-mib", "N", "read size in MiB, 1..64 (default 4)"),
                OptionSpec.flag("force", "overwrite <file> if it exists"));
    }

    @Override
    public int run(ParsedArgs args, CliContext cli) throws Exception {
        List<String> p = args.requirePositionals("disk", "file");
        int chunk = (int) (args.longValue("chunk-mib", 4, 1, 64) * Units.MIB);
        Path file = cli.path(p.get(1));
        try (VddkSession s = VddkSession.open(cli, true);
             DiskHandle h = s.open(p.get(0), OpenOption.READ_ONLY)) {
            TransferResult r = backup(h, file, chunk, args.has("force"));
            cli.out().println("backup " + p.get(0) + " -> " + file);
            cli.out().println("  transport " + h.transportModeName() + ", " + r.summary());
            cli.out().println("  sha256    " + r.sha256Hex());
        }
        return ExitCode.OK;
    }

    /**
     * Copies the whole disk into {@code file} (created; replaced only with {@code overwrite}). On
     * failure the file this call created or truncated is removed; an existing file that was not
     * to be overwritten is never touched.
     */
    static TransferResult backup(DiskHandle disk, Path file, int chunkBytes, boolean overwrite) throws IOException {
        StandardOpenOption create = overwrite ? StandardOpenOption.CREATE : StandardOpenOption.CREATE_NEW;
        FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, create, StandardOpenOption.TRUNCATE_EXISTING);
        boolean ok = false;
        try (out) {
            TransferResult r = DiskTransfers.read(disk, disk.capacitySectors() * DiskHandle.SECTOR_SIZE, chunkBytes, out);
            out.force(true);
            ok = true;
            return r;
        } finally {
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
    }
}
