package io.github.vddk4j;

/**
 * Tracks the one live {@link DiskLib} of this process: VDDK is initialised once per process
 * (InitEx ... Exit), so a second open while one is live fails, naming where the first was opened.
 */
final class LiveDiskLib {
    private static final Object LOCK = new Object();
    private static OpenedHere openedAt;

    private LiveDiskLib() {
    }

    /** Where and by which thread the live DiskLib was opened (kept as the cause of the refusal). */
    static final class OpenedHere extends Throwable {
        private static final long serialVersionUID = 1L;

        OpenedHere(String thread) {
            super("the live DiskLib was opened here by thread '" + thread + "'");
        }
    }

    /**
     * Claims the process's single DiskLib slot.
     *
     * @throws IllegalStateException if another DiskLib is live
     */
    static void claim() {
        synchronized (LOCK) {
            if (openedAt != null) {
                throw new IllegalStateException("a DiskLib is already open in this process ("
                        + openedAt.getMessage().substring("the live DiskLib was ".length()) + " at "
                        + callerFrame(openedAt) + "); VDDK is initialised once per process: "
                        + "share that DiskLib or close it before opening another", openedAt);
            }
            openedAt = new OpenedHere(Thread.currentThread().getName());
        }
    }

    /** Frees the slot (after Exit). */
    static void release() {
        synchronized (LOCK) {
            openedAt = null;
        }
    }

    private static String callerFrame(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (!c.startsWith("io.github.vddk4j.") || c.startsWith("io.github.vddk4j.tool.")
                    || c.endsWith("Test") || c.contains("Test$")) {
                return e.toString();
            }
        }
        StackTraceElement[] st = t.getStackTrace();
        return st.length == 0 ? "(unknown)" : st[st.length - 1].toString();
    }
}
