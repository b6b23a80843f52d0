package io.github.vddk4j.jna;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * C {@code typedef void (VixDiskLibGenericLogFunc)(const char *fmt, va_list args)}: the log, warn
 * and panic functions given to {@code VixDiskLib_InitEx}.
 *
 * <p>On x86-64 Linux a {@code va_list} parameter arrives as a pointer to a 24-byte
 * {@code __va_list_tag}; it can be consumed only once. JNA holds callbacks weakly: the owner must
 * keep every instance strongly referenced until after {@code VixDiskLib_Exit}. An implementation
 * must never throw (an exception cannot cross into native code).
 */
public interface VixDiskLibGenericLogFunc extends Callback {
    /**
     * @param fmt    the printf format (library-owned, valid only during the call)
     * @param vaList the {@code va_list} (x86-64: pointer to the 24-byte va_list structure)
     */
    void invoke(Pointer fmt, Pointer vaList);
}
