package io.github.vddk4j.logging;

import com.sun.jna.Pointer;

/**
 * Formats a C {@code printf} format and {@code va_list} into a Java string, consuming the va_list
 * exactly once. Injectable into {@link NativeLogFunctions} (tests count calls to prove that a
 * disabled level formats nothing); the implementation is {@link LibcVaListFormatter}.
 */
public interface VaListFormatter {
    /**
     * @param fmt    the format (NUL-terminated, valid during the call)
     * @param vaList the va_list as the log callback received it
     * @return the whole formatted text, or a prefix ending with
     *         {@link LogBridge#TRUNCATION_MARKER} if it was too long to keep
     */
    String format(Pointer fmt, Pointer vaList);
}
