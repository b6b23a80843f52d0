package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlobalOptionsTest {

    private static GlobalOptions parse(String... args) throws UsageException {
        return GlobalOptions.from(ArgParser.parse("info", List.of(args), GlobalOptions.SPECS));
    }

    private static void fails(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void localUseNeedsNoRemoteOptions() throws UsageException {
        GlobalOptions g = parse("--lib-dir", "/opt/vddk", "--config", "vddk.conf");
        assertFalse(g.isRemote());
        assertEquals(Path.of("/opt/vddk"), g.libDir().orElseThrow());
        assertEquals(Path.of("vddk.conf"), g.configFile().orElseThrow());
    }

    @Test
    void remoteUseNeedsUserPasswordSourceAndVm() throws UsageException {
        GlobalOptions g = parse("--server", "vc.example.com", "--user", "backup@vsphere.local",
                "--password-env", "VC_PASSWORD", "--vm", "vm-42", "--snapshot", "snapshot-7",
                "--thumbprint", "AA:BB", "--transports", "hotadd:nbdssl");
        assertTrue(g.isRemote());
        assertEquals("vm-42", g.vm().orElseThrow());
        fails("--server needs --user", "--server", "vc");
        fails("exactly one of --password-env VAR or --password-stdin", "--server", "vc", "--user", "u", "--vm", "vm-1");
        fails("exactly one of", "--server", "vc", "--user", "u", "--vm", "vm-1", "--password-env", "P",
                "--password-stdin");
        fails("--server needs --vm", "--server", "vc", "--user", "u", "--password-stdin");
    }

    @Test
    void remoteOptionsWithoutServerAreRejected() {
        fails("--user only makes sense with --server", "--user", "u");
        fails("--snapshot only makes sense with --server", "--snapshot", "s-1");
        fails("--password-stdin only makes sense with --server", "--password-stdin");
    }

    @Test
    void passwordOnTheCommandLineIsRefusedWithTheAlternatives() {
        for (String arg : List.of("--password", "--password=secret")) {
            UsageException e = assertThrows(UsageException.class,
                    () -> GlobalOptions.rejectPasswordArguments("info", List.of("disk", arg, "x")));
            assertTrue(e.getMessage().contains("--password-env VAR or --password-stdin"), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }

    @Test
    void passwordComesFromTheNamedEnvironmentVariable() throws Exception {
        CliContext cli = context(Map.of("VC_PASSWORD", "s3cret"), "");
        cli.global(parse("--server", "vc", "--user", "u", "--vm", "vm-1", "--password-env", "VC_PASSWORD"));
        assertEquals("s3cret", new String(cli.readPassword()));
        cli.global(parse("--server", "vc", "--user", "u", "--vm", "vm-1", "--password-env", "UNSET"));
        UsageException e = assertThrows(UsageException.class, cli::readPassword);
        assertTrue(e.getMessage().contains("UNSET"), e.getMessage());
    }

    @Test
    void passwordComesFromTheFirstLineOfStdin() throws Exception {
        CliContext cli = context(Map.of(), "pa ss\nnext\n");
        cli.global(parse("--server", "vc", "--user", "u", "--vm", "vm-1", "--password-stdin"));
        assertEquals("pa ss", new String(cli.readPassword()));
        CliContext empty = context(Map.of(), "");
        empty.global(cli.global());
        assertThrows(UsageException.class, empty::readPassword);
    }

    private static CliContext context(Map<String, String> env, String stdin) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new CliContext(sink, sink, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                env::get, k -> null, Path.of("/nonexistent"));
    }
}
