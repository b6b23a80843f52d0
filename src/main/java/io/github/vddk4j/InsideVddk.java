package io.github.vddk4j;

import java.util.function.LongSupplier;

/**
 * Knows which threads are inside a VixDiskLib call, so that user code VDDK calls back on such a
 * thread (a log sink's {@code isEnabled}, a {@code PanicPolicy} action, a progress listener) cannot
 * re-enter vddk4j: VDDK is not re-entrant, and the wrapper's locks are (the thread already holds
 * them), so without this a sink could close the handle under the running Read (heap use after free).
 * Such a call is refused with {@link IllegalStateException} before it takes any lock; it never runs.
 */
final class InsideVddk {
    /** The function the thread is inside, or null. */
    private static final ThreadLocal<String[]> CURRENT = ThreadLocal.withInitial(() -> new String[1]);

    private InsideVddk() {
    }

    /** Runs one native call with the current thread marked as inside {@code function}. */
    static long call(String function, LongSupplier call) {
        String[] current = CURRENT.get();
        String outer = current[0];
        current[0] = function;
        try {
            return call.getAsLong();
        } finally {
            current[0] = outer;
        }
    }

    /**
     * The current thread's mark, for a call without a lambda (the data path): save element 0, set
     * it to the function, restore it in {@code finally}.
     */
    static String[] mark() {
        return CURRENT.get();
    }

    /** {@link #call} for a function that returns a pointer or other object. */
    static <T> T get(String function, java.util.function.Supplier<T> call) {
        String[] current = CURRENT.get();
        String outer = current[0];
        current[0] = function;
        try {
            return call.get();
        } finally {
            current[0] = outer;
        }
    }

    /** {@link #call} for a function without a result. */
    static void run(String function, Runnable call) {
        call(function, () -> {
            call.run();
            return 0;
        });
    }

    /**
     * @param what the vddk4j object being used, for the message
     * @throws IllegalStateException if the current thread is inside a VixDiskLib call (i.e. this is
     *     a callback from VDDK)
     */
    static void refuseReentry(String what) {
        String function = CURRENT.get()[0];
        if (function != null) {
            throw new IllegalStateException("refused: " + what + " was used from inside a VDDK callback (a log sink,"
                    + " panic policy or progress listener running on the thread that is inside " + function
                    + "); VDDK is not re-entrant. Hand the work to another thread instead");
        }
    }
}
