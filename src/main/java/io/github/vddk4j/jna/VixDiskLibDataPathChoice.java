package io.github.vddk4j.jna;

import java.util.Locale;
import java.util.Objects;

/**
 * Which implementation of {@link VixDiskLibDataPath} the loader chose, and why: a value for the layer
 * above to log and report (this layer logs nothing).
 *
 * @param implementation {@link #FFM} (Foreign Function &amp; Memory downcalls, Java 22+ from the
 *                       multi-release jar) or {@link #JNA} (JNA direct mapping)
 * @param reason         one line saying why, e.g. {@code "Java 25: FFM downcalls"}
 * @param fallback       true when FFM was wanted (Java 22+ with the FFM classes present, nothing
 *                       forced) but could not be used, e.g. native access denied; {@code reason}
 *                       then says what failed and what to do
 */
public record VixDiskLibDataPathChoice(String implementation, String reason, boolean fallback) {
    /** {@code implementation} of the Foreign Function &amp; Memory data path. */
    public static final String FFM = "ffm";
    /** {@code implementation} of the JNA direct-mapped data path. */
    public static final String JNA = "jna";
    /** The property value that lets the loader choose (FFM where it works, else JNA). */
    public static final String AUTO = "auto";

    /**
     * The value of {@value VixDiskLibLoader#DATA_PATH_PROPERTY} as the one spelling every user of
     * the property compares: {@link #AUTO} when unset or blank, else trimmed and lower-case (a
     * value other than {@link #JNA}, {@link #FFM} or {@link #AUTO} is returned as such, for the
     * loader to refuse).
     */
    public static String requested(String propertyValue) {
        return propertyValue == null || propertyValue.isBlank() ? AUTO : propertyValue.trim().toLowerCase(Locale.ROOT);
    }

    public VixDiskLibDataPathChoice {
        Objects.requireNonNull(reason, "reason");
        if (!FFM.equals(implementation) && !JNA.equals(implementation)) {
            throw new IllegalArgumentException("implementation must be \"ffm\" or \"jna\", not " + implementation);
        }
    }
}
