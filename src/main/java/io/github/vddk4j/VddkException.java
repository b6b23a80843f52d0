package io.github.vddk4j;

/**
 * The root of everything vddk4j throws about VDDK itself (unchecked); one {@code catch} covers it.
 * The cases are closed:
 * <ul>
 *   <li>{@link VddkCallException}: a VixDiskLib function returned an error (function, full
 *       {@code VixError}, {@link VixErrorCode}, {@link VixErrorCategory}, whether a retry can help,
 *       what the call was about, and VDDK's log lines);</li>
 *   <li>{@link VddkLoadException}: {@code libvixDiskLib} could not be loaded (every path tried, a
 *       missing dependency, a VDDK too old);</li>
 *   <li>{@link VddkUnsupportedException}: the loaded VDDK lacks the function an operation needs
 *       (which VDDK release has it).</li>
 * </ul>
 * Misuse is not a {@code VddkException}: bad arguments raise {@link IllegalArgumentException} and
 * calls in the wrong state {@link IllegalStateException}, in Java, before any native call.
 */
public abstract sealed class VddkException extends RuntimeException
        permits VddkCallException, VddkLoadException, VddkUnsupportedException {
    private static final long serialVersionUID = 1L;

    VddkException(String message, Throwable cause) {
        super(message, cause);
    }
}
