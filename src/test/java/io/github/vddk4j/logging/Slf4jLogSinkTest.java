package io.github.vddk4j.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Levels and logger names of the default sink. */
class Slf4jLogSinkTest {
    private Logger root;
    private ListAppender<ILoggingEvent> appender;

    @BeforeEach
    void attach() {
        root = (Logger) LoggerFactory.getLogger(Slf4jLogSink.LOGGER_PREFIX);
        root.setLevel(Level.DEBUG);
        root.setAdditive(false);
        appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void detach() {
        root.detachAppender(appender);
    }

    private ILoggingEvent only() {
        assertEquals(1, appender.list.size());
        return appender.list.remove(0);
    }

    @Test
    void eachChannelHasItsLoggerAndLevel() {
        Slf4jLogSink sink = new Slf4jLogSink();
        sink.accept(LogChannel.LOG, "l");
        ILoggingEvent e = only();
        assertEquals(Slf4jLogSink.LOG_LOGGER, e.getLoggerName());
        assertEquals(Level.DEBUG, e.getLevel());
        sink.accept(LogChannel.WARN, "w");
        e = only();
        assertEquals(Slf4jLogSink.WARN_LOGGER, e.getLoggerName());
        assertEquals(Level.WARN, e.getLevel());
        sink.accept(LogChannel.PANIC, "p");
        e = only();
        assertEquals(Slf4jLogSink.PANIC_LOGGER, e.getLoggerName());
        assertEquals(Level.ERROR, e.getLevel());
        assertEquals("p", e.getFormattedMessage());
    }

    @Test
    void phoneHomeAndCeipNoiseIsDemotedToDebug() {
        Slf4jLogSink sink = new Slf4jLogSink();
        sink.accept(LogChannel.WARN, "VDDK_PhoneHome: Failed to read phone home configuration");
        assertEquals(Level.DEBUG, only().getLevel());
        sink.accept(LogChannel.WARN, "VixDiskLib: Get CEIP status failed: not connected");
        assertEquals(Level.DEBUG, only().getLevel());
        sink.accept(LogChannel.WARN, "VixDiskLib: a real warning");
        assertEquals(Level.WARN, only().getLevel());
    }

    @Test
    void isEnabledFollowsTheLoggerLevels() {
        Slf4jLogSink debugLog = new Slf4jLogSink();
        Slf4jLogSink infoLog = new Slf4jLogSink(true);
        root.setLevel(Level.INFO);
        assertFalse(debugLog.isEnabled(LogChannel.LOG));
        assertTrue(infoLog.isEnabled(LogChannel.LOG));
        assertTrue(debugLog.isEnabled(LogChannel.WARN));
        root.setLevel(Level.ERROR);
        assertFalse(infoLog.isEnabled(LogChannel.LOG));
        assertFalse(debugLog.isEnabled(LogChannel.WARN));
        assertTrue(debugLog.isEnabled(LogChannel.PANIC));
    }
}
