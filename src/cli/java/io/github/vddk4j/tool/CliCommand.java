package io.github.vddk4j.tool;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command: its surroundings, its picocli spec, and the one way reports are printed
 * (human text, or one JSON object with {@code --json}).
 */
abstract class CliCommand implements Callable<Integer> {
    /** Set by {@link Main}'s factory before the command runs. */
    CliContext cli;

    @Spec
    CommandSpec spec;

    /** The command's connection options, if it has them (for error hints). */
    ConnectionOptions connectionOptions() {
        return null;
    }

    /** Prints a report as {@link #report(boolean, Map, Consumer)} does, JSON when {@code --json} was given. */
    void report(JsonOption json, Map<String, Object> data, Consumer<PrintStream> human) {
        report(json.json, data, human);
    }

    /** Prints a report: JSON (one object, one line) when {@code json}, else through {@code human}. */
    void report(boolean json, Map<String, Object> data, Consumer<PrintStream> human) {
        if (json) {
            cli.out().println(Json.toJson(data));
        } else {
            human.accept(cli.out());
        }
    }
}
