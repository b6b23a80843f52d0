package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.OpenOption;
import java.util.List;

/** {@code bench <disk> [--mib N] [--chunk-kib N] [--write]}: sequential throughput via vddk4j. */
final class BenchCommand implements Command {
    static final long DEFAULT_MAX_MIB = 1024;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String synopsis() {
        return "bench <disk> [--mib N] [--chunk-kib N] [--write]";
    }

    @Override
    public String summary() {
        return "sequential read (and with --write, write) throughput";
    }

    @Override
    public String details() {
        return "Reads --mib MiB from sector 0 (default: the whole disk, at most " + DEFAULT_MAX_MIB + " MiB).\n"
                + "--write first overwrites that range with a pattern and reports write throughput:\n"
                + "it DESTROYS the data in that range.\n"
                + "Example: vddk4j bench /vm/disk.vmdk --mib 256 --chunk-kib 2048";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.value("mib", "N", "MiB to transfer (default: whole disk, at most " + DEFAULT_MAX_MIB + ")"),
                OptionSpec.value("chunk-kib", "N", "I/O size in KiB, 4..65536, a multiple of 4 (default 1024)"),
                OptionSpec.flag("write", "also measure writes (overwrites the range!)"));
    }

    @Override
    public int run(ParsedArgs args, CliContext cli) throws Exception {
        String disk = args.requirePositionals("disk").get(0);
        long mib = args.longValue("mib", 0, 1, 1L << 30);
        long chunkKib = args.longValue("chunk-kib", 1024, 4, 65536);
        if (chunkKib % 4 != 0) {
            throw new UsageException(name(), "--chunk-kib: " + chunkKib + " is not a multiple of 4 (whole pages)");
        }
        boolean write = args.has("write");
        try (VddkSession s = VddkSession.open(cli, !write);
             DiskHandle h = write ? s.open(disk) : s.open(disk, OpenOption.READ_ONLY)) {
            long capacity = h.capacitySectors() * DiskHandle.SECTOR_SIZE;
            long bytes = mib == 0 ? Math.min(capacity, DEFAULT_MAX_MIB * Units.MIB) : mib * Units.MIB;
            if (bytes > capacity) {
                throw new CommandFailedException("--mib " + mib + " is more than the disk holds (" + Units.bytes(capacity) + ")");
            }
            int chunk = (int) (chunkKib * Units.KIB);
            cli.out().println("bench " + disk + " (transport " + h.transportModeName() + ", chunk " + chunkKib + " KiB)");
            if (write) {
                TransferResult w = DiskTransfers.writeRepeated(h, bytes, chunk, System.nanoTime());
                cli.out().println("  write  " + w.summary());
            }
            TransferResult r = DiskTransfers.read(h, bytes, chunk, null, false);
            cli.out().println("  read   " + r.summary());
        }
        return ExitCode.OK;
    }
}
