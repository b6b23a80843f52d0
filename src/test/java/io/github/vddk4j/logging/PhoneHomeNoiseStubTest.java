package io.github.vddk4j.logging;

import io.github.vddk4j.logging.internal.LogBridge;

import io.github.vddk4j.testkit.VixDiskLibStub;
import org.junit.jupiter.api.Tag;
import io.github.vddk4j.testsupport.OwnJvm;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.vddk4j.jna.LoadedVixDiskLib;
import io.github.vddk4j.jna.StubTestSupport;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import io.github.vddk4j.jna.VixErrors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * VDDK's phone-home/CEIP noise through warn lands at DEBUG, also when it comes from a native worker thread
 * (the stub's background logging, switched on through its control API; by default the stub logs on the
 * calling thread as VDDK 9.0 does in local mode).
 */
@Tag(OwnJvm.TAG)
class PhoneHomeNoiseStubTest {
    @Test
    void phoneHomeNoiseFromANativeWorkerThreadIsDemotedToDebug() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Slf4jLogSink.LOGGER_PREFIX);
        root.setLevel(Level.DEBUG);
        root.setAdditive(false);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);

        LoadedVixDiskLib loaded = StubTestSupport.load();
        assertEquals(VixErrors.VIX_OK, VixDiskLibStub.load(loaded.path()).VixDiskLibStub_SetBackgroundLogging((byte) 1));
        NativeLogFunctions f = new NativeLogFunctions(new LogBridge(new Slf4jLogSink(), PanicPolicy.DEFAULT));
        assertEquals(VixErrors.VIX_OK, loaded.lib().VixDiskLib_InitEx(loaded.vddkMajor(), 0, f.log(), f.warn(), f.panic(),
                loaded.libDir().toString(), null));
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            List<ILoggingEvent> noise;
            do {
                Thread.sleep(20);
                noise = new ArrayList<>();
                for (ILoggingEvent e : new ArrayList<>(appender.list)) {
                    if (Slf4jLogSink.isPhoneHomeNoise(e.getFormattedMessage())) {
                        noise.add(e);
                    }
                }
            } while (noise.size() < 2 && System.nanoTime() < deadline);
            assertEquals(2, noise.size(), "both noise lines arrived");
            for (ILoggingEvent e : noise) {
                assertEquals(Level.DEBUG, e.getLevel(), e.getFormattedMessage());
                assertEquals(Slf4jLogSink.WARN_LOGGER, e.getLoggerName());
            }
        } finally {
            VixDiskLibStub.load(loaded.path()).VixDiskLibStub_SetBackgroundLogging((byte) 0);
            loaded.lib().VixDiskLib_Exit();
            root.detachAppender(appender);
        }
    }
}
