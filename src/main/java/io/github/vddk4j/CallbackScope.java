package io.github.vddk4j;

import java.util.function.Supplier;

/**
 * Marks the threads that are running user code inside a VDDK callback (progress listeners), so
 * that a call from there back into vddk4j is refused instead of run. VDDK is still inside the call
 * that invoked the callback: closing its handle there frees memory VDDK is using (a
 * use-after-free), and waiting for that call's locks from another callback thread never ends.
 */
final class CallbackScope {
    private static final ThreadLocal<String> INSIDE = new ThreadLocal<>();

    private CallbackScope() {
    }

    /** Runs {@code body} marked as "inside {@code callback}" on this thread. */
    static <T> T call(String callback, Supplier<T> body) {
        String outer = INSIDE.get();
        INSIDE.set(callback);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                INSIDE.remove();
            } else {
                INSIDE.set(outer);
            }
        }
    }

    /**
     * Refuses a use of {@code target} from inside a VDDK callback.
     *
     * @throws IllegalStateException naming the callback and what to do instead
     */
    static void refuseReentry(String target) {
        String callback = INSIDE.get();
        if (callback != null) {
            throw new IllegalStateException("cannot use " + target + " from inside VDDK's " + callback
                    + " callback: VDDK is still running the call that invoked it; return from the callback "
                    + "first (e.g. return false to cancel) and act after that call has returned");
        }
    }

    /** Whether this thread is running inside a VDDK callback. */
    static boolean isInside() {
        return INSIDE.get() != null;
    }
}
