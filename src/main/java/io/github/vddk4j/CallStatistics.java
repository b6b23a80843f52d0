package io.github.vddk4j;

import java.time.Duration;

/**
 * What one VixDiskLib function cost so far, from {@link DiskLib#callStatistics()} (collected only
 * when the DiskLib was opened with {@link DiskLib.Builder#observeCalls(boolean)}), like nbdkit's
 * {@code vddk.stats}.
 *
 * @param function  the C function, e.g. {@code "VixDiskLib_Read"}
 * @param calls     how many calls returned
 * @param failures  how many of them returned an error
 * @param bytes     bytes moved by the data-path calls (Read, Write, ReadAsync, WriteAsync); 0 for others
 * @param totalTime time spent inside the function, summed over the calls
 */
public record CallStatistics(String function, long calls, long failures, long bytes, Duration totalTime) {
    /** Mean time per call, or zero without calls. */
    public Duration meanTime() {
        return calls == 0 ? Duration.ZERO : totalTime.dividedBy(calls);
    }
}
