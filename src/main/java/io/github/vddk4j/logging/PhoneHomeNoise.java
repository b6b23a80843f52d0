package io.github.vddk4j.logging;

/**
 * VDDK's "phone home" / CEIP noise: VDDK 7 and later report the state of VMware's Customer
 * Experience Improvement Program through the <em>warn</em> function although nothing is wrong
 * (docs/vddk-behaviour.md, "Phone-home noise"). Long-lived consumers demote these lines; vddk4j's
 * sinks log them at DEBUG only, and they never travel inside an exception. The one place that
 * knows what such a line looks like.
 */
public final class PhoneHomeNoise {
    private PhoneHomeNoise() {
    }

    /** Whether a message is phone-home/CEIP noise ({@code VDDK_PhoneHome:} or {@code Get CEIP status failed}). */
    public static boolean matches(String message) {
        return message != null && (message.contains("VDDK_PhoneHome:") || message.contains("Get CEIP status failed"));
    }
}
