package io.github.vddk4j.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what one logger logs during a test, at the given level, without letting it reach the
 * console (a passing build prints little); close restores the logger.
 */
public final class CapturedLogger implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level levelBefore;

    private CapturedLogger(String name, Level level) {
        logger = (Logger) LoggerFactory.getLogger(name);
        levelBefore = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(false);
    }

    /** Starts capturing logger {@code name} at {@code level}. */
    public static CapturedLogger of(String name, Level level) {
        return new CapturedLogger(name, level);
    }

    /** What was logged so far. */
    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** The formatted messages so far, one per line. */
    public String text() {
        return String.join("\n", events().stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
        logger.setAdditive(true);
    }
}
