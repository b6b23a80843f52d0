package io.github.vddk4j.tool;

import io.github.vddk4j.DiskGeometry;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskInfo;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code info <disk>}: VixDiskLib_GetInfo and the transport mode. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the disk's capacity, geometry, adapter, links, UUID and transport (VixDiskLib_GetInfo).")
final class InfoCommand extends DiskCommand {
    @Parameters(paramLabel = "DISK", description = "local .vmdk path, or \"[datastore] path.vmdk\" with --server")
    String disk;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        return onDisk(disk, true, (s, h) -> {
            DiskInfo info = h.info();
            report(json, toJson(disk, info, h.transportModeName()), out -> print(disk, info, h.transportModeName(), out, ""));
        });
    }

    static Map<String, Object> toJson(String disk, DiskInfo info, String transport) {
        return Reports.object("disk", disk, "capacitySectors", info.capacitySectors(), "capacityBytes", info.capacityBytes(),
                "adapter", info.adapterType().name(), "biosGeometry", geometry(info.biosGeometry()),
                "physGeometry", geometry(info.physGeometry()), "numLinks", info.numLinks(),
                "parentFileNameHint", info.parentFileNameHint().orElse(null), "uuid", info.uuid().orElse(null),
                "logicalSectorSize", info.logicalSectorSize().isPresent() ? (Object) info.logicalSectorSize().getAsInt() : null,
                "physicalSectorSize", info.physicalSectorSize().isPresent() ? (Object) info.physicalSectorSize().getAsInt() : null,
                "transport", transport);
    }

    private static Map<String, Object> geometry(DiskGeometry g) {
        return Reports.object("cylinders", g.cylinders(), "heads", g.heads(), "sectors", g.sectors());
    }

    static void print(String disk, DiskInfo info, String transport, PrintStream out, String indent) {
        out.println(indent + "disk:            " + disk);
        out.println(indent + "capacity:        " + info.capacitySectors() + " sectors, " + Units.bytes(info.capacityBytes()));
        out.println(indent + "adapter:         " + info.adapterType());
        out.println(indent + "BIOS geometry:   " + text(info.biosGeometry()));
        out.println(indent + "phys. geometry:  " + text(info.physGeometry()));
        out.println(indent + "links:           " + info.numLinks());
        out.println(indent + "parent hint:     " + info.parentFileNameHint().orElse("(none)"));
        out.println(indent + "uuid:            " + info.uuid().orElse("(none)"));
        out.println(indent + "sector size:     " + (info.logicalSectorSize().isPresent()
                ? info.logicalSectorSize().getAsInt() + " logical / " + info.physicalSectorSize().getAsInt() + " physical"
                : "(not reported before VDDK 7)"));
        out.println(indent + "transport:       " + transport);
    }

    private static String text(DiskGeometry g) {
        return g.cylinders() + " cylinders / " + g.heads() + " heads / " + g.sectors() + " sectors";
    }
}
