package io.github.vddk4j.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which data path the loader binds: FFM on Java 22+ from the multi-release jar, JNA on Java 17 (or
 * from a classes directory), and what {@code -Dvddk4j.dataPath} forces. The build runs this on
 * JDK 17 (expecting jna) and on JDK 22+ through the packaged jar (expecting ffm), told by
 * {@code vddk4j.test.expectedDataPath}.
 */
class DataPathSelectionTest {
    private static final String EXPECTED = System.getProperty("vddk4j.test.expectedDataPath");

    private static LoadedVixDiskLib load(String dataPathProperty) {
        Map<String, String> props = dataPathProperty == null ? Map.of()
                : Map.of(VixDiskLibLoader.DATA_PATH_PROPERTY, dataPathProperty);
        return new VixDiskLibLoader(props::get, name -> null).load(StubTestSupport.libDir());
    }

    @Test
    void byDefaultTheBuildsExpectedImplementationIsChosen() {
        assertNotNull(EXPECTED, "the build sets vddk4j.test.expectedDataPath");
        LoadedVixDiskLib l = load(null);
        assertEquals(EXPECTED, l.dataPathChoice().implementation(), l.dataPathChoice().reason());
        assertFalse(l.dataPathChoice().fallback(), l.dataPathChoice().reason());
        if (EXPECTED.equals(VixDiskLibDataPathChoice.JNA)) {
            assertInstanceOf(DirectVixDiskLibDataPath.class, l.dataPath());
            assertTrue(l.dataPathChoice().reason().startsWith("Java " + Runtime.version().feature()),
                    l.dataPathChoice().reason());
        } else {
            assertEquals("FfmVixDiskLibDataPath", l.dataPath().getClass().getSimpleName());
            assertTrue(Runtime.version().feature() >= 22);
        }
    }

    @Test
    void thePropertyForcesJna() {
        LoadedVixDiskLib l = load("JNA");
        assertInstanceOf(DirectVixDiskLibDataPath.class, l.dataPath());
        assertEquals(new VixDiskLibDataPathChoice("jna", "forced by -Dvddk4j.dataPath=jna", false), l.dataPathChoice());
    }

    @Test
    void thePropertyForcesFfmOrFailsTheLoadSayingWhatItNeeds() {
        if (EXPECTED.equals(VixDiskLibDataPathChoice.FFM)) {
            LoadedVixDiskLib l = load("ffm");
            assertEquals("FfmVixDiskLibDataPath", l.dataPath().getClass().getSimpleName());
            assertTrue(l.dataPathChoice().reason().endsWith("forced by -Dvddk4j.dataPath=ffm"), l.dataPathChoice().reason());
        } else {
            VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class, () -> load("ffm"));
            assertTrue(e.getMessage().startsWith("-Dvddk4j.dataPath=ffm, but the FFM data path cannot be used: Java "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Java 22+ with the vddk4j jar (multi-release)"), e.getMessage());
        }
    }

    @Test
    void autoIsTheDefaultAndAnythingElseIsRefused() {
        assertEquals(load(null).dataPathChoice(), load(" Auto ").dataPathChoice());
        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class, () -> load("panama"));
        assertEquals("-Dvddk4j.dataPath=panama names no data path: use jna, ffm or auto (the default: ffm on Java 22+, else jna)",
                e.getMessage());
    }

    @Test
    void anFfmPathThatCannotBeMadeFallsBackToJnaWithTheReason() {
        LoadedVixDiskLib l = load("jna");
        DataPathSelection s = DataPathSelection.select(l.library(), l.vddkMajor(), null, (library, jna) -> {
            throw new IllegalCallerException("Illegal native access from: unnamed module");
        }, true);
        assertInstanceOf(DirectVixDiskLibDataPath.class, s.dataPath());
        assertTrue(s.choice().fallback());
        assertEquals("the FFM data path failed (IllegalCallerException: Illegal native access from: unnamed module);"
                + " pass --enable-native-access=ALL-UNNAMED (or the module holding vddk4j) to use it", s.choice().reason());
    }

    @Test
    void aForcedFfmPathThatCannotBeMadeFailsTheLoadWithTheCause() {
        LoadedVixDiskLib l = load("jna");
        LinkageError cause = new UnsatisfiedLinkError("no VixDiskLib_Read");
        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class,
                () -> DataPathSelection.select(l.library(), l.vddkMajor(), "ffm", (library, jna) -> {
                    throw cause;
                }, true));
        assertSame(cause, e.getCause());
    }
}
