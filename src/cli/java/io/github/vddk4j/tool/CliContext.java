package io.github.vddk4j.tool;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command may use from its surroundings: output streams, standard input, environment,
 * system properties and working directory, so tests can run commands in-process.
 */
final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Function<String, String> env;
    private final Function<String, String> properties;
    private final Path workingDir;
    private final Console console;
    private GlobalOptions global;

    CliContext(PrintStream out, PrintStream err, InputStream in, Function<String, String> env,
               Function<String, String> properties, Path workingDir) {
        this(out, err, in, env, properties, workingDir, null);
    }

    private CliContext(PrintStream out, PrintStream err, InputStream in, Function<String, String> env,
                       Function<String, String> properties, Path workingDir, Console console) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
        this.properties = properties;
        this.workingDir = workingDir;
        this.console = console;
    }

    /** The real process surroundings (with the terminal, if any, for reading a password without echo). */
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

    Function<String, String> env() {
        return env;
    }

    Function<String, String> properties() {
        return properties;
    }

    Path workingDir() {
        return workingDir;
    }

    GlobalOptions global() {
        return global;
    }

    void global(GlobalOptions global) {
        this.global = global;
    }

    /** Resolves a path argument against the working directory. */
    Path path(String arg) {
        return workingDir.resolve(arg);
    }

    /**
     * The password for {@code --server}, from {@code --password-env VAR} or the first line of
     * standard input (typed without echo when standard input is a terminal). The caller wipes
     * the array.
     */
    char[] readPassword() throws UsageException, IOException {
        if (global.passwordEnv().isPresent()) {
            String var = global.passwordEnv().get();
            String v = env.apply(var);
            if (v == null || v.isEmpty()) {
                throw new UsageException(null, "--password-env " + var + ": the environment variable is not set or empty");
            }
            return v.toCharArray();
        }
        if (console != null) {
            char[] typed = console.readPassword("Password for %s@%s: ", global.user().orElse(""),
                    global.server().orElse(""));
            if (typed == null || typed.length == 0) {
                throw new UsageException(null, "--password-stdin: no password was typed");
            }
            return typed;
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || line.isEmpty()) {
            throw new UsageException(null, "--password-stdin: standard input is empty");
        }
        return line.toCharArray();
    }
}
