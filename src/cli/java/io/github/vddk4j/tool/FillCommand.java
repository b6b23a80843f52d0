package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fill <disk>}: writes a byte value or a deterministic pattern over sectors, then flushes. */
@Command(name = "fill", mixinStandardHelpOptions = true,
        description = "Write a byte value (--byte) or a deterministic pattern (--seed) over sectors, then flush.")
final class FillCommand extends DiskCommand {
    @Parameters(paramLabel = "DISK", description = "the disk (overwritten in the range)")
    String disk;

    @Option(names = "--sector", paramLabel = "N", description = "first sector (default 0)")
    long sector;

    @Option(names = "--count", paramLabel = "N", description = "number of sectors (default: to the end of the disk)")
    Long count;

    @Option(names = "--byte", paramLabel = "B", description = "fill with this byte value, 0..255")
    Integer value;

    @Option(names = "--seed", paramLabel = "N", description = "fill with the pattern of this seed (default 1)")
    long seed = 1;

    @Option(names = "--buffer-kib", paramLabel = "N", description = "write size in KiB (default 1024)")
    int bufferKib = 1024;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        if (value != null && (value < 0 || value > 255)) {
            throw new CommandFailedException("--byte must be 0..255");
        }
        return onDisk(disk, false, (s, h) -> {
            long sectors = count != null ? count : h.capacitySectors() - sector;
            if (sector < 0 || sectors <= 0 || sector + sectors > h.capacitySectors()) {
                throw new CommandFailedException("the range must lie within the disk's " + h.capacitySectors() + " sectors");
            }
            long bytes = sectors * DiskHandle.SECTOR_SIZE;
            TransferResult t = DiskTransfers.write(h, h.allocateBuffer(Math.max(1, bufferKib) * 1024),
                    sector * DiskHandle.SECTOR_SIZE, bytes, Progress.start(cli, "fill", bytes), (buf, offset) -> {
                        if (value != null) {
                            while (buf.hasRemaining()) {
                                buf.put((byte) (int) value);
                            }
                        } else {
                            DiskTransfers.fillPattern(buf, sector * DiskHandle.SECTOR_SIZE + offset, seed);
                        }
                        buf.flip();
                    });
            long nanos = t.nanos();
            String hex = t.sha256Hex();
            report(json, Reports.object("disk", disk, "startSector", sector, "numSectors", sectors,
                            "fill", value != null ? "byte " + value : "pattern seed " + seed, "sha256", hex,
                            "transfer", Reports.transfer(bytes, nanos)),
                    out -> out.println("filled sectors " + sector + ".." + (sector + sectors - 1) + " of " + disk + ": "
                            + Units.bytes(bytes) + ", " + Units.rate(bytes, nanos) + ", sha256 " + hex));
        });
    }
}
