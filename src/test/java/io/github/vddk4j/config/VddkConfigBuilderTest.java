package io.github.vddk4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VddkConfigBuilderTest {

    private static IllegalArgumentException rejects(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
        return e;
    }

    // ---- the guide's keys ----

    @Test
    void transportLogLevelWritesTheGuideKeyForEveryLevel() {
        for (int level = 0; level <= 6; level++) {
            VddkConfig c = VddkConfig.builder().transportLogLevel(level).build();
            assertEquals(Map.of("vixDiskLib.transport.LogLevel", Integer.toString(level)), c.entries());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 7, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void transportLogLevelOutsideZeroToSixIsRejectedWithTheRange(int level) {
        rejects(() -> VddkConfig.builder().transportLogLevel(level), "vixDiskLib.transport.LogLevel",
                Integer.toString(level), "out of range", "from 0 to 6");
    }

    @Test
    void nfcLogLevelAcceptsZeroToFourAndRejectsFive() {
        assertEquals("4", VddkConfig.builder().nfcLogLevel(4).build().get("vixDiskLib.nfc.LogLevel").orElseThrow());
        assertEquals("0", VddkConfig.builder().nfcLogLevel(0).build().get(ConfigKey.NFC_LOG_LEVEL).orElseThrow());
        rejects(() -> VddkConfig.builder().nfcLogLevel(5), "vixDiskLib.nfc.LogLevel", "5", "from 0 to 4");
        rejects(() -> VddkConfig.builder().nfcLogLevel(-1), "vixDiskLib.nfc.LogLevel", "-1", "from 0 to 4");
    }

    static Stream<Arguments> timeoutSetters() {
        return Stream.of(
                Arguments.of("vixDiskLib.nfc.AcceptTimeoutMs",
                        (BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder>) VddkConfig.Builder::nfcAcceptTimeout),
                Arguments.of("vixDiskLib.nfc.RequestTimeoutMs",
                        (BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder>) VddkConfig.Builder::nfcRequestTimeout),
                Arguments.of("vixDiskLib.nfc.ReadTimeoutMs",
                        (BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder>) VddkConfig.Builder::nfcReadTimeout),
                Arguments.of("vixDiskLib.nfc.WriteTimeoutMs",
                        (BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder>) VddkConfig.Builder::nfcWriteTimeout),
                Arguments.of("vixDiskLib.nfcFssrvr.TimeoutMs",
                        (BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder>) VddkConfig.Builder::nfcFssrvrTimeout),
                Arguments.of("vixDiskLib.nfcFssrvrWrite.TimeoutMs",
                        (BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder>) VddkConfig.Builder::nfcFssrvrWriteTimeout));
    }

    @ParameterizedTest
    @MethodSource("timeoutSetters")
    void timeoutIsWrittenInWholeMilliseconds(String key, BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder> setter) {
        assertEquals("60000", setter.apply(VddkConfig.builder(), Duration.ofSeconds(60)).build().get(key).orElseThrow());
        assertEquals("1", setter.apply(VddkConfig.builder(), Duration.ofMillis(1)).build().get(key).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("timeoutSetters")
    void zeroTimeoutMeansNoTimeoutAndIsWrittenAsZero(String key, BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder> setter) {
        assertEquals("0", setter.apply(VddkConfig.builder(), Duration.ZERO).build().get(key).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("timeoutSetters")
    void largestSignedThirtyTwoBitTimeoutIsAcceptedAndOneMoreIsRejected(String key,
            BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder> setter) {
        assertEquals("2147483647", setter.apply(VddkConfig.builder(), Duration.ofMillis(2_147_483_647L))
                .build().get(key).orElseThrow());
        rejects(() -> setter.apply(VddkConfig.builder(), Duration.ofMillis(2_147_483_648L)), key,
                "2147483648 ms", "32-bit", "2147483647", "Duration.ZERO");
    }

    @ParameterizedTest
    @MethodSource("timeoutSetters")
    void negativeTimeoutIsRejected(String key, BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder> setter) {
        rejects(() -> setter.apply(VddkConfig.builder(), Duration.ofMillis(-1)), key, "negative", "Duration.ZERO");
    }

    @ParameterizedTest
    @MethodSource("timeoutSetters")
    void subMillisecondTimeoutIsRejected(String key, BiFunction<VddkConfig.Builder, Duration, VddkConfig.Builder> setter) {
        rejects(() -> setter.apply(VddkConfig.builder(), Duration.ofNanos(1_500_000)), key, "sub-millisecond");
        rejects(() -> setter.apply(VddkConfig.builder(), Duration.ofNanos(1)), key, "sub-millisecond");
    }

    @Test
    void hugeTimeoutIsRejectedWithoutOverflow() {
        rejects(() -> VddkConfig.builder().nfcReadTimeout(Duration.ofSeconds(Long.MAX_VALUE)),
                "vixDiskLib.nfc.ReadTimeoutMs", "does not fit");
    }

    @Test
    void nullTimeoutIsRejectedWithAHint() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> VddkConfig.builder().nfcReadTimeout(null));
        assertTrue(e.getMessage().contains("Duration.ZERO"), e.getMessage());
    }

    @Test
    void enableCacheIsWrittenAsOneOrZero() {
        assertEquals("1", VddkConfig.builder().enableCache(true).build().get("vixDiskLib.disklib.EnableCache").orElseThrow());
        assertEquals("0", VddkConfig.builder().enableCache(false).build().get("vixDiskLib.disklib.EnableCache").orElseThrow());
    }

    // ---- the other documented keys ----

    @Test
    void tmpDirectoryTakesAnAbsolutePath() {
        assertEquals("/var/tmp/vddk", VddkConfig.builder().tmpDirectory(Path.of("/var/tmp/vddk")).build()
                .get("tmpDirectory").orElseThrow());
        rejects(() -> VddkConfig.builder().tmpDirectory(Path.of("relative/dir")), "tmpDirectory", "relative/dir",
                "relative", "absolute path");
    }

    @Test
    void tmpDirectoryWithSpacesAndHashIsKept() {
        assertEquals("/srv/my backups/#1", VddkConfig.builder().tmpDirectory(Path.of("/srv/my backups/#1")).build()
                .get(ConfigKey.TMP_DIRECTORY).orElseThrow());
    }

    @Test
    void tmpDirectoryWithAQuoteIsRejected() {
        rejects(() -> VddkConfig.builder().tmpDirectory(Path.of("/tmp/a\"b")), "tmpDirectory", "double quote");
    }

    @Test
    void sanListsUseTheVddk8NamesAndTheLegacyNamesSeparately() {
        VddkConfig c = VddkConfig.builder()
                .sanAllowList("/dev/sdb", "/dev/sd[c-f]")
                .sanDenyList(List.of("all"))
                .sanWhitelist("/dev/sdb")
                .sanBlacklist("/dev/sda")
                .build();
        assertEquals("/dev/sdb,/dev/sd[c-f]", c.get("vixDiskLib.transport.san.allowList").orElseThrow());
        assertEquals("all", c.get("vixDiskLib.transport.san.denyList").orElseThrow());
        assertEquals("/dev/sdb", c.get("vixDiskLib.transport.san.whitelist").orElseThrow());
        assertEquals("/dev/sda", c.get("vixDiskLib.transport.san.blacklist").orElseThrow());
    }

    @Test
    void sanListEntriesWithCommasWhitespaceOrNothingAreRejected() {
        rejects(() -> VddkConfig.builder().sanAllowList("/dev/sda,/dev/sdb"), "allowList", "','");
        rejects(() -> VddkConfig.builder().sanDenyList(" /dev/sda"), "denyList", "whitespace");
        rejects(() -> VddkConfig.builder().sanDenyList("/dev/my disk"), "denyList", "whitespace");
        rejects(() -> VddkConfig.builder().sanWhitelist(""), "whitelist", "empty");
        rejects(() -> VddkConfig.builder().sanBlacklist(List.of()), "blacklist", "empty", "remove");
    }

    @Test
    void booleanKeysAreWrittenAsOneOrZero() {
        VddkConfig c = VddkConfig.builder()
                .linuxSslVerifyCertificates(true)
                .phoneHomeEnabled(false)
                .hotaddNoNfcSession(true)
                .sslEnableFips(false)
                .build();
        assertEquals(Map.of("vixDiskLib.linuxSSL.verifyCertificates", "1",
                "vixDiskLib.phoneHome.EnablePhoneHome", "0",
                "vixDiskLib.transport.hotadd.NoNfcSession", "1",
                "vixDiskLib.ssl.enableSslFIPS", "0"), c.entries());
    }

    @Test
    void phoneHomeTextAndDirectoryKeys() {
        VddkConfig c = VddkConfig.builder()
                .phoneHomeProductName("Acme Backup")
                .phoneHomeProductVersion("4.2.1")
                .phoneHomeDatabaseDir(Path.of("/var/lib/acme/ceip"))
                .build();
        assertEquals("Acme Backup", c.get("vixDiskLib.phoneHome.ProductName").orElseThrow());
        assertEquals("4.2.1", c.get("vixDiskLib.phoneHome.ProductVersion").orElseThrow());
        assertEquals("/var/lib/acme/ceip", c.get("vixDiskLib.phoneHome.DatabaseDir").orElseThrow());
        rejects(() -> VddkConfig.builder().phoneHomeProductName("Acme\nBackup"), "ProductName", "line break");
        rejects(() -> VddkConfig.builder().phoneHomeDatabaseDir(Path.of("ceip")), "DatabaseDir", "relative");
    }

    @Test
    void nfcAioBuffersWithinSixteenMebibytesAreAccepted() {
        VddkConfig c = VddkConfig.builder().nfcAioSessionBufferSize(16).nfcAioSessionBufferCount(16).build();
        assertEquals("16", c.get("vixDiskLib.nfcAio.Session.BufSizeIn64KB").orElseThrow());
        assertEquals("16", c.get("vixDiskLib.nfcAio.Session.BufCount").orElseThrow());
        VddkConfig.builder().nfcAioSessionBufferSize(256).nfcAioSessionBufferCount(1).build();
        VddkConfig.builder().nfcAioSessionBufferSize(64).build(); // 64 x default 4 x 64 KiB = 16 MiB
    }

    @Test
    void nfcAioBuffersOverSixteenMebibytesAreRejectedAtBuild() {
        VddkConfig.Builder b = VddkConfig.builder().nfcAioSessionBufferSize(32).nfcAioSessionBufferCount(9);
        rejects(b::build, "BufSizeIn64KB=32", "BufCount=9", "18432 KiB", "16 MiB", "every open would fail");
    }

    @Test
    void nfcAioBudgetUsesVddkDefaultForTheUnsetHalf() {
        rejects(VddkConfig.builder().nfcAioSessionBufferSize(65)::build, "BufSizeIn64KB=65", "BufCount=4 (default)");
        rejects(() -> VddkConfig.builder().nfcAioSessionBufferCount(257), "BufCount", "from 1 to 256");
        VddkConfig.builder().nfcAioSessionBufferCount(256).build(); // default size 1 x 256 x 64 KiB = 16 MiB
    }

    @Test
    void nfcAioSizeAndCountBelowOneAreRejected() {
        rejects(() -> VddkConfig.builder().nfcAioSessionBufferSize(0), "BufSizeIn64KB", "from 1 to 256");
        rejects(() -> VddkConfig.builder().nfcAioSessionBufferCount(0), "BufCount", "from 1 to 256");
    }

    // ---- raw set ----

    @Test
    void rawSetKeepsUnknownKeysVerbatim() {
        VddkConfig c = VddkConfig.builder().set("vixDiskLib.future.Knob", " spaced value\t#1 ").build();
        assertEquals(" spaced value\t#1 ", c.get("vixDiskLib.future.Knob").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "tab\tkey", "a=b", "a#b", "a\"b", "a'b", "line\nbreak", "cr\rkey"})
    void rawSetRejectsKeysThatCannotBeWritten(String key) {
        IllegalArgumentException e = rejects(() -> VddkConfig.builder().set(key, "1"), "config key", "contains",
                "at index");
        assertFalse(e.getMessage().contains("\n"), "message must be one line: " + e.getMessage());
    }

    @Test
    void rawSetRejectsEmptyKey() {
        rejects(() -> VddkConfig.builder().set("", "1"), "config key is empty");
    }

    @Test
    void rawSetRejectsValuesWithLineBreaksNulQuotesOrControls() {
        rejects(() -> VddkConfig.builder().set("x.y", "a\nb"), "x.y", "line break", "index 1");
        rejects(() -> VddkConfig.builder().set("x.y", "a\rb"), "x.y", "line break");
        rejects(() -> VddkConfig.builder().set("x.y", "a\0b"), "x.y", "NUL");
        rejects(() -> VddkConfig.builder().set("x.y", "say \"hi\""), "x.y", "double quote");
        rejects(() -> VddkConfig.builder().set("x.y", "bell\u0007"), "x.y", "control character", "U+0007");
    }

    @Test
    void rawSetOfAKnownKeyIsValidatedLikeItsTypedSetter() {
        rejects(() -> VddkConfig.builder().set("vixDiskLib.nfc.ReadTimeoutMs", "soon"), "ReadTimeoutMs",
                "'soon'", "milliseconds");
        rejects(() -> VddkConfig.builder().set("vixDiskLib.nfc.ReadTimeoutMs", "-5"), "ReadTimeoutMs", "-5 is negative");
        rejects(() -> VddkConfig.builder().set("vixDiskLib.nfc.ReadTimeoutMs", "1.5"), "ReadTimeoutMs", "'1.5'");
        rejects(() -> VddkConfig.builder().set("vixDiskLib.nfc.ReadTimeoutMs", "2147483648"), "32-bit");
        rejects(() -> VddkConfig.builder().set("vixDiskLib.nfc.ReadTimeoutMs", "99999999999999999999999"), "32-bit");
        rejects(() -> VddkConfig.builder().set("vixDiskLib.transport.LogLevel", "7"), "out of range");
        rejects(() -> VddkConfig.builder().set("vixDiskLib.disklib.EnableCache", "maybe"), "boolean");
        assertEquals("1", VddkConfig.builder().set("vixDiskLib.disklib.EnableCache", "TRUE").build()
                .get(ConfigKey.ENABLE_CACHE).orElseThrow());
        assertEquals("7", VddkConfig.builder().set("vixDiskLib.nfc.ReadTimeoutMs", "007").build()
                .get(ConfigKey.NFC_READ_TIMEOUT_MS).orElseThrow());
    }

    @Test
    void rawSetOfAKnownKeyInTheWrongCaseNamesTheRightSpelling() {
        rejects(() -> VddkConfig.builder().set("vixdisklib.nfc.readtimeoutms", "1000"),
                "letter case", "vixDiskLib.nfc.ReadTimeoutMs");
    }

    // ---- builder semantics ----

    @Test
    void settingAKeyAgainReplacesTheValueAndKeepsItsPosition() {
        VddkConfig c = VddkConfig.builder().transportLogLevel(1).enableCache(true).transportLogLevel(3).build();
        assertEquals(List.of("vixDiskLib.transport.LogLevel", "vixDiskLib.disklib.EnableCache"),
                List.copyOf(c.entries().keySet()));
        assertEquals("3", c.get(ConfigKey.TRANSPORT_LOG_LEVEL).orElseThrow());
    }

    @Test
    void entriesAreUnmodifiableAndTheConfigIsUnaffectedByLaterBuilderChanges() {
        VddkConfig.Builder b = VddkConfig.builder().transportLogLevel(2);
        VddkConfig c = b.build();
        b.enableCache(true);
        assertEquals(1, c.entries().size());
        assertThrows(UnsupportedOperationException.class, () -> c.entries().put("a", "b"));
    }

    @Test
    void toBuilderStartsFromTheEntriesAndLeavesTheOriginalAlone() {
        VddkConfig a = VddkConfig.builder().transportLogLevel(2).nfcReadTimeout(Duration.ofSeconds(5)).build();
        VddkConfig b = a.toBuilder().remove(ConfigKey.TRANSPORT_LOG_LEVEL).enableCache(true).build();
        assertEquals(Map.of("vixDiskLib.transport.LogLevel", "2", "vixDiskLib.nfc.ReadTimeoutMs", "5000"), a.entries());
        assertEquals(List.of("vixDiskLib.nfc.ReadTimeoutMs", "vixDiskLib.disklib.EnableCache"),
                List.copyOf(b.entries().keySet()));
    }

    @Test
    void emptyBuilderGivesTheEmptyConfig() {
        assertSame(VddkConfig.empty(), VddkConfig.builder().build());
        assertTrue(VddkConfig.empty().isEmpty());
        assertTrue(VddkConfig.empty().get("anything").isEmpty());
    }

    @Test
    void equalityFollowsTheEntries() {
        VddkConfig a = VddkConfig.builder().transportLogLevel(2).set("x", "y").build();
        VddkConfig b = VddkConfig.builder().transportLogLevel(2).set("x", "y").build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(VddkConfig.builder().transportLogLevel(3).set("x", "y").build()));
    }

    @Test
    void everyKnownKeyHasATypedSetterThatWritesIt() {
        VddkConfig all = VddkConfig.builder()
                .tmpDirectory(Path.of("/tmp/vddk"))
                .transportLogLevel(3)
                .nfcAcceptTimeout(Duration.ofMinutes(3))
                .nfcRequestTimeout(Duration.ofMinutes(3))
                .nfcReadTimeout(Duration.ofMinutes(1))
                .nfcWriteTimeout(Duration.ofMinutes(10))
                .nfcFssrvrTimeout(Duration.ZERO)
                .nfcFssrvrWriteTimeout(Duration.ZERO)
                .nfcLogLevel(2)
                .enableCache(false)
                .sanAllowList("/dev/sdb")
                .sanDenyList("/dev/sda")
                .sanWhitelist("/dev/sdb")
                .sanBlacklist("/dev/sda")
                .linuxSslVerifyCertificates(true)
                .phoneHomeEnabled(false)
                .phoneHomeProductName("Acme")
                .phoneHomeProductVersion("1.0")
                .phoneHomeDatabaseDir(Path.of("/var/lib/acme"))
                .hotaddNoNfcSession(true)
                .sslEnableFips(false)
                .nfcAioSessionBufferSize(4)
                .nfcAioSessionBufferCount(4)
                .build();
        for (ConfigKey k : ConfigKey.values()) {
            assertTrue(all.get(k).isPresent(), "no typed setter wrote " + k.key());
        }
        assertEquals(ConfigKey.values().length, all.entries().size());
    }
}
