package io.github.vddk4j;

/**
 * The common VIX error codes (the low 16 bits of a {@code VixError}), as a typed view of
 * {@link VddkException#code()}. Codes vddk4j does not list map to {@link #UNKNOWN}; the
 * exception always keeps the numeric code and VDDK's own text.
 */
public enum VixErrorCode {
    /** 0: the operation was successful. */
    VIX_OK(0),
    /** 1: "Unknown error"; real VDDK often explains the cause only in its log. */
    VIX_E_FAIL(1),
    /** 2: memory allocation failed. */
    VIX_E_OUT_OF_MEMORY(2),
    /** 3: one of the parameters was invalid. */
    VIX_E_INVALID_ARG(3),
    /** 4: a file was not found. */
    VIX_E_FILE_NOT_FOUND(4),
    /** 6: the operation is not supported. */
    VIX_E_NOT_SUPPORTED(6),
    /** 9: wrong file type. */
    VIX_E_INCORRECT_FILE_TYPE(9),
    /** 10: the operation was cancelled. */
    VIX_E_CANCELLED(10),
    /** 11: the file is write-protected (e.g. a write on a read-only handle). */
    VIX_E_FILE_READ_ONLY(11),
    /** 12: the file already exists. */
    VIX_E_FILE_ALREADY_EXISTS(12),
    /** 13: no access rights to the file. */
    VIX_E_FILE_ACCESS_ERROR(13),
    /** 15: the file is already in use (locked). */
    VIX_E_FILE_ALREADY_LOCKED(15),
    /** 24: buffer is too small. */
    VIX_E_BUFFER_TOOSMALL(24),
    /** 3014: insufficient permissions on the host. */
    VIX_E_HOST_USER_PERMISSIONS(3014),
    /** 14008: the specified server could not be contacted. */
    VIX_E_HOST_SERVER_NOT_FOUND(14008),
    /** 14009: connection refused. */
    VIX_E_HOST_NETWORK_CONN_REFUSED(14009),
    /** 16000: one of the parameters supplied is invalid. */
    VIX_E_DISK_INVAL(16000),
    /** 16007: access to an area out of the disk's bounds. */
    VIX_E_DISK_OUTOFRANGE(16007),
    /** 18000: cannot connect to the host. */
    VIX_E_CANNOT_CONNECT_TO_HOST(18000),
    /** 20005: operation disabled (e.g. storage migration disabled by another client). */
    VIX_E_OPERATION_DISABLED(20005),
    /** 25000: the success return of ReadAsync/WriteAsync (queued), not an error. */
    VIX_ASYNC(25000),
    /** 30028: an HTTP operation (NFC/network) timed out. */
    VIX_E_NET_HTTP_OPERATION_TIMEDOUT(30028),
    /** Any code not listed here; see {@link VddkException#code()} for the number. */
    UNKNOWN(-1);

    private final int code;

    VixErrorCode(int code) {
        this.code = code;
    }

    /** The 16-bit code, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /**
     * The typed code of a full 64-bit {@code VixError} (only its low 16 bits count).
     *
     * @param vixError the value a VixDiskLib function returned
     * @return the listed code, else {@link #UNKNOWN}
     */
    public static VixErrorCode of(long vixError) {
        int low = (int) (vixError & 0xFFFF);
        for (VixErrorCode c : values()) {
            if (c.code == low) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
