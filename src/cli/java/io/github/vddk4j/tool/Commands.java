package io.github.vddk4j.tool;

import java.util.List;

/** The standard command set, in the order the usage lists them. */
final class Commands {
    private Commands() {}

    static List<Command> all() {
        return List.of(new InfoCommand(), new DumpCommand(), new BackupCommand(), new RestoreCommand(),
                new BenchCommand(), new DemoCommand());
    }
}
