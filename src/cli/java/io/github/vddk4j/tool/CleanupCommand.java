package io.github.vddk4j.tool;

import io.github.vddk4j.CleanupResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cleanup}: VixDiskLib_Cleanup for the connection options (what a crashed process left). */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Clean up what a crashed backup left on the server for these options (VixDiskLib_Cleanup).")
final class CleanupCommand extends DiskCommand {
    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        try (VddkSession s = serverLibrary("cleanup needs --server (VixDiskLib_Cleanup works on remote connections)")) {
            CleanupResult r = s.lib().cleanup(VddkSession.connectParams(cli, conn, true));
            report(json, Reports.object("cleanedUp", r.numCleanedUp(), "remaining", r.numRemaining()),
                    out -> out.println("cleaned up " + r.numCleanedUp() + ", remaining " + r.numRemaining()));
        }
        return ExitCode.OK;
    }
}
