package io.github.vddk4j.config;

import org.junit.jupiter.api.extension.ExtendWith;
import io.github.vddk4j.testsupport.OwnJvmPerTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Connection;
import io.github.vddk4j.Credentials;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.OpenOption;
import io.github.vddk4j.TransportMode;
import io.github.vddk4j.VddkCallException;
import io.github.vddk4j.VixErrorCode;
import io.github.vddk4j.jna.VixDiskLibLoader;
import io.github.vddk4j.testkit.VixDiskLibStub;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the config keys do, as the stub emulates the guide: the NFC read timeout fails a slow nbd
 * read and leaves a SAN read of the same disk alone; EnableCache=1 can hand stale data to a
 * reader; NFC AIO buffers over 16 MiB make every open fail (which is why the builder refuses them).
 */
@ExtendWith(OwnJvmPerTest.class)
class ConfigEffectsStubIntegrationTest {
    private static final String SERVER = "vc-config.example.com";
    private static final String DISK = "[cfgstore] vm42/vm42.vmdk";
    private static final int LATENCY_MS = 300;

    @TempDir
    static Path base;
    @TempDir
    Path dir;

    private static Path libDir;
    private static VixDiskLibStub stub;

    @BeforeAll
    static void defineWorld() throws IOException {
        libDir = Path.of(System.getProperty("vddk4j.test.libDir"));
        stub = VixDiskLibStub.load(new VixDiskLibLoader().load(libDir).path());
        Path state = Files.createDirectory(base.resolve("state"));
        Path store = Files.createDirectories(base.resolve("cfgstore/vm42"));
        ok(stub.VixDiskLibStub_DefineServer(SERVER, VixDiskLibStub.VIXDISKLIBSTUB_SERVER_VCENTER, null, null,
                state.toString()), "DefineServer");
        ok(stub.VixDiskLibStub_AddUser(SERVER, "backup", "pw"), "AddUser");
        ok(stub.VixDiskLibStub_AddDatastore(SERVER, "cfgstore", base.resolve("cfgstore").toString(), (byte) 1),
                "AddDatastore");
        ok(stub.VixDiskLibStub_AddVm(SERVER, "vm-42", (byte) 0), "AddVm");
        ok(stub.VixDiskLibStub_CreateFlatDisk(store.resolve("vm42.vmdk").toString(), 2048, 3), "CreateFlatDisk");
        ok(stub.VixDiskLibStub_SetLatency(SERVER, LATENCY_MS), "SetLatency");
    }

    private static void ok(long err, String what) {
        assertEquals(0, err, what + " failed with VixError " + err);
    }

    @AfterEach
    void nothingLeftOpen() {
        assertEquals(0, stub.VixDiskLibStub_GetCounter("handles"));
        assertEquals(0, stub.VixDiskLibStub_GetCounter("connections"));
    }

    private static ConnectParams snapshotVia(TransportMode mode) {
        return ConnectParams.remote(SERVER)
                .credentials(Credentials.userPassword("backup", "pw".toCharArray()))
                .vmMoref("vm-42")
                .snapshot("snapshot-1")
                .readOnly(true)
                .transports(mode)
                .build();
    }

    private static void readFirstSector(DiskLib lib, TransportMode mode) {
        try (Connection c = lib.connect(snapshotVia(mode)); DiskHandle d = c.open(DISK, OpenOption.READ_ONLY)) {
            assertEquals(mode, d.transportMode());
            d.read(0, d.allocateBuffer(512));
        }
    }

    @Test
    void nfcReadTimeoutFailsASlowNbdReadAndLeavesSanAlone() {
        VddkConfig config = VddkConfig.builder().nfcReadTimeout(Duration.ofMillis(LATENCY_MS / 3)).build();
        try (DiskLib lib = DiskLib.builder().libDir(libDir).config(config).open()) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> readFirstSector(lib, TransportMode.NBD));
            assertEquals("VixDiskLib_Read", e.function());
            assertEquals(VixErrorCode.VIX_E_NET_HTTP_OPERATION_TIMEDOUT, e.errorCode());
            assertTrue(e.vddkLog().stream().anyMatch(m -> m.contains("timed out after 100 ms")), e.vddkLog().toString());
            readFirstSector(lib, TransportMode.SAN);
        }
    }

    @Test
    void withoutTheTimeoutTheSlowNbdReadSucceeds() {
        try (DiskLib lib = DiskLib.builder().libDir(libDir).config(VddkConfig.empty()).open()) {
            readFirstSector(lib, TransportMode.NBD);
        }
    }

    private static byte[] sector(byte value) {
        byte[] b = new byte[512];
        Arrays.fill(b, value);
        return b;
    }

    /**
     * Reads sector 0 through a read-only handle, changes it behind the handle's back (in the flat extent file: VDDK
     * 9.0's locks keep a writer handle out while a reader is open), and reads it again.
     */
    private byte[] readAfterRewriteByAnotherHandle(VddkConfig config) throws IOException {
        Path disk = dir.resolve("cache-" + config.get(ConfigKey.ENABLE_CACHE).orElse("none") + ".vmdk");
        ok(stub.VixDiskLibStub_CreateFlatDisk(disk.toString(), 2048, 3), "CreateFlatDisk");
        try (DiskLib lib = DiskLib.builder().libDir(libDir).config(config).open();
             Connection c = lib.connect(ConnectParams.local())) {
            try (DiskHandle w = c.open(disk.toString())) {
                w.write(0, ByteBuffer.allocateDirect(512).put(sector((byte) 1)).flip());
                w.flush();
            }
            try (DiskHandle reader = c.open(disk.toString(), OpenOption.READ_ONLY)) {
                ByteBuffer buf = reader.allocateBuffer(512);
                reader.read(0, buf);
                Path extent = dir.resolve(disk.getFileName().toString().replace(".vmdk", "-flat.vmdk"));
                try (FileChannel ch = FileChannel.open(extent, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(sector((byte) 2)), 0);
                }
                buf.clear();
                reader.read(0, buf);
                byte[] seen = new byte[512];
                buf.flip().get(seen);
                return seen;
            }
        }
    }

    @Test
    void enableCacheLetsAReaderSeeStaleDataAfterAnotherHandleWrites() throws IOException {
        assertArrayEquals(sector((byte) 1),
                readAfterRewriteByAnotherHandle(VddkConfig.builder().enableCache(true).build()),
                "with EnableCache=1 the reader's cache serves the old sector (the guide's warning)");
    }

    @Test
    void withoutEnableCacheAReaderSeesWhatAnotherHandleWrote() throws IOException {
        assertArrayEquals(sector((byte) 2),
                readAfterRewriteByAnotherHandle(VddkConfig.builder().enableCache(false).build()),
                "with EnableCache=0 the reader sees the new sector");
    }

    @Test
    void nfcAioBuffersOverSixteenMebibytesMakeOpenFailWhichTheBuilderPrevents() throws IOException {
        assertThrows(IllegalArgumentException.class, VddkConfig.builder()
                .nfcAioSessionBufferSize(64).nfcAioSessionBufferCount(8)::build);
        Path file = dir.resolve("too-big.conf");
        Files.writeString(file, "vixDiskLib.nfcAio.Session.BufSizeIn64KB=64\nvixDiskLib.nfcAio.Session.BufCount=8\n");
        Path disk = dir.resolve("aio.vmdk");
        ok(stub.VixDiskLibStub_CreateFlatDisk(disk.toString(), 2048, 3), "CreateFlatDisk");
        try (DiskLib lib = DiskLib.builder().libDir(libDir).configFile(file).open();
             Connection c = lib.connect(ConnectParams.local())) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> c.open(disk.toString()).close());
            assertEquals(VixErrorCode.VIX_E_INVALID_ARG, e.errorCode());
        }
    }
}
