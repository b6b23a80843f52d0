package io.github.vddk4j.jna;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * C {@code typedef Bool (*VixDiskLibProgressFunc)(void *progressData, int percentCompleted)}: progress
 * of Create, CreateChild, Clone, Grow, Shrink and Defragment. Returning {@code FALSE} (0) cancels
 * the operation (it then fails with {@code VIX_E_CANCELLED}). An implementation must never throw.
 */
public interface VixDiskLibProgressFunc extends Callback {
    /**
     * @param progressData     the {@code progressData} given to the operation
     * @param percentCompleted 0..100
     * @return C {@code Bool}: 1 ({@code TRUE}) to go on, 0 ({@code FALSE}) to cancel
     */
    byte invoke(Pointer progressData, int percentCompleted);
}
