package io.github.vddk4j.tool;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: {@code vddk4j <command>}; without one, the usage and exit code 2. */
@Command(name = Main.PROGRAM, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "VMware VDDK (libvixDiskLib) from the command line, through vddk4j.",
        subcommands = {
            InfoCommand.class, DumpCommand.class, CreateCommand.class, RedoCommand.class, FillCommand.class,
            MetaCommand.class, CloneCommand.class, ReadBenchCommand.class, WriteBenchCommand.class,
            AllocatedCommand.class, CheckCommand.class, ChangedCommand.class, MultithreadCommand.class,
            BackupCommand.class, RestoreCommand.class, VerifyCommand.class, TransportsCommand.class,
            AccessCommand.class, CleanupCommand.class, DemoCommand.class, CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 ok, 1 failure (VDDK or I/O error, verification mismatch), 2 usage error,"
                + " 130 interrupted (Ctrl-C).", "Documentation: docs/cli.md"})
final class VddkCli extends CliCommand {
    @Override
    public Integer call() {
        cli.err().println(Main.PROGRAM + ": no command given");
        spec.commandLine().usage(cli.err());
        return ExitCode.USAGE;
    }
}
