package io.github.vddk4j.logging.internal;

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

    /**
     * {@link #format(Pointer, Pointer)} with both pointers as native addresses (what the log
     * callback receives, 0 for NULL). Implementations may override it to avoid creating
     * {@link Pointer} objects.
     */
    default String format(long fmt, long vaList) {
        return format(fmt == 0 ? null : new Pointer(fmt), new Pointer(vaList));
    }

    /**
     * {@link #format(long, long)} without the trailing line terminators ({@code \n}, {@code \r\n})
     * that VDDK ends its messages with.
     */
    default String formatLine(long fmt, long vaList) {
        return NativeLogFunctions.trimTrailingNewline(format(fmt, vaList));
    }
}
