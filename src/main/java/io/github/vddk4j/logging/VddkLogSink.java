package io.github.vddk4j.logging;

/**
 * Where VDDK's native log messages go. The default is {@link Slf4jLogSink}; plug your own to route
 * them elsewhere.
 *
 * <p>Implementations must be thread-safe: VDDK calls from the thread that called into it and from its
 * own worker threads, concurrently. Exceptions thrown by a sink never reach native code: the
 * library catches and counts them, and logging goes on.
 */
public interface VddkLogSink {
    /**
     * Whether messages of this channel would be kept. Asked before formatting: when it returns
     * {@code false} (and no vddk4j call on the thread captures messages for an exception), the message is not formatted
     * at all. Must be cheap.
     */
    boolean isEnabled(LogChannel channel);

    /**
     * Receives one complete, formatted message without its trailing newline. Messages too long to
     * keep whole end with {@code " ...[truncated by vddk4j]"}.
     */
    void accept(LogChannel channel, String message);
}
