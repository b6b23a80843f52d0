package io.github.vddk4j.testsupport;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes with a DiskLib of their own (the shared one is quiet already, see
 * {@link SharedDiskLib}) that provoke VDDK errors on purpose: VDDK's warnings (logger
 * {@code vddk4j.native.warn}) are captured ({@link CapturedLogger}) instead of printed while the
 * class runs, so a passing build prints little. A failing call still carries them in
 * {@code VddkCallException.vddkLog()}.
 */
public final class QuietVddkWarnings implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QuietVddkWarnings.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("captured", CapturedLogger.of("vddk4j.native.warn", Level.WARN));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        CapturedLogger captured = context.getStore(NAMESPACE).remove("captured", CapturedLogger.class);
        if (captured != null) {
            captured.close();
        }
    }
}
