package io.github.vddk4j.tool;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code vddk4j} command line: {@code java -jar vddk4j.jar [global options] <command> ...}.
 * Exit codes: 0 success, 1 failure (VDDK error, I/O error, verification mismatch), 2 usage error.
 * See {@code docs/cli.md}.
 */
public final class Main {
    static final String PROGRAM = "vddk4j";

    private final List<Command> commands;

    Main(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /** The standard command set. */
    static Main standard() {
        return new Main(Commands.all());
    }

    /** Runs the CLI and exits the JVM with its exit code. */
    public static void main(String[] args) {
        quietSlf4jWithoutProvider();
        System.exit(run(args));
    }

    /**
     * {@code java -jar} has slf4j-api but no SLF4J provider, and SLF4J would print three warning
     * lines about that. VDDK's messages reach the CLI through its own sink ({@link CliLogSink}),
     * so choose SLF4J's no-op provider explicitly, unless the user configured one or put one on
     * the class path.
     */
    static void quietSlf4jWithoutProvider() {
        if (System.getProperty("slf4j.provider") != null) {
            return;
        }
        if (java.util.ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class).findFirst().isEmpty()) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
    }

    /** Runs the CLI in this process with the real streams and environment; returns the exit code. */
    public static int run(String... args) {
        return standard().run(Arrays.asList(args), CliContext.system());
    }

    /** Runs the CLI with the given surroundings; returns the exit code, never calls System.exit. */
    int run(List<String> args, CliContext cli) {
        String commandName = null;
        try {
            int commandIndex = ArgParser.findCommand(args, GlobalOptions.SPECS);
            commandName = commandIndex < 0 ? null : args.get(commandIndex);
            if (commandName == null || commandName.equals("help")) {
                return helpCommand(args, commandName, cli);
            }
            Command command = find(commandName);
            if (command == null) {
                throw new UsageException(null, "unknown command '" + commandName + "'");
            }
            List<String> rest = new ArrayList<>(args);
            rest.remove(commandIndex);
            GlobalOptions.rejectPasswordArguments(commandName, rest);
            List<OptionSpec> specs = new ArrayList<>(GlobalOptions.SPECS);
            specs.addAll(command.options());
            ParsedArgs parsed = ArgParser.parse(commandName, rest, specs);
            if (parsed.has(ArgParser.HELP)) {
                printCommandHelp(command, cli.out());
                return ExitCode.OK;
            }
            cli.global(GlobalOptions.from(parsed));
            return command.run(parsed, cli);
        } catch (UsageException e) {
            String where = e.command() != null ? e.command() : commandName;
            cli.err().println(PROGRAM + (where != null && find(where) != null ? " " + where : "") + ": " + e.getMessage());
            if (where != null && find(where) != null) {
                cli.err().println("Usage: " + PROGRAM + " " + find(where).synopsis() + " [options]   (--help for more)");
            } else {
                cli.err().println("Run '" + PROGRAM + " --help' for the list of commands.");
            }
            return ExitCode.USAGE;
        } catch (Exception e) {
            cli.err().println(PROGRAM + (commandName != null ? " " + commandName : "") + ": error: " + Failures.describe(e));
            return ExitCode.FAILURE;
        }
    }

    private int helpCommand(List<String> args, String commandName, CliContext cli) throws UsageException {
        if (commandName != null) {
            int i = args.indexOf("help");
            if (i + 1 < args.size()) {
                Command c = find(args.get(i + 1));
                if (c == null) {
                    throw new UsageException(null, "unknown command '" + args.get(i + 1) + "'");
                }
                printCommandHelp(c, cli.out());
                return ExitCode.OK;
            }
            printUsage(cli.out());
            return ExitCode.OK;
        }
        boolean help = args.contains("--help") || args.contains("-h");
        if (help) {
            printUsage(cli.out());
            return ExitCode.OK;
        }
        if (!args.isEmpty()) {
            ArgParser.parse(null, args, GlobalOptions.SPECS); // reports unknown options precisely
        }
        printUsage(cli.err());
        throw new UsageException(null, "no command given");
    }

    private Command find(String name) {
        for (Command c : commands) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    void printUsage(PrintStream out) {
        out.println("Usage: " + PROGRAM + " [global options] <command> [arguments]");
        out.println();
        out.println("Commands:");
        int width = commands.stream().mapToInt(c -> c.synopsis().length()).max().orElse(0);
        for (Command c : commands) {
            out.printf("  %-" + width + "s  %s%n", c.synopsis(), c.summary());
        }
        out.println();
        out.println("Global options:");
        printOptions(GlobalOptions.SPECS, out);
        out.println();
        out.println("'" + PROGRAM + " <command> --help' describes one command.");
        out.println("Exit codes: 0 ok, 1 failure (VDDK or I/O error, verification mismatch), 2 usage error.");
    }

    void printCommandHelp(Command c, PrintStream out) {
        out.println("Usage: " + PROGRAM + " " + c.synopsis() + " [global options]");
        out.println();
        out.println(c.summary());
        if (!c.details().isEmpty()) {
            out.println();
            out.println(c.details());
        }
        if (!c.options().isEmpty()) {
            out.println();
            out.println("Options:");
            printOptions(c.options(), out);
        }
        out.println();
        out.println("Global options:");
        printOptions(GlobalOptions.SPECS, out);
    }

    private static void printOptions(List<OptionSpec> specs, PrintStream out) {
        for (OptionSpec o : specs) {
            out.printf("  %-24s %s%n", o.synopsis(), o.help());
        }
    }
}
