package io.github.vddk4j;

/**
 * The two counts {@code VixDiskLib_Cleanup} returns.
 *
 * @param numCleanedUp how many leftover states (e.g. of a process that died) were cleaned up
 * @param numRemaining how many remain (e.g. still in use)
 */
public record CleanupResult(long numCleanedUp, long numRemaining) {
    /** Checks that both counts are C uint32 values. */
    public CleanupResult {
        if (numCleanedUp < 0 || numCleanedUp > 0xFFFF_FFFFL || numRemaining < 0 || numRemaining > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("counts must be uint32: " + numCleanedUp + ", " + numRemaining);
        }
    }
}
