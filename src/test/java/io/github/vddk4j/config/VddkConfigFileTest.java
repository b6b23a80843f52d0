package io.github.vddk4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VddkConfigFileTest {

    @TempDir
    Path dir;

    private static VddkConfig everything() {
        return VddkConfig.builder()
                .tmpDirectory(Path.of("/var/tmp/acme backup/#vddk"))
                .transportLogLevel(3)
                .nfcAcceptTimeout(Duration.ofMinutes(3))
                .nfcRequestTimeout(Duration.ofMinutes(3))
                .nfcReadTimeout(Duration.ofSeconds(60))
                .nfcWriteTimeout(Duration.ofMinutes(10))
                .nfcFssrvrTimeout(Duration.ZERO)
                .nfcFssrvrWriteTimeout(Duration.ofMillis(2_147_483_647L))
                .nfcLogLevel(2)
                .enableCache(true)
                .sanAllowList("/dev/sd[a-f]")
                .sanDenyList("/dev/sd*")
                .sanWhitelist("/dev/sdb", "/dev/sdc")
                .sanBlacklist("all")
                .linuxSslVerifyCertificates(true)
                .phoneHomeEnabled(false)
                .phoneHomeProductName("Acme Backup = best")
                .phoneHomeProductVersion("4.2")
                .phoneHomeDatabaseDir(Path.of("/var/lib/acme"))
                .hotaddNoNfcSession(true)
                .sslEnableFips(false)
                .nfcAioSessionBufferSize(16)
                .nfcAioSessionBufferCount(16)
                .set("vixDiskLib.future.Knob", "\tpadded #value ")
                .set("empty.value", "")
                .build();
    }

    @Test
    void fileTextIsACommentThenOneQuotedKeyValueLinePerEntryInOrder() {
        VddkConfig c = VddkConfig.builder().transportLogLevel(3).nfcReadTimeout(Duration.ofSeconds(60)).build();
        assertEquals(ConfigFileFormat.HEADER + "\n"
                + "vixDiskLib.transport.LogLevel=\"3\"\n"
                + "vixDiskLib.nfc.ReadTimeoutMs=\"60000\"\n", c.toFileText());
    }

    @Test
    void buildWriteReadGivesAnEqualConfigWithTheSameOrder() throws IOException {
        VddkConfig original = everything();
        Path file = original.writeTo(dir.resolve("vddk.conf"));
        VddkConfig back = VddkConfig.read(file);
        assertEquals(original, back);
        assertEquals(List.copyOf(original.entries().keySet()), List.copyOf(back.entries().keySet()));
        assertEquals(original.toFileText(), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void emptyConfigRoundTrips() throws IOException {
        Path file = VddkConfig.empty().writeTo(dir.resolve("empty.conf"));
        assertEquals(VddkConfig.empty(), VddkConfig.read(file));
    }

    @Test
    void writeToReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("vddk.conf");
        Files.writeString(file, "old contents that are much longer than the new ones ...............\n");
        VddkConfig.builder().enableCache(false).build().writeTo(file);
        assertEquals(VddkConfig.builder().enableCache(false).build(), VddkConfig.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writeToWorksForAFileNameNearTheFileSystemLimit() throws IOException {
        Path file = dir.resolve("c".repeat(250) + ".conf");
        VddkConfig c = VddkConfig.builder().transportLogLevel(1).build();
        c.writeTo(file);
        assertEquals(c, VddkConfig.read(file));
    }

    @Test
    void writeToAMissingDirectoryFailsAndSaysWhich() {
        Path missing = dir.resolve("no/such/dir/vddk.conf");
        IOException e = assertThrows(IOException.class, () -> VddkConfig.empty().writeTo(missing));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void writeToAPathThatIsADirectoryFailsAndCleansUp() throws IOException {
        Path target = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(target.resolve("keep"), "x");
        assertThrows(IOException.class, () -> VddkConfig.empty().writeTo(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void writeTempFileCreatesAReadableFileTheCallerDeletes() throws IOException {
        VddkConfig c = everything();
        Path file = c.writeTempFile(dir);
        try {
            assertTrue(file.getFileName().toString().startsWith("vddk4j-"));
            assertTrue(file.getFileName().toString().endsWith(".conf"));
            assertEquals(c, VddkConfig.read(file));
        } finally {
            Files.delete(file);
        }
        Path defaultLocation = c.writeTempFile();
        try {
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath(),
                    defaultLocation.getParent().toAbsolutePath());
        } finally {
            Files.delete(defaultLocation);
        }
    }

    @Test
    void parseAcceptsBothSyntaxesCommentsAndBlankLines() {
        String text = "\uFEFF# VMware sample style\r\n"
                + "tmpDirectory = \"/usr/local/vendorapp/var/vmware/temp\"\r\n"
                + "\n"
                + "   # indented comment\n"
                + "vixDiskLib.transport.LogLevel=2\n"
                + "vixDiskLib.disklib.EnableCache = 0   # trailing comment\n"
                + "vixDiskLib.transport.san.denyList=\"\\\\?\\scsi#disk*\"  # quoted hash is data\n"
                + "\tvixDiskLib.nfc.ReadTimeoutMs =60000\t\n"
                + "some.empty=\n";
        VddkConfig c = VddkConfig.parse(text);
        assertEquals(Map.of(
                "tmpDirectory", "/usr/local/vendorapp/var/vmware/temp",
                "vixDiskLib.transport.LogLevel", "2",
                "vixDiskLib.disklib.EnableCache", "0",
                "vixDiskLib.transport.san.denyList", "\\\\?\\scsi#disk*",
                "vixDiskLib.nfc.ReadTimeoutMs", "60000",
                "some.empty", ""), c.entries());
        assertEquals(List.of("tmpDirectory", "vixDiskLib.transport.LogLevel", "vixDiskLib.disklib.EnableCache",
                "vixDiskLib.transport.san.denyList", "vixDiskLib.nfc.ReadTimeoutMs", "some.empty"),
                List.copyOf(c.entries().keySet()));
    }

    private static ConfigFormatException parseFails(String text, int line, String... fragments) {
        ConfigFormatException e = assertThrows(ConfigFormatException.class, () -> VddkConfig.parse(text));
        assertEquals(line, e.lineNumber(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(e.line().contains("=") ? "[" + e.line() + "]" : "text is not shown"),
                e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
        return e;
    }

    @Test
    void lineWithoutEqualsSignIsReportedWithNumberAndItsTextOnlyInLine() {
        ConfigFormatException e = parseFails("# ok\nvixDiskLib.transport.LogLevel=1\nEnableCache 1\n", 3,
                "no '='");
        assertEquals("EnableCache 1", e.line());
        assertFalse(e.getMessage().contains("EnableCache 1"), e.getMessage()); // not config: maybe a secret file's line
        assertTrue(e.source().isEmpty());
    }

    @Test
    void unterminatedQuoteIsReported() {
        parseFails("tmpDirectory=\"/tmp/x\n", 1, "no closing");
    }

    @Test
    void textAfterClosingQuoteIsReported() {
        parseFails("a=b\nkey=\"v\" extra\n", 2, "after the closing", "extra");
    }

    @Test
    void quoteInsideUnquotedValueIsReported() {
        parseFails("key=ab\"c\n", 1, "unquoted value");
    }

    @Test
    void badKeyIsReported() {
        parseFails("\n\nmy key=1\n", 3, "whitespace");
        parseFails("=1\n", 1, "config key is empty");
    }

    @Test
    void duplicateKeyIsReportedWithBothLines() {
        parseFails("x=1\ny=2\nx=3\n", 3, "'x'", "already set on line 1");
    }

    @Test
    void invalidValueOfAKnownKeyIsReportedWithItsLine() {
        parseFails("vixDiskLib.transport.LogLevel=3\nvixDiskLib.nfc.ReadTimeoutMs = \"4294967295\"\n", 2,
                "ReadTimeoutMs", "32-bit");
        parseFails("vixDiskLib.nfc.LogLevel=9\n", 1, "from 0 to 4");
    }

    @Test
    void readNamesTheFileInErrors() throws IOException {
        Path file = dir.resolve("broken.conf");
        Files.writeString(file, "ok=1\nbroken\n");
        ConfigFormatException e = assertThrows(ConfigFormatException.class, () -> VddkConfig.read(file));
        assertEquals(2, e.lineNumber());
        assertEquals(file.toString(), e.source().orElseThrow());
        assertTrue(e.getMessage().startsWith(file + ": line 2: "), e.getMessage());
    }

    @Test
    void readOfAMissingFileThrowsIoException() {
        assertThrows(IOException.class, () -> VddkConfig.read(dir.resolve("missing.conf")));
    }

    @Test
    void nfcAioBudgetIsCheckedWhenParsing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VddkConfig.parse(
                "vixDiskLib.nfcAio.Session.BufSizeIn64KB=64\nvixDiskLib.nfcAio.Session.BufCount=8\n"));
        assertTrue(e.getMessage().contains("16 MiB"), e.getMessage());
    }

    @Test
    void parsedBooleansAreNormalizedToOneAndZero() {
        VddkConfig c = VddkConfig.parse("vixDiskLib.disklib.EnableCache=true\nvixDiskLib.ssl.enableSslFIPS=FALSE\n");
        assertEquals("1", c.get(ConfigKey.ENABLE_CACHE).orElseThrow());
        assertEquals("0", c.get(ConfigKey.SSL_ENABLE_FIPS).orElseThrow());
        assertFalse(c.toFileText().contains("true"));
    }
}
