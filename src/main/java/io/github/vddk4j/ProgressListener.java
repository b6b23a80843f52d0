package io.github.vddk4j;

/**
 * Progress of a long disk operation (Create, CreateChild, Clone, Grow, Shrink, Defragment): VDDK's
 * {@code VixDiskLibProgressFunc}. Called with the percentage done (0 to 100), possibly on a VDDK
 * thread. Return {@code false} to cancel: the operation then fails with a {@link VddkCallException}
 * whose code is {@code VIX_E_CANCELLED} (10).
 *
 * <p>Rules: return quickly (VDDK waits for you). An exception thrown here is caught, cancels the
 * operation and becomes the cause of the resulting exception. Calling back into vddk4j from here
 * (closing the disk, starting another operation) is refused with {@link IllegalStateException}:
 * VDDK is still inside the call that reports progress.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress and never cancels. */
    ProgressListener NONE = percent -> true;

    /**
     * @param percentDone 0 to 100
     * @return true to go on, false to cancel the operation
     */
    boolean onProgress(int percentDone);
}
