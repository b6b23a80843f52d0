package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {
    private static final List<OptionSpec> SPECS = List.of(
            OptionSpec.value("count", "N", "how many"),
            OptionSpec.value("lib-dir", "DIR", "where"),
            OptionSpec.flag("write", "also write"));

    private static ParsedArgs parse(String... args) throws UsageException {
        return ArgParser.parse("cmd", List.of(args), SPECS);
    }

    private static UsageException fails(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals("cmd", e.command());
        return e;
    }

    @Test
    void valuesFlagsAndPositionalsMayBeMixed() throws UsageException {
        ParsedArgs p = parse("a.vmdk", "--count", "5", "--write", "--lib-dir=/opt/vddk", "b.raw");
        assertEquals("5", p.value("count").orElseThrow());
        assertEquals("/opt/vddk", p.value("lib-dir").orElseThrow());
        assertTrue(p.has("write"));
        assertEquals(List.of("a.vmdk", "b.raw"), p.positionals());
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        ParsedArgs p = parse("--", "--count", "-x");
        assertEquals(List.of("--count", "-x"), p.positionals());
        assertTrue(p.value("count").isEmpty());
    }

    @Test
    void singleDashIsAPositional() throws UsageException {
        assertEquals(List.of("-"), parse("-").positionals());
    }

    @Test
    void helpIsRecognizedInBothSpellings() throws UsageException {
        assertTrue(parse("--help").has(ArgParser.HELP));
        assertTrue(parse("x", "-h").has(ArgParser.HELP));
    }

    @Test
    void unknownOptionIsAUsageError() {
        fails("unknown option '--cuont'", "--cuont", "1");
        fails("options are spelled --name", "-c", "1");
    }

    @Test
    void missingValueIsAUsageErrorNamingTheValue() {
        fails("'--count' needs a value (N)", "--count");
    }

    @Test
    void valueGivenToAFlagIsAUsageError() {
        fails("'--write' takes no value", "--write=yes");
    }

    @Test
    void repeatedOptionIsAUsageError() {
        fails("more than once", "--count", "1", "--count=2");
    }

    @Test
    void numericOptionsAreRangeChecked() throws UsageException {
        ParsedArgs p = parse("--count", "12");
        assertEquals(12, p.longValue("count", 1, 1, 100));
        assertEquals(7, parse().longValue("count", 7, 1, 100));
        UsageException e = assertThrows(UsageException.class, () -> parse("--count", "x1").longValue("count", 1, 1, 100));
        assertTrue(e.getMessage().contains("'x1' is not a whole number"), e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("--count", "0").longValue("count", 1, 1, 100));
        assertTrue(e.getMessage().contains("out of range (1..100)"), e.getMessage());
    }

    @Test
    void positionalCountIsChecked() throws UsageException {
        assertEquals(List.of("a", "b"), parse("a", "b").requirePositionals("disk", "file"));
        UsageException e = assertThrows(UsageException.class, () -> parse("a").requirePositionals("disk", "file"));
        assertEquals("missing <file>", e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("a", "b", "c").requirePositionals("disk", "file"));
        assertEquals("unexpected argument 'c'", e.getMessage());
    }

    @Test
    void commandIsTheFirstWordThatIsNotAGlobalOptionOrItsValue() throws UsageException {
        List<OptionSpec> global = GlobalOptions.SPECS;
        assertEquals(2, ArgParser.findCommand(List.of("--lib-dir", "info", "info", "disk"), global));
        assertEquals(1, ArgParser.findCommand(List.of("--lib-dir=/x", "dump"), global));
        assertEquals(1, ArgParser.findCommand(List.of("--password-stdin", "demo"), global));
        assertEquals(-1, ArgParser.findCommand(List.of("--help"), global));
        assertEquals(-1, ArgParser.findCommand(List.of(), global));
    }
}
