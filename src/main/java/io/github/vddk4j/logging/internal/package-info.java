/**
 * vddk4j's internals for VDDK's native log messages: not API, may change in any release. The
 * callbacks given to {@code VixDiskLib_InitEx} ({@code NativeLogFunctions}) format each message
 * once with libc ({@code LibcVaListFormatter}) and hand it to a {@code LogBridge}, which routes it
 * to the {@link io.github.vddk4j.logging.VddkLogSink}, to the {@code LogCapture}s open on the
 * calling thread, and applies the {@link io.github.vddk4j.logging.PanicPolicy}. Only vddk4j's own
 * packages use it; the API is in {@link io.github.vddk4j.logging}, which names no JNA type.
 */
package io.github.vddk4j.logging.internal;
