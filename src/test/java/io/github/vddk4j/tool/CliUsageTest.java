package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself, in-process (no VDDK): usage errors, secrets never echoed, help, version. */
class CliUsageTest {
    @TempDir
    Path cwd;

    private CliRun run(String... args) {
        return CliRun.run(new Main(), cwd, args);
    }

    @Test
    void aMistypedPasswordOptionIsNeverEchoed() {
        for (List<String> args : List.of(List.of("info", "d.vmdk", "-password=S3cr3t"),
                List.of("info", "d.vmdk", "--password=S3cr3t"), List.of("info", "d.vmdk", "--password", "S3cr3t"),
                List.of("info", "d.vmdk", "--password-env", "S3cr3t"),
                List.of("info", "d.vmdk", "--server", "h", "--user", "u", "--vm", "vm-1", "--password-env", "S3cr3t",
                        "--password-file", "S3cr3t"),
                List.of("info", "d.vmdk", "S3cr3t"), List.of("info", "-pS3cr3t", "d.vmdk"),
                List.of("-pS3cr3t", "info", "d.vmdk"))) {
            CliRun r = run(args.toArray(new String[0]));
            assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
            assertFalse(r.out().contains("S3cr3t") || r.err().contains("S3cr3t"), args + " echoed the secret:\n" + r);
        }
        CliRun r = run("info", "d.vmdk", "-password=S3cr3t");
        assertTrue(r.err().contains("passwords are never taken from the command line"), r.toString());
    }

    @Test
    void anUnknownOptionIsNamedWithoutItsValue() {
        CliRun r = run("info", "d.vmdk", "--colour=blue");
        assertEquals(ExitCode.USAGE, r.exitCode());
        assertTrue(r.err().contains("unknown option --colour"), r.toString());
        assertFalse(r.err().contains("blue"), r.toString());

        CliRun shortWithValue = run("info", "-xValue", "d.vmdk"); // a short option with its value attached
        assertEquals(ExitCode.USAGE, shortWithValue.exitCode());
        assertTrue(shortWithValue.err().contains("unknown option -x"), shortWithValue.toString());
        assertFalse(shortWithValue.err().contains("Value"), shortWithValue.toString());
    }

    @Test
    void aBogusTransportIsAUsageError() {
        CliRun r = run("info", "d.vmdk", "--transports", "bogus");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--transports"), r.toString());
    }

    @Test
    void remoteOptionsNeedAServerAndAServerNeedsItsCredentials() {
        assertEquals(ExitCode.USAGE, run("info", "d.vmdk", "--vm", "vm-1").exitCode());
        CliRun r = run("info", "d.vmdk", "--server", "vc", "--user", "u", "--vm", "vm-1");
        assertEquals(ExitCode.USAGE, r.exitCode());
        assertTrue(r.err().contains("exactly one of --password-file"), r.toString());
    }

    @Test
    void noCommandPrintsTheUsageAndExits2() {
        CliRun r = run();
        assertEquals(ExitCode.USAGE, r.exitCode());
        assertTrue(r.err().contains("backup"), r.toString());
    }

    @Test
    void helpAndVersionExit0() {
        CliRun help = run("--help");
        assertEquals(0, help.exitCode());
        for (String command : List.of("info", "dump", "create", "redo", "fill", "meta", "clone", "readbench",
                "writebench", "allocated", "check", "changed", "multithread", "backup", "restore", "verify",
                "transports", "access", "cleanup", "demo")) {
            assertTrue(help.out().contains(command), command + " missing from --help");
            assertEquals(0, run(command, "--help").exitCode(), command + " --help");
        }
        CliRun version = run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("vddk4j "), version.out());
    }

    @Test
    void sizesAcceptBinarySuffixes() {
        SizeConverter c = new SizeConverter();
        assertEquals(64L << 20, c.convert("64M"));
        assertEquals(2L << 30, c.convert("2GiB"));
        assertEquals(4096L, c.convert("4096"));
    }
}
