package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import java.nio.ByteBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code dump <disk>}: hex dump of sectors. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Hex dump of sectors, hexdump -C style with absolute byte offsets; repeated lines as '*'.")
final class DumpCommand extends DiskCommand {
    @Parameters(paramLabel = "DISK", description = "the disk")
    String disk;

    @Option(names = "--sector", paramLabel = "N", description = "first sector (default 0)")
    long sector;

    @Option(names = "--count", paramLabel = "N", description = "number of sectors, 1..65536 (default 1)")
    int count = 1;

    @Override
    int run() throws Exception {
        if (count < 1 || count > 65536 || sector < 0) {
            throw new ParameterException(spec.commandLine(), "--count must be 1..65536 and --sector >= 0");
        }
        return onDisk(disk, true, (s, h) -> {
            if (sector + count > h.capacitySectors()) {
                throw new CommandFailedException("sectors " + sector + ".." + (sector + count - 1) + " are beyond the disk's "
                        + h.capacitySectors() + " sectors");
            }
            ByteBuffer buf = h.allocateBuffer(count * DiskHandle.SECTOR_SIZE);
            h.read(sector, buf);
            buf.flip();
            HexDump.write(buf, sector * DiskHandle.SECTOR_SIZE, cli.out());
        });
    }
}
