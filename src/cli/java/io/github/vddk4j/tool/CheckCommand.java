package io.github.vddk4j.tool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check <disk>}: VixDiskLib_CheckRepair. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a local sparse disk's metadata for consistency, optionally repairing it (VixDiskLib_CheckRepair).")
final class CheckCommand extends DiskCommand {
    @Parameters(paramLabel = "DISK", description = "the disk")
    String disk;

    @Option(names = "--repair", description = "repair what can be repaired")
    boolean repair;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        try (VddkSession s = session(!repair)) {
            s.connection().diskManager().checkRepair(s.diskPath(disk), repair);
            report(json, Reports.object("disk", disk, "repair", repair, "consistent", true),
                    out -> out.println(disk + ": consistent" + (repair ? " (checked with repair)" : "")));
        }
        return ExitCode.OK;
    }
}
