package io.github.vddk4j.jna;

/**
 * The two {@code VixError} values the raw layer itself needs ({@code uint64}; Java {@code long}):
 * success, and the success return of an async request. The error code is the low 16 bits
 * ({@code VIX_ERROR_CODE(err) = err & 0xFFFF}); the upper bits may carry more detail. Every code with
 * its name, category and text is {@code VixErrorCode} of the public API, checked against
 * {@code native-stubs/api/errors.tsv}.
 */
public final class VixErrors {
    private VixErrors() {}

    /** {@code VIX_OK}: the call succeeded. */
    public static final long VIX_OK = 0;
    /** {@code VIX_ASYNC}: the <em>success</em> return of ReadAsync/WriteAsync: the I/O was queued. */
    public static final long VIX_ASYNC = 25000;

    /** C {@code VIX_ERROR_CODE(err)}: the low 16 bits. */
    public static int code(long err) {
        return (int) (err & 0xFFFF);
    }
}
