package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The VDDK 9 functions on the default (VDDK 8) stub, which does not export them: the capability
 * query says so and the methods refuse in Java, naming the release that has the function.
 */
class UnsupportedFunctionStubTest extends LocalStubConnectionTest {
    @Test
    void openWithAChangeIdNamesVddk90() {
        assertEquals(8, SharedDiskLib.get().vddkVersion());
        assertFalse(SharedDiskLib.get().capabilities().supports("VixDiskLib_OpenEx"));
        Path p = Stub.createDisk(dir.resolve("a.vmdk"), 2048);
        VddkUnsupportedException e = assertThrows(VddkUnsupportedException.class,
                () -> conn.open(p.toString(), ChangeId.ALL));
        assertEquals("VixDiskLib_OpenEx", e.function());
        assertEquals("VDDK 9.0", e.introducedIn());
        assertTrue(e.getMessage().contains("VDDK 9.0"), e.getMessage());
        assertEquals(0, Stub.counter("handles"));
    }

    @Test
    void changedAreasNameVddk90AndConnectionNeedsNoNativeCall() {
        Path p = Stub.createDisk(dir.resolve("b.vmdk"), 2048);
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            VddkUnsupportedException e = assertThrows(VddkUnsupportedException.class, d::changedAreas);
            assertEquals("VixDiskLib_QueryChangedAreas", e.function());
            assertSame(conn, d.connection());
        }
    }
}
