package io.github.vddk4j;

import io.github.vddk4j.testsupport.OwnJvmPerTest;
import static io.github.vddk4j.testsupport.EmulatedWorld.SAN_DS;
import static io.github.vddk4j.testsupport.EmulatedWorld.diskPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.VddkLogSink;
import io.github.vddk4j.testsupport.EmulatedWorld;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The InitEx config file given through DiskLib, as VDDK (the stub) sees it; one DiskLib per test. */
@ExtendWith(OwnJvmPerTest.class)
@ExtendWith(StubLeakCheck.class)
class ConfigThroughDiskLibTest {
    @TempDir
    static Path base;

    @BeforeAll
    static void world() {
        EmulatedWorld.define(base);
    }

    /** A sink that keeps every message (all channels enabled). */
    static final class KeepAll implements VddkLogSink {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public boolean isEnabled(LogChannel channel) {
            return true;
        }

        @Override
        public void accept(LogChannel channel, String message) {
            messages.add(channel + " " + message);
        }
    }

    private static VddkConfig sampleConfig() {
        return VddkConfig.builder()
                .transportLogLevel(5)
                .nfcAcceptTimeout(Duration.ofMinutes(3))
                .nfcRequestTimeout(Duration.ofMinutes(3))
                .nfcReadTimeout(Duration.ofSeconds(60))
                .nfcWriteTimeout(Duration.ofMinutes(10))
                .nfcFssrvrTimeout(Duration.ofSeconds(30))
                .nfcFssrvrWriteTimeout(Duration.ofSeconds(45))
                .nfcLogLevel(2)
                .enableCache(true)
                .nfcAioSessionBufferSize(2)
                .nfcAioSessionBufferCount(8)
                .tmpDirectory(base)
                .build();
    }

    @Test
    void builtConfigIsWhatVddkSeesAndItsTempFileIsGoneOnceInitExReturned() {
        VddkConfig config = sampleConfig();
        KeepAll sink = new KeepAll();
        Path written;
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).config(config).logSink(sink).open()) {
            for (Map.Entry<String, String> e : config.entries().entrySet()) {
                assertEquals(e.getValue(), Stub.configValue(e.getKey()), "effective value of " + e.getKey());
            }
            assertTrue(lib.logBridge().awaitDelivered(Duration.ofSeconds(10)), "log delivered");
            written = configFileFromLog(sink.messages);
            assertFalse(Files.exists(written), "VDDK read the temporary config file in InitEx; it is gone: " + written);
            assertTrue(lib.transportModes().contains(TransportMode.NBD));
        }
    }

    @Test
    void configFilePathIsPassedAsIsAndKept() throws Exception {
        Path file = sampleConfig().toBuilder().nfcReadTimeout(Duration.ofMillis(1234)).build()
                .writeTo(base.resolve("vddk.conf"));
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).configFile(file).open()) {
            assertEquals("1234", Stub.configValue("vixDiskLib.nfc.ReadTimeoutMs"));
            assertEquals("1", Stub.configValue("vixDiskLib.disklib.EnableCache"));
        }
        assertTrue(Files.exists(file), "a caller's config file is never deleted");
    }

    @Test
    void withoutConfigVddkUsesItsDefaults() {
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).open()) {
            assertEquals("0", Stub.configValue("vixDiskLib.nfc.ReadTimeoutMs"));
            assertEquals("6", Stub.configValue("vixDiskLib.transport.LogLevel"));
        }
    }

    @Test
    void nfcReadTimeoutFailsAnNbdReadButNotASanReadOfTheSameDisk() {
        Stub.setLatency(EmulatedWorld.VCENTER, 400);
        VddkConfig config = VddkConfig.builder().nfcReadTimeout(Duration.ofMillis(100)).build();
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).config(config).open()) {
            try (Connection c = lib.connect(EmulatedWorld.vcenter().readOnly(true).transports(TransportMode.NBD));
                 DiskHandle d = c.open(diskPath(SAN_DS))) {
                assertEquals(TransportMode.NBD, d.transportMode());
                VddkCallException e = assertThrows(VddkCallException.class, () -> d.read(0, ByteBuffer.allocateDirect(4096)));
                assertEquals(VixErrorCode.VIX_E_NET_HTTP_OPERATION_TIMEDOUT, e.errorCode());
                assertEquals("VixDiskLib_Read", e.function());
                assertTrue(e.vddkLog().stream().anyMatch(l -> l.contains("timed out")), e.vddkLog().toString());
            }
            try (Connection c = lib.connect(EmulatedWorld.vcenter().withSnapshot("snapshot-1").readOnly(true));
                 DiskHandle d = c.open(diskPath(SAN_DS))) {
                assertEquals(TransportMode.SAN, d.transportMode());
                ByteBuffer buf = d.allocateBuffer(4096);
                d.read(0, buf);
                assertFalse(buf.hasRemaining());
            }
        } finally {
            Stub.setLatency(EmulatedWorld.VCENTER, 0);
        }
    }

    private static Path configFileFromLog(List<String> messages) {
        Pattern p = Pattern.compile("reading config file (\\S+)");
        for (String m : messages) {
            Matcher matcher = p.matcher(m);
            if (matcher.find()) {
                return Path.of(matcher.group(1));
            }
        }
        throw new AssertionError("VDDK did not log which config file it read: " + messages.subList(0, Math.min(10, messages.size())));
    }
}
