package io.github.vddk4j.tool;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * A command that failed (exit code 1): one line {@code vddk4j <command>: error: ...} with the VIX
 * name and code for VDDK errors, and a {@code hint:} line for the known traps. Ctrl-C: exit 130.
 */
final class ExecutionErrors implements CommandLine.IExecutionExceptionHandler {
    private final CliContext cli;

    ExecutionErrors(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        String name = cl.getCommandSpec().qualifiedName();
        if (ex instanceof Cancellation.Cancelled) {
            cli.err().println(name + ": interrupted; cleaned up");
            return ExitCode.INTERRUPTED;
        }
        if (ex instanceof CommandLine.ParameterException p) {
            return new UsageErrors(cli).handleParseException(p, new String[0]);
        }
        cli.err().println(name + ": error: " + Failures.describe(ex));
        Object command = cl.getCommand();
        String hint = Failures.hint(ex, command instanceof CliCommand c ? c.connectionOptions() : null);
        if (hint != null) {
            cli.err().println(name + ": hint: " + hint);
        }
        return ExitCode.FAILURE;
    }
}
