package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.github.vddk4j.testkit.VixDiskLibStub;
import io.github.vddk4j.testsupport.OwnJvm;
import io.github.vddk4j.testsupport.QuietVddkWarnings;
import io.github.vddk4j.testsupport.StubVariant;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VDDK 9 functions through the native path, against the stub's VDDK 9 build (own JVM: that
 * library is the one VDDK of this process): OpenEx with a change ID, QueryChangedAreas /
 * FreeChangedAreas, GetConnectionFromDisk.
 */
@Tag(OwnJvm.TAG)
@ExtendWith(QuietVddkWarnings.class)
class Vddk9StubTest {
    /** The stub's change-tracking control functions (not part of real VDDK). */
    interface ChangeTracking extends Library {
        long VixDiskLibStub_GetChangeId(String diskPath, Memory buf, long bufLen);

        long VixDiskLibStub_ResetChangeTracking(String diskPath);
    }

    @TempDir
    static Path dir;
    static DiskLib lib;
    static Connection conn;
    static VixDiskLibStub control;
    static ChangeTracking tracking;

    @BeforeAll
    static void open() throws Exception {
        Path distrib = StubVariant.shared(9);
        lib = DiskLib.builder().libDir(distrib).open();
        String so = distrib.resolve("lib64/libvixDiskLib.so").toRealPath().toString();
        control = Native.load(so, VixDiskLibStub.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
        tracking = Native.load(so, ChangeTracking.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
        conn = lib.connect(ConnectParams.local());
    }

    @AfterAll
    static void close() {
        lib.close();
        assertEquals(0, control.VixDiskLibStub_GetCounter("handles"));
        assertEquals(0, control.VixDiskLibStub_GetCounter("connections"));
    }

    @AfterEach
    void nothingLeftOver() {
        assertEquals(0, control.VixDiskLibStub_GetCounter("blockLists"));
        assertEquals(0, control.VixDiskLibStub_GetCounter("errorTexts"));
        long changeInfos = control.VixDiskLibStub_GetCounter("changeInfos");
        assertTrue(changeInfos <= 0, "change infos outstanding: " + changeInfos);
    }

    private static Path newDisk(String name, long sectors) {
        Path p = dir.resolve(name + ".vmdk");
        assertEquals(0, control.VixDiskLibStub_CreateFlatDisk(p.toString(), sectors, 1));
        return p;
    }

    private static ChangeId changeIdOf(Path disk) {
        try (Memory buf = new Memory(128)) {
            assertEquals(0, tracking.VixDiskLibStub_GetChangeId(disk.toString(), buf, 128));
            return ChangeId.of(buf.getString(0, "UTF-8"));
        }
    }

    private static void write(DiskHandle d, long sector, int sectors) {
        ByteBuffer b = d.allocateBuffer(sectors * 512);
        b.put(0, (byte) 1);
        d.write(sector, b);
    }

    @Test
    void theLoadedLibraryIsVddk9AndHasTheFunctions() {
        assertEquals(9, lib.vddkVersion());
        for (String f : List.of("VixDiskLib_OpenEx", "VixDiskLib_QueryChangedAreas", "VixDiskLib_FreeChangedAreas",
                "VixDiskLib_GetConnectionFromDisk")) {
            assertTrue(lib.capabilities().supports(f), f);
        }
    }

    @Test
    void changedAreasSinceAChangeIdAreTheWritesMadeAfterIt() {
        Path p = newDisk("incremental", 8192);
        try (DiskHandle d = conn.open(p.toString())) {
            write(d, 0, 8); // before the change ID: not reported
        }
        ChangeId since = changeIdOf(p);
        try (DiskHandle d = conn.open(p.toString())) {
            write(d, 300, 1);     // 64 KiB block 2
            write(d, 4096, 256);  // blocks 32 and 33
            d.flush();
        }
        try (DiskHandle d = conn.open(p.toString(), since, OpenOption.READ_ONLY)) {
            assertEquals(since, d.changeId().orElseThrow());
            assertEquals(List.of(new BlockRange(256, 128), new BlockRange(4096, 256)), d.changedAreas());
            assertEquals(List.of(new BlockRange(4096, 100)), d.changedAreas(4096, 100));
        }
        try (DiskHandle d = conn.open(p.toString(), ChangeId.ALL, OpenOption.READ_ONLY)) {
            assertEquals(List.of(new BlockRange(0, 8192)), d.changedAreas());
        }
    }

    @Test
    void anExpiredOrUnknownChangeIdIsRefusedAtOpen() {
        Path p = newDisk("expired", 2048);
        ChangeId old = changeIdOf(p);
        assertEquals(0, tracking.VixDiskLibStub_ResetChangeTracking(p.toString()));
        VddkCallException e = assertThrows(VddkCallException.class,
                () -> conn.open(p.toString(), old, OpenOption.READ_ONLY));
        assertEquals("VixDiskLib_OpenEx", e.function());
        assertEquals(VixErrorCode.VIX_E_INVALID_ARG, e.errorCode());
        assertThrows(VddkCallException.class, () -> conn.open(p.toString(), ChangeId.of("made-up/1")));
        assertEquals(0, control.VixDiskLibStub_GetCounter("handles"), "nothing left open");
    }

    @Test
    void aDiskOpenedWithoutAChangeIdCannotAskForChanges() {
        Path p = newDisk("plain", 2048);
        try (DiskHandle d = conn.open(p.toString())) {
            assertThrows(IllegalStateException.class, d::changedAreas);
        }
    }

    @Test
    void theConnectionOfADiskIsTheOneItWasOpenedOn() {
        Path p = newDisk("conn", 2048);
        try (Connection other = lib.connect(ConnectParams.local());
             DiskHandle a = conn.open(p.toString(), OpenOption.READ_ONLY);
             DiskHandle b = other.open(p.toString(), ChangeId.ALL, OpenOption.READ_ONLY)) {
            assertSame(conn, a.connection());
            assertSame(other, b.connection());
        }
    }

    @Test
    void faultsInTheVddk9FunctionsNameTheFunction() {
        Path p = newDisk("faults", 2048);
        assertEquals(0, control.VixDiskLibStub_InjectFault("VixDiskLib_QueryChangedAreas", 1, 2));
        try (DiskHandle d = conn.open(p.toString(), ChangeId.ALL, OpenOption.READ_ONLY)) {
            VddkCallException e = assertThrows(VddkCallException.class, d::changedAreas);
            assertEquals("VixDiskLib_QueryChangedAreas", e.function());
            assertEquals(List.of(new BlockRange(0, 2048)), d.changedAreas());
            assertEquals(0, control.VixDiskLibStub_InjectFault("VixDiskLib_GetConnectionFromDisk", 1, 3));
            assertEquals("VixDiskLib_GetConnectionFromDisk",
                    assertThrows(VddkCallException.class, d::connection).function());
            assertSame(conn, d.connection());
        }
        assertEquals(0, control.VixDiskLibStub_InjectFault("VixDiskLib_OpenEx", 1, 4));
        assertEquals("VixDiskLib_OpenEx", assertThrows(VddkCallException.class,
                () -> conn.open(p.toString(), ChangeId.ALL)).function());
        assertEquals(0, control.VixDiskLibStub_GetCounter("handles"));
    }
}
