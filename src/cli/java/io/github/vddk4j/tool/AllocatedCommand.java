package io.github.vddk4j.tool;

import io.github.vddk4j.BlockRange;
import io.github.vddk4j.DiskHandle;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code allocated <disk>}: VixDiskLib_QueryAllocatedBlocks over the whole disk. */
@Command(name = "allocated", mixinStandardHelpOptions = true,
        description = "List the disk's allocated block ranges (VixDiskLib_QueryAllocatedBlocks).")
final class AllocatedCommand extends DiskCommand {
    @Parameters(paramLabel = "DISK", description = "the disk")
    String disk;

    @Option(names = "--chunk-sectors", paramLabel = "N", description = "query granularity in sectors (default: VDDK's minimum, 128)")
    Long chunkSectors;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        return onDisk(disk, true, (s, h) -> {
            List<BlockRange> ranges = chunkSectors == null ? h.allocatedBlocks()
                    : h.allocatedBlocks(0, h.capacitySectors(), chunkSectors);
            long allocated = Reports.bytes(ranges);
            long capacity = h.capacitySectors() * DiskHandle.SECTOR_SIZE;
            report(json, Reports.object("disk", disk, "capacityBytes", capacity, "allocatedBytes", allocated,
                    "ranges", Reports.ranges(ranges)), out -> {
                        for (BlockRange r : ranges) {
                            out.println("sectors " + r.startSector() + ".." + (r.endSector() - 1) + " (" + r.numSectors() + ")");
                        }
                        out.println(ranges.size() + " ranges, " + Units.bytes(allocated) + " allocated of " + Units.bytes(capacity));
                    });
        });
    }
}
