package io.github.vddk4j.logging;

/**
 * Which of the three log functions given to {@code VixDiskLib_InitEx} VDDK called:
 * {@code log}, {@code warn} or {@code panic}.
 */
public enum LogChannel {
    /** VDDK's informational log function (chatty: over a hundred lines per InitEx on real VDDK). */
    LOG,
    /** VDDK's warning function. */
    WARN,
    /** VDDK's panic function: the library hit a fatal error; it is not supposed to return. */
    PANIC
}
