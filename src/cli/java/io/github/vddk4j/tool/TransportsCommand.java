package io.github.vddk4j.tool;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code transports}: VixDiskLib_ListTransportModes and the library's version. */
@Command(name = "transports", mixinStandardHelpOptions = true,
        description = "List the transport modes this VDDK offers (VixDiskLib_ListTransportModes) and its version.")
final class TransportsCommand extends DiskCommand {
    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        try (VddkSession s = VddkSession.library(cli, conn)) {
            List<String> modes = s.lib().transportModeNames();
            int version = s.lib().vddkVersion();
            report(json, Reports.object("libDir", s.libDirChoice().dir().toString(), "libDirSource", s.libDirChoice().source(),
                            "vddkMajor", version, "transports", modes),
                    out -> {
                        out.println("VDDK " + version + " from " + s.libDirChoice().dir() + " (" + s.libDirChoice().source() + ")");
                        out.println("transports: " + String.join(":", modes));
                    });
        }
        return ExitCode.OK;
    }
}
