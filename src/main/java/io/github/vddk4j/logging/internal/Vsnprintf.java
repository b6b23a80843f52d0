package io.github.vddk4j.logging.internal;

/**
 * libc's {@code int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)}, every
 * pointer as its address: JNA direct mapping ({@link LibcVaListFormatter}) or, on Java 22+ with the
 * multi-release jar, an FFM downcall ({@link FfmLogUpcalls#vsnprintf()}).
 */
interface Vsnprintf {
    int vsnprintf(long buf, long size, long fmt, long vaList);
}
