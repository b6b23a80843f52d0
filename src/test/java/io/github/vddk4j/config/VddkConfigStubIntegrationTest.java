package io.github.vddk4j.config;

import org.junit.jupiter.api.extension.ExtendWith;
import io.github.vddk4j.testsupport.OwnJvmPerTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.jna.Memory;
import com.sun.jna.ptr.LongByReference;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.jna.VixDiskLibLoader;
import io.github.vddk4j.testkit.VixDiskLibStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stub reads what vddk4j writes: after InitEx, VixDiskLibStub_GetConfigValue returns exactly
 * the built value of every key, whether DiskLib got the VddkConfig or a file written by writeTo.
 * (DiskLib's own tests cover the same through its builder; this one is about the file format.)
 */
@ExtendWith(OwnJvmPerTest.class)
class VddkConfigStubIntegrationTest {
    private static Path libDir;
    private static VixDiskLibStub stub;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadStub() {
        libDir = Path.of(System.getProperty("vddk4j.test.libDir"));
        stub = VixDiskLibStub.load(new VixDiskLibLoader().load(libDir).path());
    }

    private static String effective(String key) {
        Memory buf = new Memory(4096);
        LongByReference required = new LongByReference();
        long err = stub.VixDiskLibStub_GetConfigValue(key, buf, buf.size(), required);
        assertEquals(0, err, "GetConfigValue(" + key + ") failed with " + err);
        return buf.getString(0, "UTF-8");
    }

    private static VddkConfig everyKey(Path tmp) {
        return VddkConfig.builder()
                .tmpDirectory(tmp.resolve("vddk tmp #1"))
                .transportLogLevel(2)
                .nfcAcceptTimeout(Duration.ofMinutes(3))
                .nfcRequestTimeout(Duration.ofMinutes(3))
                .nfcReadTimeout(Duration.ofSeconds(60))
                .nfcWriteTimeout(Duration.ofMinutes(10))
                .nfcFssrvrTimeout(Duration.ofMillis(1))
                .nfcFssrvrWriteTimeout(Duration.ofMillis(VddkConfig.MAX_TIMEOUT_MS))
                .nfcLogLevel(3)
                .enableCache(true)
                .sanAllowList("/dev/sd[a-f]", "/dev/sdz")
                .sanDenyList("all")
                .sanWhitelist("/dev/sdb")
                .sanBlacklist("/dev/sda")
                .linuxSslVerifyCertificates(false)
                .phoneHomeEnabled(false)
                .phoneHomeProductName("Acme Backup")
                .phoneHomeProductVersion("4.2.1")
                .phoneHomeDatabaseDir(tmp.resolve("ceip"))
                .hotaddNoNfcSession(true)
                .sslEnableFips(true)
                .nfcAioSessionBufferSize(8)
                .nfcAioSessionBufferCount(32)
                .build();
    }

    /** The README's config example, verbatim apart from the directories. */
    @Test
    void readmeExampleRunsAgainstTheStub() {
        Path tmp = dir.resolve("acme-vddk");
        // README snippet begins
        VddkConfig config = VddkConfig.builder()
                .tmpDirectory(tmp)                            // VMware recommends setting it
                .transportLogLevel(3)                         // 0 panic .. 6 trivia
                .nfcReadTimeout(Duration.ofSeconds(60))       // nbd/nbdssl only
                .nfcWriteTimeout(Duration.ofMinutes(10))      // nbd/nbdssl only
                .enableCache(false)                           // a cache can return stale data to backups
                .build();

        try (DiskLib lib = DiskLib.builder().libDir(libDir).config(config).open()) {
            // ... connect, open, read ...
            // README snippet ends
            assertEquals(tmp.toString(), effective("tmpDirectory"));
            assertEquals("3", effective("vixDiskLib.transport.LogLevel"));
            assertEquals("60000", effective("vixDiskLib.nfc.ReadTimeoutMs"));
            assertEquals("600000", effective("vixDiskLib.nfc.WriteTimeoutMs"));
            assertEquals("0", effective("vixDiskLib.disklib.EnableCache"));
        }
    }

    @Test
    void everyBuiltKeyIsTheEffectiveValueAfterInitEx() {
        VddkConfig config = everyKey(dir);
        try (DiskLib lib = DiskLib.builder().libDir(libDir).config(config).open()) {
            assertFalse(lib.isClosed());
            for (Map.Entry<String, String> e : config.entries().entrySet()) {
                assertEquals(e.getValue(), effective(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void fileWrittenByWriteToIsReadBackByTheStubAndByRead() throws IOException {
        VddkConfig config = everyKey(dir);
        Path file = config.writeTo(dir.resolve("vddk.conf"));
        assertEquals(config, VddkConfig.read(file));
        try (DiskLib lib = DiskLib.builder().libDir(libDir).configFile(file).open()) {
            for (Map.Entry<String, String> e : config.entries().entrySet()) {
                assertEquals(e.getValue(), effective(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void handWrittenFileInBothSyntaxesMeansTheSameToTheStubAndToParse() throws IOException {
        Path file = dir.resolve("sample.conf");
        Files.writeString(file, "# VMware sample style\n"
                + "tmpDirectory = \"/usr/local/vendorapp/var/vmware/temp\"\n"
                + "vixDiskLib.transport.LogLevel=4\n"
                + "  vixDiskLib.nfc.ReadTimeoutMs = 60000\n"
                + "vixDiskLib.disklib.EnableCache=\"0\"\n");
        VddkConfig parsed = VddkConfig.read(file);
        assertEquals(4, parsed.entries().size());
        try (DiskLib lib = DiskLib.builder().libDir(libDir).configFile(file).open()) {
            for (Map.Entry<String, String> e : parsed.entries().entrySet()) {
                assertEquals(e.getValue(), effective(e.getKey()), e.getKey());
            }
        }
    }
}
