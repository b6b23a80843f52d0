package io.github.vddk4j.testsupport;

import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * For test classes that provoke VDDK errors on purpose: VDDK's warnings (logger
 * {@code vddk4j.native.warn}) stay off the console while the class runs, so a passing build
 * prints little. A failing call still carries them in {@code VddkCallException.vddkLog()}.
 */
public final class QuietVddkWarnings implements BeforeAllCallback, AfterAllCallback {
    private static final String LOGGER = "vddk4j.native.warn";

    @Override
    public void beforeAll(ExtensionContext context) {
        ((Logger) LoggerFactory.getLogger(LOGGER)).setAdditive(false);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ((Logger) LoggerFactory.getLogger(LOGGER)).setAdditive(true);
    }
}
