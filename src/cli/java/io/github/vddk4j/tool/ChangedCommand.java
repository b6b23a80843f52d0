package io.github.vddk4j.tool;

import io.github.vddk4j.BlockRange;
import io.github.vddk4j.ChangeId;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.OpenOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code changed <disk> --change-id ID}: the areas changed since a change ID (VDDK 9 changed areas). */
@Command(name = "changed", mixinStandardHelpOptions = true,
        description = "List the areas changed since a change ID (VixDiskLib_OpenEx with a change ID, QueryChangedAreas).")
final class ChangedCommand extends DiskCommand {
    @Parameters(paramLabel = "DISK", description = "the disk")
    String disk;

    @Option(names = "--change-id", required = true, paramLabel = "ID", description = "the change ID of the earlier backup; '*' for every allocated area")
    String changeId;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        try (VddkSession s = session(true);
             DiskHandle h = s.connection().open(s.diskPath(disk), ChangeId.of(changeId), OpenOption.READ_ONLY)) {
            List<BlockRange> areas = h.changedAreas();
            long changed = Reports.bytes(areas);
            report(json, Reports.object("disk", disk, "changeId", changeId, "changedBytes", changed,
                    "areas", Reports.ranges(areas)), out -> {
                        for (BlockRange r : areas) {
                            out.println("sectors " + r.startSector() + ".." + (r.endSector() - 1) + " (" + r.numSectors() + ")");
                        }
                        out.println(areas.size() + " areas, " + Units.bytes(changed) + " changed since " + changeId);
                    });
        }
        return ExitCode.OK;
    }
}
