package io.github.vddk4j.tool;

import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Connection;
import io.github.vddk4j.CreateSpec;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clone <source> <target>}: VixDiskLib_Clone into a local disk. */
@Command(name = "clone", mixinStandardHelpOptions = true,
        description = "Copy a disk (local, or remote with --server) into a new local disk (VixDiskLib_Clone).")
final class CloneCommand extends DiskCommand {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "the source disk")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "path of the new local .vmdk")
    String target;

    @Option(names = "--type", paramLabel = "TYPE", description = "target disk type (default MONOLITHIC_SPARSE)")
    DiskType type = DiskType.MONOLITHIC_SPARSE;

    @Option(names = "--force", description = "overwrite an existing target disk")
    boolean force;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        try (VddkSession s = session(true)) {
            long sectors;
            try (DiskHandle h = s.open(source, true)) {
                sectors = h.capacitySectors();
            }
            String targetPath = cli.path(target).toString();
            long start = System.nanoTime();
            try (Connection local = s.lib().connect(ConnectParams.local())) {
                local.diskManager().clone(s.connection(), s.diskPath(source), targetPath,
                        CreateSpec.builder(type, sectors).build(), force);
            }
            long nanos = System.nanoTime() - start;
            long bytes = sectors * DiskHandle.SECTOR_SIZE;
            report(json, Reports.object("source", source, "target", target, "type", type.name(),
                            "capacityBytes", bytes, "seconds", nanos / 1e9),
                    out -> out.println("cloned " + source + " -> " + target + " (" + type + ", " + Units.bytes(bytes)
                            + ") in " + Units.seconds(nanos)));
        }
        return ExitCode.OK;
    }
}
