package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch, help, usage errors and exit codes of {@link Main}, with fake commands. */
class MainDispatchTest {
    @TempDir
    Path cwd;

    private final List<ParsedArgs> calls = new ArrayList<>();

    private final Command echo = new Command() {
        @Override public String name() { return "echo"; }
        @Override public String synopsis() { return "echo <word>"; }
        @Override public String summary() { return "prints its word"; }
        @Override public String details() { return "Example: vddk4j echo hi"; }
        @Override public List<OptionSpec> options() { return List.of(OptionSpec.value("times", "N", "repeat")); }
        @Override public int run(ParsedArgs args, CliContext cli) throws Exception {
            calls.add(args);
            String word = args.requirePositionals("word").get(0);
            long n = args.longValue("times", 1, 1, 10);
            for (int i = 0; i < n; i++) {
                cli.out().println(word);
            }
            return ExitCode.OK;
        }
    };

    private final Command broken = new Command() {
        @Override public String name() { return "broken"; }
        @Override public String synopsis() { return "broken"; }
        @Override public String summary() { return "always fails"; }
        @Override public String details() { return ""; }
        @Override public List<OptionSpec> options() { return List.of(); }
        @Override public int run(ParsedArgs args, CliContext cli) throws Exception {
            throw new IOException("disk on fire");
        }
    };

    private CliRun run(String... args) {
        return CliRun.run(new Main(List.of(echo, broken)), cwd, args);
    }

    @Test
    void commandRunsWithItsOptionsAndGlobalOptionsInAnyOrder() throws UsageException {
        CliRun r = run("--lib-dir", "/opt/vddk", "echo", "hi", "--times", "2");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("hi\nhi\n", r.out().replace(System.lineSeparator(), "\n"));
        assertEquals(Path.of("/opt/vddk"), GlobalOptions.from(calls.get(0)).libDir().orElseThrow());
    }

    @Test
    void globalOptionValueThatLooksLikeACommandIsNotTakenForOne() {
        CliRun r = run("--vm", "echo", "echo", "x");
        assertEquals(2, r.exitCode(), r.toString()); // --vm without --server
        assertTrue(r.err().contains("--vm only makes sense with --server"), r.toString());
    }

    @Test
    void noArgumentsPrintsUsageAndExitsTwo() {
        CliRun r = run();
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Usage: vddk4j"), r.toString());
        assertTrue(r.err().contains("no command given"), r.toString());
    }

    @Test
    void helpListsCommandsAndExitsZero() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
            CliRun r = run(args);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("echo <word>") && r.out().contains("prints its word"), r.toString());
            assertTrue(r.out().contains("--password-env VAR"), r.toString());
            assertTrue(r.out().contains("Exit codes"), r.toString());
        }
    }

    @Test
    void commandHelpShowsItsOptionsAndDetails() {
        for (String[] args : new String[][] {{"echo", "--help"}, {"help", "echo"}}) {
            CliRun r = run(args);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("Usage: vddk4j echo <word>"), r.toString());
            assertTrue(r.out().contains("--times N"), r.toString());
            assertTrue(r.out().contains("Example: vddk4j echo hi"), r.toString());
        }
        assertTrue(calls.isEmpty(), "help must not run the command");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun r = run("ecko", "x");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown command 'ecko'"), r.toString());
        assertEquals(2, run("help", "ecko").exitCode());
    }

    @Test
    void badArgumentsAreUsageErrorsWithTheCommandsSynopsis() {
        CliRun r = run("echo");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("vddk4j echo: missing <word>"), r.toString());
        assertTrue(r.err().contains("Usage: vddk4j echo <word>"), r.toString());
        assertEquals(2, run("echo", "x", "--times", "11").exitCode());
        assertEquals(2, run("echo", "x", "--nope").exitCode());
        assertEquals(2, run("--nope").exitCode());
    }

    @Test
    void passwordArgumentIsRefusedBeforeAnythingRuns() {
        CliRun r = run("echo", "x", "--password", "hunter2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--password-env VAR or --password-stdin"), r.toString());
        assertFalse(r.err().contains("hunter2"), r.toString());
        assertTrue(calls.isEmpty());
    }

    @Test
    void failureOfACommandExitsOneWithItsMessage() {
        CliRun r = run("broken");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("vddk4j broken: error: disk on fire"), r.toString());
    }
}
