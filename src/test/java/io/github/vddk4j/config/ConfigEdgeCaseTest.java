package io.github.vddk4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile config input (issue 12, defect 6): every error names the file and line (or the key),
 * and stays short whatever the input's size.
 */
class ConfigEdgeCaseTest {
    /** An error message longer than this is not "short". */
    private static final int SHORT = 400;

    @TempDir
    Path dir;

    private static void isShort(Throwable e) {
        assertTrue(e.getMessage().length() <= SHORT, () -> "message of " + e.getMessage().length() + " chars");
    }

    @Test
    void keysThatDifferOnlyInLetterCaseAreOneKeyWhenParsed() {
        ConfigFormatException e = assertThrows(ConfigFormatException.class,
                () -> VddkConfig.parse("acme.custom.key=1\nACME.CUSTOM.KEY=2\n"));
        assertEquals(2, e.lineNumber());
        assertTrue(e.getMessage().contains("already set on line 1 as 'acme.custom.key'"), e.getMessage());
        assertTrue(e.getMessage().contains("letter case"), e.getMessage());
    }

    @Test
    void keysThatDifferOnlyInLetterCaseAreOneKeyInTheBuilder() {
        VddkConfig.Builder b = VddkConfig.builder().set("acme.custom.key", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.set("Acme.Custom.Key", "2"));
        assertTrue(e.getMessage().contains("already set as 'acme.custom.key'"), e.getMessage());
        VddkConfig c = b.set("acme.custom.key", "3").build();
        assertEquals("3", c.get("ACME.custom.KEY").orElseThrow());
        assertTrue(b.remove("ACME.CUSTOM.KEY").build().isEmpty());
    }

    @Test
    void nonAsciiLettersAreNotFoldedBecauseVddkComparesAsciiOnly() {
        VddkConfig c = VddkConfig.builder().set("acme.\u00e4", "1").set("acme.\u00c4", "2").build();
        assertEquals(2, c.entries().size());
    }

    @Test
    void unpairedSurrogatesAreRejectedInValuesAndKeys() {
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> VddkConfig.builder().set("acme.name", "caf\uD800e"));
        assertTrue(v.getMessage().contains("surrogate") && v.getMessage().contains("index 3"), v.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VddkConfig.builder().set("acme.\uDC00", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> VddkConfig.builder().phoneHomeProductName("end\uD83D"));
        ConfigFormatException p = assertThrows(ConfigFormatException.class,
                () -> VddkConfig.parse("ok=1\nacme.name=\"\uDE00\"\n"));
        assertEquals(2, p.lineNumber());
    }

    @Test
    void pairedSurrogatesRoundTripThroughAFile() throws IOException {
        VddkConfig c = VddkConfig.builder().set("acme.name", "backup \uD83D\uDCBE").build();
        assertEquals(c, VddkConfig.read(c.writeTo(dir.resolve("emoji.conf"))));
    }

    @Test
    void invalidUtf8NamesFileLineAndColumn() throws IOException {
        Path file = dir.resolve("latin1.conf");
        byte[] bytes = "a=1\nacme.name=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, bytes);
        ConfigFormatException e = assertThrows(ConfigFormatException.class, () -> VddkConfig.read(file));
        assertEquals(2, e.lineNumber());
        assertTrue(e.getMessage().startsWith(file + ": line 2: invalid UTF-8 (byte 0xE9 at column 14)"),
                e.getMessage());
        isShort(e);
    }

    @Test
    void hugeSparseFileIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("huge.conf");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(8L * 1024 * 1024 * 1024); // 8 GiB, sparse
        }
        ConfigFormatException e = assertThrows(ConfigFormatException.class, () -> VddkConfig.read(file));
        assertEquals(0, e.lineNumber());
        assertTrue(e.getMessage().startsWith(file + ": the file is larger than"), e.getMessage());
        isShort(e);
    }

    @Test
    void tenMebibyteLineWithoutEqualsGivesAShortMessage() throws IOException {
        Path file = dir.resolve("long.conf");
        Files.writeString(file, "ok=1\n" + "x".repeat(1024 * 1024 - 16) + "\n");
        ConfigFormatException e = assertThrows(ConfigFormatException.class, () -> VddkConfig.read(file));
        assertEquals(2, e.lineNumber());
        isShort(e);
        ConfigFormatException p = assertThrows(ConfigFormatException.class,
                () -> VddkConfig.parse("x".repeat(10 * 1024 * 1024)));
        assertTrue(p.getMessage().contains("characters long"), p.getMessage());
        isShort(p);
        assertTrue(p.line().length() < SHORT);
    }

    @Test
    void longBadValuesAreShownAbbreviated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VddkConfig.parse("vixDiskLib.nfc.LogLevel=" + "9".repeat(4000) + "\n"));
        isShort(e);
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> VddkConfig.builder().set("acme.big", "v".repeat(100_000)));
        assertTrue(b.getMessage().contains("100000 characters"), b.getMessage());
        isShort(b);
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> VddkConfig.builder().set("acme.nul", "a".repeat(5000 / 2) + "\0"));
        isShort(n);
    }

    @Test
    void nulInAFileValueNamesTheLine() {
        ConfigFormatException e = assertThrows(ConfigFormatException.class,
                () -> VddkConfig.parse("a=1\nb=x\0y\n"));
        assertEquals(2, e.lineNumber());
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        assertTrue(e.getMessage().contains("\\u0000"), e.getMessage());
    }
}
