package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every standard command has help with its usage line and an example, and is listed in the usage. */
class StandardCommandsHelpTest {
    @TempDir
    Path cwd;

    @Test
    void everyCommandHasHelpWithUsageAndExample() {
        List<Command> commands = Commands.all();
        assertEquals(List.of("info", "dump", "backup", "restore", "bench", "demo"),
                commands.stream().map(Command::name).toList());
        CliRun usage = CliRun.run(Main.standard(), cwd, "--help");
        for (Command c : commands) {
            CliRun r = CliRun.run(Main.standard(), cwd, c.name(), "--help");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().startsWith("Usage: vddk4j " + c.synopsis()), r.toString());
            assertTrue(r.out().contains("Example: "), r.toString());
            assertTrue(usage.out().contains(c.synopsis()), usage.toString());
        }
    }

    @Test
    void commandsThatNeedADiskSayWhichArgumentIsMissing() {
        for (String[] args : new String[][] {{"info"}, {"dump"}, {"backup", "d.vmdk"}, {"restore", "f.raw"}, {"bench"}}) {
            CliRun r = CliRun.run(Main.standard(), cwd, args);
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains("missing <"), r.toString());
        }
    }
}
