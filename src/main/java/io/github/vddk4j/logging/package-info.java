/**
 * Where VDDK's native log messages go.
 *
 * <p>VDDK calls three functions given to {@code VixDiskLib_InitEx} (log, warn, panic) with a printf
 * format and a {@code va_list}, from the calling thread and from its own threads. The callbacks
 * ({@code io.github.vddk4j.logging.internal.NativeLogFunctions}) format each message once with libc, only when
 * someone wants it, and hand it to a {@code LogBridge}, which routes it to a
 * {@link io.github.vddk4j.logging.VddkLogSink} (by default {@link io.github.vddk4j.logging.Slf4jLogSink}:
 * loggers {@code vddk4j.native.log} at DEBUG, {@code vddk4j.native.warn} at WARN,
 * {@code vddk4j.native.panic} at ERROR; phone-home/CEIP noise at DEBUG), to the
 * {@code LogCapture}s open on the calling thread (so exceptions can carry
 * VDDK's explanation), and applies the {@link io.github.vddk4j.logging.PanicPolicy} after a panic.
 */
package io.github.vddk4j.logging;
