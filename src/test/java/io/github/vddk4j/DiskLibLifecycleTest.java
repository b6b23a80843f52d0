package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.EmulatedWorld;
import io.github.vddk4j.testsupport.OwnJvmPerTest;
import io.github.vddk4j.testsupport.Stub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The life of the process's one DiskLib on the stub; each test in a JVM of its own. */
@ExtendWith(OwnJvmPerTest.class)
class DiskLibLifecycleTest {
    @TempDir
    Path base;

    @Test
    void closedDiskLibCannotBeOpenedAgainInTheSameProcess() {
        DiskLib first = DiskLib.builder().libDir(Stub.libDir()).open();
        first.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DiskLib.builder().libDir(Stub.libDir()).open());
        assertTrue(e.getMessage().contains("VDDK cannot be initialised again in this process"), e.getMessage());
        assertTrue(e.getMessage().contains("keep one DiskLib open for the life of the process"), e.getMessage());
        assertTrue(e.getMessage().contains("child process"), e.getMessage());
        assertTrue(e.getMessage().contains(DiskLibLifecycleTest.class.getName()), "names where the first was opened: "
                + e.getMessage());
        assertEquals(1, Stub.counter("initEx"), "the second open never reached VixDiskLib_InitEx");
    }

    @Test
    void secondDiskLibWhileOneIsOpenIsRefusedNamingTheFirst() {
        try (DiskLib first = DiskLib.builder().libDir(Stub.libDir()).open()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> DiskLib.builder().libDir(Stub.libDir()).open());
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertTrue(e.getMessage().contains("thread '" + Thread.currentThread().getName() + "'"), e.getMessage());
            assertTrue(first.transportModeNames().contains("file"));
        }
    }

    @Test
    void failedInitExDoesNotUseTheProcessUp() {
        Stub.injectFault("VixDiskLib_InitEx", 1, 1);
        assertThrows(VddkCallException.class, () -> DiskLib.builder().libDir(Stub.libDir()).open());
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).open()) {
            assertTrue(lib.transportModeNames().contains("file"));
        }
    }

    @Test
    void leaseLeftOpenIsEndedByDiskLibClose() {
        EmulatedWorld.define(base);
        DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).open();
        lib.prepareForAccess(EmulatedWorld.vcenter(), "forgotten");
        assertEquals(1, Stub.accessRecords(EmulatedWorld.VCENTER));
        lib.close();
        assertEquals(0, Stub.accessRecords(EmulatedWorld.VCENTER), "DiskLib.close ends every lease");
    }

    private void openAndForgetEverything(Path disk) {
        DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).trackUnclosed(true).open();
        Connection c = lib.connect(ConnectParams.local());
        c.open(disk.toString()).info();
    }

    @Test
    void aForgottenDiskLibIsClosedHandlesFirstThenExitAndTheProcessStaysUsedUp() throws Exception {
        Path disk = Stub.createDisk(base.resolve("forgotten.vmdk"), 2048);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(SafetyNet.LOGGER)).setAdditive(false);
        openAndForgetEverything(disk);
        SafetyNetTest.gcUntil(() -> Stub.counter("exit") == 1, "the forgotten DiskLib is closed (Exit)");
        assertEquals(0, Stub.counter("handles"));
        assertEquals(0, Stub.counter("connections"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DiskLib.builder().libDir(Stub.libDir()).open());
        assertTrue(e.getMessage().contains("cannot be initialised again"), "the slot was released by the cleanup: "
                + e.getMessage());
    }
}
