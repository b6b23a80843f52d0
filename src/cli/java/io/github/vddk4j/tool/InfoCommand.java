package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskInfo;
import io.github.vddk4j.OpenOption;
import java.io.PrintStream;
import java.util.List;

/** {@code info <disk>}: VixDiskLib_GetInfo and the transport mode. */
final class InfoCommand implements Command {
    @Override
    public String name() {
        return "info";
    }

    @Override
    public String synopsis() {
        return "info <disk>";
    }

    @Override
    public String summary() {
        return "print the disk's geometry, capacity, adapter and transport";
    }

    @Override
    public String details() {
        return "Opens the disk read-only and prints VixDiskLib_GetInfo and VixDiskLib_GetTransportMode.\n"
                + "Example: vddk4j info /vm/disk.vmdk";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public int run(ParsedArgs args, CliContext cli) throws Exception {
        String disk = args.requirePositionals("disk").get(0);
        try (VddkSession s = VddkSession.open(cli, true);
             DiskHandle h = s.open(disk, OpenOption.READ_ONLY)) {
            print(disk, h.info(), h.transportModeName(), cli.out(), "");
        }
        return ExitCode.OK;
    }

    static void print(String disk, DiskInfo info, String transport, PrintStream out, String indent) {
        out.println(indent + "disk:            " + disk);
        out.println(indent + "capacity:        " + info.capacitySectors() + " sectors, " + Units.bytes(info.capacityBytes()));
        out.println(indent + "adapter:         " + info.adapterType());
        out.println(indent + "BIOS geometry:   " + geometry(info.biosGeometry()));
        out.println(indent + "phys. geometry:  " + geometry(info.physGeometry()));
        out.println(indent + "links:           " + info.numLinks());
        out.println(indent + "parent hint:     " + info.parentFileNameHint().orElse("(none)"));
        out.println(indent + "uuid:            " + info.uuid().orElse("(none)"));
        out.println(indent + "sector size:     " + (info.logicalSectorSize().isPresent()
                ? info.logicalSectorSize().getAsInt() + " logical / " + info.physicalSectorSize().getAsInt() + " physical"
                : "(not reported before VDDK 7)"));
        out.println(indent + "transport:       " + transport);
    }

    private static String geometry(io.github.vddk4j.DiskGeometry g) {
        return g.cylinders() + " cylinders / " + g.heads() + " heads / " + g.sectors() + " sectors";
    }
}
