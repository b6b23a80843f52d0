package io.github.vddk4j.tool;

import java.util.List;

/** One CLI command: its name, help text, own options, and what it does. */
interface Command {
    /** The word that selects it, e.g. {@code info}. */
    String name();

    /** Usage line without the program name, e.g. {@code info <disk>}. */
    String synopsis();

    /** One line for the command list. */
    String summary();

    /** More help: what it prints, an example. May be empty. */
    String details();

    /** Options of this command (the global options are added by {@link Main}). */
    List<OptionSpec> options();

    /**
     * Runs the command.
     *
     * @return the exit code ({@link ExitCode})
     * @throws UsageException when the arguments are wrong (exit code 2)
     * @throws Exception any other failure (exit code 1); the message is printed
     */
    int run(ParsedArgs args, CliContext cli) throws Exception;
}
