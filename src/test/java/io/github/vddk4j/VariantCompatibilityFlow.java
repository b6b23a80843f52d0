package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.github.vddk4j.jna.VixDiskLibInfo;
import io.github.vddk4j.testkit.VixDiskLibStub;
import io.github.vddk4j.testsupport.FunctionTable;
import io.github.vddk4j.testsupport.QuietVddkWarnings;
import io.github.vddk4j.testsupport.StubVariant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One integration flow through the public API, run against one ABI variant of the stub per
 * subclass (VDDK 6.7, 7.0, 8.0, 9.0; each subclass is tagged own-jvm, so that variant is the one
 * VDDK of its JVM): the version and capability set the loader reports, create / open / write /
 * read / flush / info (with the variant's VixDiskLibInfo layout), allocated blocks, metadata,
 * async I/O, the VDDK 9 changed-area calls, and that the stub has nothing outstanding afterwards.
 * Expected values come from the variant's own build: its function table
 * ({@code native-stubs/api/functions.tsv}) and its layout table ({@code abi-layout.properties}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(QuietVddkWarnings.class)
abstract class VariantCompatibilityFlow {
    private static final List<String> PER_CALL = List.of("connectParams", "infos", "errorTexts", "blockLists",
            "changeInfos");
    private static final List<String> ALL = List.of("connectParams", "infos", "errorTexts", "blockLists",
            "changeInfos", "connections", "handles", "asyncThreads", "logThreads");
    private static final int BLOCK_SECTORS = 128;

    private final int major;
    private final int minor;

    @TempDir
    Path dir;
    private Path distrib;
    private Properties layout;
    private DiskLib lib;
    private Connection conn;
    private VixDiskLibStub control;

    /**
     * @param major the variant's VDDK major version ({@code make VDDK_MAJOR})
     * @param minor its minor version (7 for 6.7, else 0)
     */
    VariantCompatibilityFlow(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    @BeforeAll
    void openTheVariant() throws Exception {
        distrib = StubVariant.shared(major);
        layout = new Properties();
        try (InputStream in = Files.newInputStream(distrib.resolve("abi-layout.properties"))) {
            layout.load(in);
        }
        lib = DiskLib.builder().libDir(distrib).open();
        control = Native.load(distrib.resolve("lib64/libvixDiskLib.so").toRealPath().toString(), VixDiskLibStub.class,
                Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
        conn = lib.connect(ConnectParams.local());
    }

    @AfterEach
    void nothingPerCallOutstanding() {
        assertEquals(zeros(PER_CALL), counters(PER_CALL), "stub objects outstanding after the test");
    }

    @AfterAll
    void everyCounterIsBackToZeroAfterClose() {
        if (lib == null) {
            return;
        }
        lib.close();
        assertEquals(zeros(ALL), counters(ALL), "stub objects or threads outstanding after DiskLib.close()");
    }

    private Map<String, Long> counters(List<String> names) {
        Map<String, Long> m = new LinkedHashMap<>();
        names.forEach(n -> m.put(n, control.VixDiskLibStub_GetCounter(n)));
        return m;
    }

    private static Map<String, Long> zeros(List<String> names) {
        Map<String, Long> m = new LinkedHashMap<>();
        names.forEach(n -> m.put(n, 0L));
        return m;
    }

    private Path newSparseDisk(String name, long sectors) {
        Path p = dir.resolve(name + ".vmdk");
        conn.diskManager().create(p.toString(), CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, sectors).build());
        return p;
    }

    private static ByteBuffer pattern(DiskHandle d, int sectors, int seed) {
        ByteBuffer b = d.allocateBuffer(sectors * DiskHandle.SECTOR_SIZE);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) (i * 31 + seed));
        }
        return b;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.capacity()];
        b.duplicate().clear().get(a);
        return a;
    }

    @Test
    void theLoaderReportsThisVersionAndExactlyTheFunctionsOfItsRelease() throws IOException {
        VddkCapabilities caps = lib.capabilities();
        assertEquals(major, lib.vddkVersion());
        assertEquals(major, caps.major());
        assertEquals(minor, caps.minor());
        assertEquals(major + "." + minor, caps.version());
        assertEquals(FunctionTable.exportedUpTo(major, minor), caps.functions());
        assertEquals(caps.supports("VixDiskLib_QueryAllocatedBlocks"), caps.supportsAllocatedBlocks());
        assertEquals(caps.supports("VixDiskLib_Wait"), caps.supportsAsyncIo());
    }

    @Test
    void theJavaInfoLayoutIsTheOneThisVariantWasBuiltWith() {
        assertEquals(String.valueOf(major), layout.getProperty("vddk.major").trim());
        assertEquals(major >= 7, layout.containsKey("VixDiskLibInfo.logicalSectorSize"),
                "VixDiskLibInfo has logicalSectorSize/physicalSectorSize from VDDK 7 on (6.7: 56 bytes without them)");
        assertEquals(Integer.parseInt(layout.getProperty("VixDiskLibInfo.size").trim()), VixDiskLibInfo.sizeFor(major));
    }

    @Test
    void aDiskCreatedWrittenAndFlushedReadsBackWithInfoAllocatedBlocksAndMetadata() {
        long capacity = 64 * BLOCK_SECTORS;
        Path p = newSparseDisk("flow", capacity);
        try (DiskHandle d = conn.open(p.toString())) {
            ByteBuffer first = pattern(d, BLOCK_SECTORS, 1);
            ByteBuffer later = pattern(d, 2 * BLOCK_SECTORS, 2);
            d.write(0, first);
            d.write(10 * BLOCK_SECTORS, later);
            d.flush();
            d.metadata().put("vddk4j-compat", "variant " + major);

            ByteBuffer back = d.allocateBuffer(2 * BLOCK_SECTORS * DiskHandle.SECTOR_SIZE);
            d.read(10 * BLOCK_SECTORS, back);
            assertArrayEquals(bytes(later), bytes(back));
            ByteBuffer backFirst = d.allocateBuffer(BLOCK_SECTORS * DiskHandle.SECTOR_SIZE);
            d.read(0, backFirst);
            assertArrayEquals(bytes(first), bytes(backFirst));

            DiskInfo info = d.info();
            assertEquals(capacity, info.capacitySectors());
            assertEquals(1, info.numLinks());
            assertEquals(sectorSize("logicalSectorSize"), info.logicalSectorSize());
            assertEquals(sectorSize("physicalSectorSize"), info.physicalSectorSize());

            assertEquals(List.of(new BlockRange(0, BLOCK_SECTORS), new BlockRange(10 * BLOCK_SECTORS, 2 * BLOCK_SECTORS)),
                    d.allocatedBlocks());
            assertSame(conn, d.connection());
        }
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            assertEquals("variant " + major, d.metadata().get("vddk4j-compat").orElseThrow());
            assertTrue(d.metadata().keys().contains("vddk4j-compat"));
        }
    }

    /**
     * A sector size GetInfo must report: present (512, the stub's VMDKs) when this variant's
     * VixDiskLibInfo has the field (VDDK 7 and later), else empty (6.7's 56-byte struct).
     */
    private OptionalInt sectorSize(String field) {
        return layout.containsKey("VixDiskLibInfo." + field) ? OptionalInt.of(DiskHandle.SECTOR_SIZE) : OptionalInt.empty();
    }

    @Test
    void asyncWritesAndReadsCompleteAndReadBackWhatWasWritten() {
        Path p = newSparseDisk("async", 16 * BLOCK_SECTORS);
        try (DiskHandle d = conn.open(p.toString())) {
            List<ByteBuffer> written = new ArrayList<>();
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ByteBuffer b = pattern(d, BLOCK_SECTORS, i);
                written.add(b);
                writes.add(d.writeAsync((long) i * BLOCK_SECTORS, b));
            }
            d.awaitAsync();
            writes.forEach(CompletableFuture::join);
            List<ByteBuffer> read = new ArrayList<>();
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ByteBuffer b = d.allocateBuffer(BLOCK_SECTORS * DiskHandle.SECTOR_SIZE);
                read.add(b);
                reads.add(d.readAsync((long) i * BLOCK_SECTORS, b));
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
            for (int i = 0; i < 8; i++) {
                assertArrayEquals(bytes(written.get(i)), bytes(read.get(i)), "block " + i);
            }
            assertEquals(0, d.asyncInFlight());
        }
    }

    @Test
    void changedAreasWorkFromVddk9AndAreRefusedInJavaBefore() {
        Path p = newSparseDisk("changes", 8 * BLOCK_SECTORS);
        if (lib.capabilities().supports("VixDiskLib_QueryChangedAreas")) {
            try (DiskHandle d = conn.open(p.toString(), ChangeId.ALL, OpenOption.READ_ONLY)) {
                assertEquals(List.of(new BlockRange(0, 8 * BLOCK_SECTORS)), d.changedAreas());
            }
            return;
        }
        VddkUnsupportedException openEx = assertThrows(VddkUnsupportedException.class,
                () -> conn.open(p.toString(), ChangeId.ALL, OpenOption.READ_ONLY));
        assertUnsupportedUntilVddk9("VixDiskLib_OpenEx", openEx);
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            assertUnsupportedUntilVddk9("VixDiskLib_QueryChangedAreas",
                    assertThrows(VddkUnsupportedException.class, d::changedAreas));
        }
        assertEquals(0, control.VixDiskLibStub_GetCounter("handles"), "the refused OpenEx opened nothing");
    }

    private void assertUnsupportedUntilVddk9(String function, VddkUnsupportedException e) {
        assertEquals(function, e.function());
        assertEquals("VDDK 9.0", e.introducedIn());
        assertEquals(lib.capabilities().version(), e.loadedVersion());
        assertTrue(e.getMessage().contains("VDDK 9.0"), e.getMessage());
    }
}
