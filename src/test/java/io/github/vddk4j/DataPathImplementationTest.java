package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.vddk4j.jna.VixDiskLibDataPathChoice;
import io.github.vddk4j.testsupport.CapturedLogger;
import io.github.vddk4j.testsupport.SharedDiskLib;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link DiskLib#dataPathImplementation()} reports the loader's choice (JNA in the JDK 17 test run,
 * FFM in the JDK 22+ run on the packaged multi-release jar: {@code vddk4j.test.expectedDataPath}),
 * and the API layer logs it: a fallback from FFM to JNA once at WARN, the choice at DEBUG.
 */
class DataPathImplementationTest {
    @Test
    void theDiskLibReportsTheDataPathTheLoaderChose() {
        String expected = System.getProperty("vddk4j.test.expectedDataPath");
        assertEquals(DataPathImplementation.valueOf(expected.toUpperCase(Locale.ROOT)),
                SharedDiskLib.get().dataPathImplementation());
    }

    @Test
    void aFallbackToJnaIsOneWarningWithTheReasonAndAChoiceIsADebugLine() {
        try (CapturedLogger log = CapturedLogger.of(DiskLib.class.getName(), Level.DEBUG)) {
            assertEquals(DataPathImplementation.JNA, DiskLib.Builder.dataPathImplementation(
                    new VixDiskLibDataPathChoice("jna", "the FFM data path failed (IllegalCallerException: denied)", true)));
            assertEquals(DataPathImplementation.FFM, DiskLib.Builder.dataPathImplementation(
                    new VixDiskLibDataPathChoice("ffm", "Java 25: FFM downcalls", false)));
            List<ILoggingEvent> events = log.events();
            assertEquals(List.of(Level.WARN, Level.DEBUG), events.stream().map(ILoggingEvent::getLevel).toList());
            assertEquals("vddk4j data path: JNA instead of FFM: the FFM data path failed (IllegalCallerException: denied)",
                    events.get(0).getFormattedMessage());
            assertEquals("vddk4j data path: ffm (Java 25: FFM downcalls)", events.get(1).getFormattedMessage());
        }
    }
}
