package io.github.vddk4j.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link VddkLogSink}: hands VDDK's messages to SLF4J.
 *
 * <p>Logger names (all children of {@value #LOGGER_PREFIX}, so one setting controls them all):
 * <ul>
 *   <li>{@code vddk4j.native.log} — the {@link LogChannel#LOG log} function, at <b>DEBUG</b> by default
 *       (VDDK's log function is chatty; it is not for a backup product's normal output). Construct with
 *       {@link #Slf4jLogSink(boolean) Slf4jLogSink(true)} to log it at INFO instead.</li>
 *   <li>{@code vddk4j.native.warn} — the {@link LogChannel#WARN warn} function, at WARN.</li>
 *   <li>{@code vddk4j.native.panic} — the {@link LogChannel#PANIC panic} function, at ERROR (the
 *       {@link PanicPolicy} then applies).</li>
 * </ul>
 * VDDK's "phone home"/CEIP noise (messages containing {@code VDDK_PhoneHome:} or
 * {@code Get CEIP status failed}) is demoted to DEBUG on the channel's logger, whatever the channel.
 */
public final class Slf4jLogSink implements VddkLogSink {
    /** Parent of the three logger names. */
    public static final String LOGGER_PREFIX = "vddk4j.native";
    /** Logger of VDDK's informational messages (its log function). */
    public static final String LOG_LOGGER = LOGGER_PREFIX + ".log";
    /** Logger of VDDK's warnings (its warning function). */
    public static final String WARN_LOGGER = LOGGER_PREFIX + ".warn";
    /** Logger of VDDK's panic messages (its panic function). */
    public static final String PANIC_LOGGER = LOGGER_PREFIX + ".panic";

    private final Logger log = LoggerFactory.getLogger(LOG_LOGGER);
    private final Logger warn = LoggerFactory.getLogger(WARN_LOGGER);
    private final Logger panic = LoggerFactory.getLogger(PANIC_LOGGER);
    private final boolean logChannelAtInfo;

    /** LOG at DEBUG, WARN at WARN, PANIC at ERROR. */
    public Slf4jLogSink() {
        this(false);
    }

    /** @param logChannelAtInfo {@code true} to log the LOG channel at INFO rather than DEBUG */
    public Slf4jLogSink(boolean logChannelAtInfo) {
        this.logChannelAtInfo = logChannelAtInfo;
    }

    /** Whether a message is VDDK's phone-home/CEIP noise (demoted to DEBUG): {@link PhoneHomeNoise#matches}. */
    public static boolean isPhoneHomeNoise(String message) {
        return PhoneHomeNoise.matches(message);
    }

    @Override
    public boolean isEnabled(LogChannel channel) {
        switch (channel) {
            case LOG:
                return logChannelAtInfo ? log.isInfoEnabled() : log.isDebugEnabled();
            case WARN:
                return warn.isWarnEnabled();
            default:
                return true;
        }
    }

    @Override
    public void accept(LogChannel channel, String message) {
        Logger logger = channel == LogChannel.LOG ? log : channel == LogChannel.WARN ? warn : panic;
        if (isPhoneHomeNoise(message)) {
            logger.debug("{}", message);
            return;
        }
        switch (channel) {
            case LOG:
                if (logChannelAtInfo) {
                    logger.info("{}", message);
                } else {
                    logger.debug("{}", message);
                }
                break;
            case WARN:
                logger.warn("{}", message);
                break;
            default:
                logger.error("{}", message);
                break;
        }
    }
}
