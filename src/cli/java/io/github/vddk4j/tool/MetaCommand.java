package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code meta list|get|set}: the disk's metadata table (VixDiskLib_GetMetadataKeys/ReadMetadata/WriteMetadata). */
@Command(name = "meta", mixinStandardHelpOptions = true,
        description = "Read or write the disk's metadata (VixDiskLib_GetMetadataKeys, ReadMetadata, WriteMetadata).",
        subcommands = {MetaCommand.List.class, MetaCommand.Get.class, MetaCommand.Set.class})
final class MetaCommand extends CliCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(cli.err());
        return ExitCode.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every key and value.")
    static final class List extends DiskCommand {
        @Parameters(paramLabel = "DISK", description = "the disk")
        String disk;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        int run() throws Exception {
            return onDisk(disk, true, (s, h) -> {
                Map<String, String> all = h.metadata().toMap();
                report(json, Reports.object("disk", disk, "metadata", all),
                        out -> all.forEach((k, v) -> out.println(k + " = " + v)));
            });
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print one key's value (exit 1 if absent).")
    static final class Get extends DiskCommand {
        @Parameters(index = "0", paramLabel = "DISK", description = "the disk")
        String disk;

        @Parameters(index = "1", paramLabel = "KEY", description = "the key")
        String key;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        int run() throws Exception {
            return onDisk(disk, true, (s, h) -> {
                String value = h.metadata().get(key)
                        .orElseThrow(() -> new CommandFailedException("no metadata key '" + key + "' in " + disk));
                report(json, Reports.object("disk", disk, "key", key, "value", value), out -> out.println(value));
            });
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Write one key's value.")
    static final class Set extends DiskCommand {
        @Parameters(index = "0", paramLabel = "DISK", description = "the disk")
        String disk;

        @Parameters(index = "1", paramLabel = "KEY", description = "the key")
        String key;

        @Parameters(index = "2", paramLabel = "VALUE", description = "the value")
        String value;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        int run() throws Exception {
            return onDisk(disk, false, (s, h) -> {
                h.metadata().put(key, value);
                report(json, Reports.object("disk", disk, "key", key, "value", value),
                        out -> out.println(key + " = " + value));
            });
        }
    }
}
