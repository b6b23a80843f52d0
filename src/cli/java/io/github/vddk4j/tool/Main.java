package io.github.vddk4j.tool;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code vddk4j} command line: {@code java -jar vddk4j-cli.jar <command> [arguments] [options]}.
 * Exit codes: 0 success, 1 failure (VDDK error, I/O error, verification mismatch), 2 usage error,
 * 130 stopped by Ctrl-C. See {@code docs/cli.md}.
 */
public final class Main {
    static final String PROGRAM = "vddk4j";

    /** Runs the CLI and exits the JVM with its exit code. */
    public static void main(String[] args) {
        configureSlf4j();
        Cancellation.installShutdownHook();
        int code;
        try {
            code = new Main().run(Arrays.asList(args), CliContext.system());
        } finally {
            Cancellation.finished();
        }
        System.exit(code);
    }

    /**
     * The CLI jar carries slf4j-simple: the library's own SLF4J messages (not VDDK's, which the
     * CLI's sink prints) go to standard error at WARN and above, without thread names. Without
     * any SLF4J provider on the class path, SLF4J's no-op provider is chosen explicitly so that
     * SLF4J does not print its "no providers" warning.
     */
    static void configureSlf4j() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        if (System.getProperty("slf4j.provider") == null
                && java.util.ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class).findFirst().isEmpty()) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            setIfAbsent("slf4j.internal.verbosity", "WARN");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Runs the CLI with the given surroundings; returns the exit code, never calls System.exit. */
    int run(List<String> args, CliContext cli) {
        CommandLine cl = commandLine(cli);
        return cl.execute(args.toArray(new String[0]));
    }

    /** The picocli command tree, its output bound to {@code cli}. */
    static CommandLine commandLine(CliContext cli) {
        VddkCli top = new VddkCli();
        top.cli = cli;
        CommandLine cl = new CommandLine(top, new Factory(cli));
        cl.setOut(new PrintWriter(cli.out(), true));
        cl.setErr(new PrintWriter(cli.err(), true));
        cl.setExpandAtFiles(false);           // "@file" arguments are disk paths, not argument files
        cl.setAbbreviatedOptionsAllowed(false);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(new UsageErrors(cli));
        cl.setExecutionExceptionHandler(new ExecutionErrors(cli));
        return cl;
    }

    /** Creates commands and hands each its surroundings. */
    private record Factory(CliContext cli) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K instance = CommandLine.defaultFactory().create(cls);
            if (instance instanceof CliCommand c) {
                c.cli = cli;
            }
            return instance;
        }
    }
}
