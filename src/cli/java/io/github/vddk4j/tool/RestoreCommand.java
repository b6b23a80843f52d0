package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@code restore <file> <disk>}: a raw file into an existing disk of the same size. */
final class RestoreCommand implements Command {
    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String synopsis() {
        return "restore <file> <disk> [--chunk-mib N]";
    }

    @Override
    public String summary() {
        return "write a raw file into an existing disk of the same size";
    }

    @Override
    public String details() {
        return "Checks that the file's size equals the disk's capacity before writing anything,\n"
                + "writes from sector 0, flushes, and prints throughput and the SHA-256 written.\n"
                + "Overwrites the disk's data. Example: vddk4j restore disk.raw /vm/copy.vmdk";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.value("chunk-mib", "N", "write size in MiB, 1..64 (default 4)"));
    }

    @Override
    public int run(ParsedArgs args, CliContext cli) throws Exception {
        List<String> p = args.requirePositionals("file", "disk");
        int chunk = (int) (args.longValue("chunk-mib", 4, 1, 64) * Units.MIB);
        Path file = cli.path(p.get(0));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (VddkSession s = VddkSession.open(cli, false);
             DiskHandle h = s.open(p.get(1))) {
            TransferResult r = restore(file, h, chunk);
            cli.out().println("restore " + file + " -> " + p.get(1));
            cli.out().println("  transport " + h.transportModeName() + ", " + r.summary());
            cli.out().println("  sha256    " + r.sha256Hex());
        }
        return ExitCode.OK;
    }

    /** Writes {@code file} into {@code disk}; its size must equal the disk's capacity. */
    static TransferResult restore(Path file, DiskHandle disk, int chunkBytes) throws Exception {
        long capacity = disk.capacitySectors() * DiskHandle.SECTOR_SIZE;
        long size = Files.size(file);
        if (size != capacity) {
            throw new CommandFailedException("size mismatch: " + file + " has " + Units.bytes(size) + " but the disk holds "
                    + Units.bytes(capacity) + "; nothing was written");
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return DiskTransfers.write(disk, capacity, chunkBytes, in);
        }
    }
}
