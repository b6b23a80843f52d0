package io.github.vddk4j.tool;

import picocli.CommandLine.Option;

/**
 * The usual {@code --json} option as a picocli mixin: the command's report as one JSON object on
 * one line instead of text ({@link CliCommand#report(JsonOption, java.util.Map, java.util.function.Consumer)}).
 */
final class JsonOption {
    @Option(names = "--json", description = "print one JSON object")
    boolean json;
}
