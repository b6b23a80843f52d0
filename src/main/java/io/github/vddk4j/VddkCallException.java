package io.github.vddk4j;

import java.util.List;
import java.util.Objects;

/**
 * A VixDiskLib function returned an error. Carries the full 64-bit {@code VixError}, its 16-bit
 * code as a {@link VixErrorCode} with its {@link VixErrorCategory} and whether retrying can help,
 * the C function that failed, what the call was about (a disk path, a server; never a secret), the
 * text of {@code VixDiskLib_GetErrorText}, and the warnings VDDK logged on the calling thread during
 * the call (real VDDK often returns a generic {@code VIX_E_FAIL} while the cause is only in its log).
 *
 * <p>Example message:
 * {@code VixDiskLib_Open failed (disk.vmdk): VIX_E_FILE_NOT_FOUND (4): A file was not found [VDDK log: ...]}
 */
public final class VddkCallException extends VddkException {
    private static final long serialVersionUID = 1L;

    private final long vixError;
    private final String function;
    private final String context;
    private final String errorText;
    private final List<String> vddkLog;

    /**
     * @param function  the C function that failed, e.g. {@code "VixDiskLib_Open"}
     * @param context   what the call was about (a disk path, a server), or null; never a secret
     * @param vixError  the 64-bit value the function returned
     * @param errorText the text of VixDiskLib_GetErrorText, or null when there is none
     * @param vddkLog   warn/panic lines VDDK logged during the call (may be empty)
     */
    public VddkCallException(String function, String context, long vixError, String errorText, List<String> vddkLog) {
        this(function, context, vixError, errorText, vddkLog, null);
    }

    /** As the public constructor, with a cause (e.g. the progress listener's exception that cancelled the call). */
    VddkCallException(String function, String context, long vixError, String errorText, List<String> vddkLog,
                      Throwable cause) {
        super(message(function, context, vixError, errorText, vddkLog), cause);
        this.vixError = vixError;
        this.function = Objects.requireNonNull(function, "function");
        this.context = context;
        this.errorText = errorText;
        this.vddkLog = List.copyOf(vddkLog == null ? List.of() : vddkLog);
    }

    /** VDDK log lines quoted in the message; {@link #vddkLog()} has them all. */
    private static final int MAX_LOG_LINES_IN_MESSAGE = 8;

    private static String message(String function, String context, long vixError, String errorText,
                                  List<String> vddkLog) {
        StringBuilder sb = new StringBuilder(function).append(" failed");
        if (context != null && !context.isEmpty()) {
            sb.append(" (").append(Echo.bounded(context)).append(')');
        }
        int code = (int) (vixError & 0xFFFF);
        VixErrorCode typed = VixErrorCode.of(vixError);
        sb.append(": ").append(typed == VixErrorCode.UNKNOWN ? "VIX error" : typed.name())
                .append(" (").append(code).append(')');
        if (vixError != code) {
            sb.append(" [VixError 0x").append(Long.toHexString(vixError)).append(']');
        }
        sb.append(": ").append(errorText == null || errorText.isEmpty() ? "(no error text)" : Echo.bounded(errorText));
        if (vddkLog != null && !vddkLog.isEmpty()) {
            sb.append(" [VDDK log: ");
            int shown = Math.min(vddkLog.size(), MAX_LOG_LINES_IN_MESSAGE);
            for (int i = 0; i < shown; i++) {
                sb.append(i == 0 ? "" : " | ").append(Echo.bounded(vddkLog.get(i)));
            }
            if (shown < vddkLog.size()) {
                sb.append(" | ...").append(vddkLog.size() - shown).append(" more lines, see vddkLog()");
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /** The full 64-bit {@code VixError} the function returned. */
    public long vixError() {
        return vixError;
    }

    /** The 16-bit error code: {@code vixError() & 0xFFFF}. */
    public int code() {
        return (int) (vixError & 0xFFFF);
    }

    /** The typed view of {@link #code()}; {@link VixErrorCode#UNKNOWN} for unlisted codes. */
    public VixErrorCode errorCode() {
        return VixErrorCode.of(vixError);
    }

    /** What kind of failure this is ({@link VixErrorCode#category()}). */
    public VixErrorCategory category() {
        return errorCode().category();
    }

    /** Whether the same call may succeed if retried later ({@link VixErrorCode#retryable()}). */
    public boolean retryable() {
        return errorCode().retryable();
    }

    /** The C function that failed, e.g. {@code "VixDiskLib_ConnectEx"}. */
    public String function() {
        return function;
    }

    /** What the call was about (a disk path, a server, a sector), or null; never a secret. */
    public String context() {
        return context;
    }

    /** The text {@code VixDiskLib_GetErrorText} gave for the error, or null if it gave none. */
    public String errorText() {
        return errorText;
    }

    /** The warn/panic lines VDDK logged on the calling thread during the call (unmodifiable). */
    public List<String> vddkLog() {
        return vddkLog;
    }

    /** This failure with {@code cause} as its cause (the stack trace is this one's). */
    VddkCallException withCause(Throwable cause) {
        VddkCallException e = new VddkCallException(function, context, vixError, errorText, vddkLog, cause);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
