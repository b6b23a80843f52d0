package io.github.vddk4j.tool;

import io.github.vddk4j.AdapterType;
import io.github.vddk4j.CreateSpec;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code create <disk> --capacity SIZE}: VixDiskLib_Create of a local disk. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a local virtual disk (VixDiskLib_Create).")
final class CreateCommand extends DiskCommand {
    @Parameters(paramLabel = "DISK", description = "path of the new .vmdk")
    String disk;

    @Option(names = "--capacity", required = true, paramLabel = "SIZE", converter = SizeConverter.class,
            description = "capacity, a multiple of 512: e.g. 64M, 2G")
    long capacity;

    @Option(names = "--type", paramLabel = "TYPE", description = "disk type: ${COMPLETION-CANDIDATES} (default MONOLITHIC_SPARSE)")
    DiskType type = DiskType.MONOLITHIC_SPARSE;

    @Option(names = "--adapter", paramLabel = "TYPE", description = "adapter: IDE, SCSI_BUSLOGIC, SCSI_LSILOGIC (default SCSI_LSILOGIC)")
    AdapterType adapter = CreateSpec.DEFAULT_ADAPTER;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        if (capacity % DiskHandle.SECTOR_SIZE != 0) {
            throw new CommandFailedException("--capacity must be a multiple of 512 bytes");
        }
        try (VddkSession s = session(false)) {
            String path = s.diskPath(disk);
            s.connection().diskManager().create(path, CreateSpec.builder(type, capacity / DiskHandle.SECTOR_SIZE)
                    .adapter(adapter).build());
            report(json, Reports.object("disk", disk, "type", type.name(), "adapter", adapter.name(),
                            "capacityBytes", capacity, "capacitySectors", capacity / DiskHandle.SECTOR_SIZE),
                    out -> out.println("created " + disk + ": " + type + ", " + adapter + ", " + Units.bytes(capacity)));
        }
        return ExitCode.OK;
    }
}
