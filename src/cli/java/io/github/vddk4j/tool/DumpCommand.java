package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.OpenOption;
import java.nio.ByteBuffer;
import java.util.List;

/** {@code dump <disk> [--sector N] [--count N]}: hex dump of sectors. */
final class DumpCommand implements Command {
    static final int MAX_COUNT = 65536;
    private static final int CHUNK_SECTORS = 2048;

    @Override
    public String name() {
        return "dump";
    }

    @Override
    public String synopsis() {
        return "dump <disk> [--sector N] [--count N]";
    }

    @Override
    public String summary() {
        return "hex dump of sectors (default: sector 0, 1 sector)";
    }

    @Override
    public String details() {
        return "Prints sectors in 'hexdump -C' style with absolute byte offsets; identical lines show as '*'.\n"
                + "Example: vddk4j dump /vm/disk.vmdk --sector 2048 --count 2";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.value("sector", "N", "first sector (default 0)"),
                OptionSpec.value("count", "N", "number of sectors, 1.." + MAX_COUNT + " (default 1)"));
    }

    @Override
    public int run(ParsedArgs args, CliContext cli) throws Exception {
        String disk = args.requirePositionals("disk").get(0);
        long sector = args.longValue("sector", 0, 0, Long.MAX_VALUE / DiskHandle.SECTOR_SIZE);
        long count = args.longValue("count", 1, 1, MAX_COUNT);
        try (VddkSession s = VddkSession.open(cli, true);
             DiskHandle h = s.open(disk, OpenOption.READ_ONLY)) {
            long capacity = h.capacitySectors();
            if (sector >= capacity || count > capacity - sector) {
                throw new CommandFailedException("sectors " + sector + ".." + (sector + count - 1)
                        + " are past the end of the disk (" + capacity + " sectors)");
            }
            ByteBuffer all = ByteBuffer.allocate((int) count * DiskHandle.SECTOR_SIZE);
            ByteBuffer buf = h.allocateBuffer(CHUNK_SECTORS * DiskHandle.SECTOR_SIZE);
            for (long done = 0; done < count; ) {
                int n = (int) Math.min(CHUNK_SECTORS, count - done);
                buf.clear().limit(n * DiskHandle.SECTOR_SIZE);
                h.read(sector + done, buf);
                all.put(buf.flip());
                done += n;
            }
            HexDump.write(all.flip(), sector * DiskHandle.SECTOR_SIZE, cli.out());
        }
        return ExitCode.OK;
    }
}
