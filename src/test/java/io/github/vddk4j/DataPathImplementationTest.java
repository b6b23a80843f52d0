package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.vddk4j.testsupport.SharedDiskLib;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link DiskLib#dataPathImplementation()} reports the loader's choice: JNA in the JDK 17 test run,
 * FFM in the JDK 22+ run on the packaged multi-release jar ({@code vddk4j.test.expectedDataPath}).
 */
class DataPathImplementationTest {
    @Test
    void theDiskLibReportsTheDataPathTheLoaderChose() {
        String expected = System.getProperty("vddk4j.test.expectedDataPath");
        assertEquals(DataPathImplementation.valueOf(expected.toUpperCase(Locale.ROOT)),
                SharedDiskLib.get().dataPathImplementation());
    }
}
