package io.github.vddk4j.tool;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command may use from its surroundings: output streams, standard input, environment,
 * system properties, working directory and terminal, so tests can run commands with their own.
 */
final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Function<String, String> env;
    private final Function<String, String> properties;
    private final Path workingDir;
    private final Console console;
    private final boolean terminal;

    CliContext(PrintStream out, PrintStream err, InputStream in, Function<String, String> env,
               Function<String, String> properties, Path workingDir) {
        this(out, err, in, env, properties, workingDir, null);
    }

    private CliContext(PrintStream out, PrintStream err, InputStream in, Function<String, String> env,
                       Function<String, String> properties, Path workingDir, Console console) {
        this(out, err, in, env, properties, workingDir, console, console != null);
    }

    /** For tests: surroundings that claim to be (or not to be) a terminal, without one. */
    CliContext(PrintStream out, PrintStream err, InputStream in, Function<String, String> env,
               Function<String, String> properties, Path workingDir, boolean terminal) {
        this(out, err, in, env, properties, workingDir, null, terminal);
    }

    private CliContext(PrintStream out, PrintStream err, InputStream in, Function<String, String> env,
                       Function<String, String> properties, Path workingDir, Console console, boolean terminal) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
        this.properties = properties;
        this.workingDir = workingDir;
        this.console = console;
        this.terminal = terminal;
    }

    /** The real process surroundings (with the terminal, if any). */
    static CliContext system() {
        Map<String, String> env = System.getenv();
        return new CliContext(System.out, System.err, System.in, env::get, System::getProperty,
                Path.of("").toAbsolutePath(), System.console());
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    InputStream in() {
        return in;
    }

    Function<String, String> env() {
        return env;
    }

    Function<String, String> properties() {
        return properties;
    }

    Path workingDir() {
        return workingDir;
    }

    /** The terminal, or null when standard input or output is not one. */
    Console console() {
        return console;
    }

    /** Whether the CLI talks to a person (progress lines are shown only then). */
    boolean isTerminal() {
        return terminal;
    }

    /** Resolves a path argument against the working directory. */
    Path path(String arg) {
        return workingDir.resolve(arg);
    }
}
