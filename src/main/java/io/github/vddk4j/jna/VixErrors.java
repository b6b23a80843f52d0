package io.github.vddk4j.jna;

import java.util.Map;

/**
 * C {@code VixError} values ({@code uint64}; Java {@code long}) and helpers. The error code is the
 * low 16 bits ({@code VIX_ERROR_CODE(err) = err & 0xFFFF}); the upper bits may carry more detail
 * and must be kept when reporting. Only codes documented in the project's VDDK facts are listed.
 */
public final class VixErrors {
    private VixErrors() {}

    public static final long VIX_OK = 0;
    public static final long VIX_E_FAIL = 1;
    public static final long VIX_E_OUT_OF_MEMORY = 2;
    public static final long VIX_E_INVALID_ARG = 3;
    public static final long VIX_E_FILE_NOT_FOUND = 4;
    public static final long VIX_E_OBJECT_IS_BUSY = 5;
    public static final long VIX_E_NOT_SUPPORTED = 6;
    public static final long VIX_E_FILE_ERROR = 7;
    public static final long VIX_E_DISK_FULL = 8;
    public static final long VIX_E_INCORRECT_FILE_TYPE = 9;
    public static final long VIX_E_CANCELLED = 10;
    public static final long VIX_E_FILE_READ_ONLY = 11;
    public static final long VIX_E_FILE_ALREADY_EXISTS = 12;
    public static final long VIX_E_FILE_ACCESS_ERROR = 13;
    public static final long VIX_E_FILE_ALREADY_LOCKED = 15;
    public static final long VIX_E_BUFFER_TOOSMALL = 24;
    public static final long VIX_E_HOST_USER_PERMISSIONS = 3014;
    public static final long VIX_E_HOST_SERVER_NOT_FOUND = 14008;
    public static final long VIX_E_HOST_NETWORK_CONN_REFUSED = 14009;
    public static final long VIX_E_DISK_INVAL = 16000;
    public static final long VIX_E_DISK_OUTOFRANGE = 16007;
    public static final long VIX_E_CANNOT_CONNECT_TO_HOST = 18000;
    public static final long VIX_E_OPERATION_DISABLED = 20005;
    /** The <em>success</em> return of ReadAsync/WriteAsync: the I/O was queued. */
    public static final long VIX_ASYNC = 25000;
    public static final long VIX_E_NET_HTTP_OPERATION_TIMEDOUT = 30028;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "VIX_OK"),
            Map.entry(1, "VIX_E_FAIL"),
            Map.entry(2, "VIX_E_OUT_OF_MEMORY"),
            Map.entry(3, "VIX_E_INVALID_ARG"),
            Map.entry(4, "VIX_E_FILE_NOT_FOUND"),
            Map.entry(5, "VIX_E_OBJECT_IS_BUSY"),
            Map.entry(6, "VIX_E_NOT_SUPPORTED"),
            Map.entry(7, "VIX_E_FILE_ERROR"),
            Map.entry(8, "VIX_E_DISK_FULL"),
            Map.entry(9, "VIX_E_INCORRECT_FILE_TYPE"),
            Map.entry(10, "VIX_E_CANCELLED"),
            Map.entry(11, "VIX_E_FILE_READ_ONLY"),
            Map.entry(12, "VIX_E_FILE_ALREADY_EXISTS"),
            Map.entry(13, "VIX_E_FILE_ACCESS_ERROR"),
            Map.entry(15, "VIX_E_FILE_ALREADY_LOCKED"),
            Map.entry(24, "VIX_E_BUFFER_TOOSMALL"),
            Map.entry(3014, "VIX_E_HOST_USER_PERMISSIONS"),
            Map.entry(14008, "VIX_E_HOST_SERVER_NOT_FOUND"),
            Map.entry(14009, "VIX_E_HOST_NETWORK_CONN_REFUSED"),
            Map.entry(16000, "VIX_E_DISK_INVAL"),
            Map.entry(16007, "VIX_E_DISK_OUTOFRANGE"),
            Map.entry(18000, "VIX_E_CANNOT_CONNECT_TO_HOST"),
            Map.entry(20005, "VIX_E_OPERATION_DISABLED"),
            Map.entry(25000, "VIX_ASYNC"),
            Map.entry(30028, "VIX_E_NET_HTTP_OPERATION_TIMEDOUT"));

    /** C {@code VIX_ERROR_CODE(err)}: the low 16 bits. */
    public static int code(long err) {
        return (int) (err & 0xFFFF);
    }

    /** C {@code VIX_SUCCEEDED(err)}. */
    public static boolean succeeded(long err) {
        return err == VIX_OK;
    }

    /** C {@code VIX_FAILED(err)}. */
    public static boolean failed(long err) {
        return err != VIX_OK;
    }

    /** The C name of {@code code(err)} (e.g. {@code "VIX_E_FILE_NOT_FOUND"}), or {@code "VIX error <code>"}. */
    public static String nameOf(long err) {
        int code = code(err);
        String name = NAMES.get(code);
        return name != null ? name : "VIX error " + code;
    }
}
