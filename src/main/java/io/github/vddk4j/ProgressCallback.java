package io.github.vddk4j;

import com.sun.jna.Pointer;
import io.github.vddk4j.jna.VixDiskLibProgressFunc;
import java.lang.ref.Reference;
import java.util.Objects;
import java.util.function.Function;

/**
 * The native {@code VixDiskLibProgressFunc} for one long operation, wrapping a
 * {@link ProgressListener}: the listener runs marked as inside VDDK ({@link InsideVddk}: calls
 * into vddk4j from there are refused, also when VDDK calls back on another thread), its exceptions never reach native code (they cancel the operation and
 * become the cause of the failure), and this object stays strongly reachable for the whole call
 * (JNA keeps callbacks only weakly).
 */
final class ProgressCallback implements VixDiskLibProgressFunc {
    private static final byte TRUE = 1;
    private static final byte FALSE = 0;

    private final ProgressListener listener;
    private final String operation;
    private volatile Throwable listenerFailure;

    ProgressCallback(ProgressListener listener, String operation) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.operation = operation;
    }

    @Override
    public byte invoke(Pointer progressData, int percentCompleted) {
        if (listenerFailure != null) {
            return FALSE;
        }
        try {
            int percent = Math.max(0, Math.min(100, percentCompleted));
            // marked as inside VDDK, whatever thread VDDK calls back on: vddk4j refuses re-entry from here
            long goOn = InsideVddk.call(operation + " (its progress listener)", () -> listener.onProgress(percent) ? 1 : 0);
            return goOn != 0 ? TRUE : FALSE;
        } catch (Throwable t) {
            listenerFailure = t;
            return FALSE;
        }
    }

    /**
     * Runs one VixDiskLib call that takes this callback and checks its result.
     *
     * @throws VddkCallException if the call fails; when the listener threw, its exception is the cause
     */
    void check(NativeCalls calls, String function, String context, Function<VixDiskLibProgressFunc, Long> call) {
        try {
            calls.check(function, context, () -> call.apply(this));
        } catch (VddkCallException e) {
            Throwable failure = listenerFailure;
            throw failure == null ? e : e.withCause(failure);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** What the listener threw, if it did. */
    Throwable listenerFailure() {
        return listenerFailure;
    }
}
