package io.github.vddk4j;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The slot of the one live {@link DiskLib} per VDDK library, and the one-initialisation rule.
 *
 * <p>Real VDDK is initialised once per process: a second {@code VixDiskLib_InitEx} after
 * {@code VixDiskLib_Exit} corrupts its heap (docs/vddk-behaviour.md, "One InitEx per process").
 * So for the process's real library ({@link #process()}): a second open while one DiskLib is live
 * fails naming where the first was opened, and once a DiskLib whose InitEx succeeded has closed,
 * every later open fails saying that VDDK cannot be re-initialised. An InitEx that failed does not
 * use the slot up (nothing was initialised).
 *
 * <p>A raw library injected by unit tests ({@link #injected(Object)}) is not the process's VDDK:
 * it has its own slot (still one live DiskLib at a time) and may be initialised again.
 */
final class LiveDiskLib {
    private static final LiveDiskLib PROCESS = new LiveDiskLib(true);
    private static final Map<Object, LiveDiskLib> INJECTED = new WeakHashMap<>();

    private final boolean realVddk;
    private OpenedHere live;
    private OpenedHere initialisedAndClosed;

    private LiveDiskLib(boolean realVddk) {
        this.realVddk = realVddk;
    }

    /** The slot of the process's real VDDK (every library {@link DiskLib.Builder#open()} loads). */
    static LiveDiskLib process() {
        return PROCESS;
    }

    /** The slot of a raw library given to {@code openWith} (tests), one per library object. */
    static LiveDiskLib injected(Object rawLibrary) {
        synchronized (INJECTED) {
            return INJECTED.computeIfAbsent(rawLibrary, k -> new LiveDiskLib(false));
        }
    }

    /** Where and by which thread a DiskLib was opened (kept as the cause of a refusal). */
    static final class OpenedHere extends Throwable {
        private static final long serialVersionUID = 1L;

        OpenedHere(String thread) {
            super("opened by thread '" + thread + "'");
        }

        /** "by thread 't' at Caller.method(File.java:12)". */
        String where() {
            return getMessage().substring("opened ".length()) + " at " + callerFrame(this);
        }
    }

    /**
     * Claims the slot before loading and InitEx.
     *
     * @throws IllegalStateException if a DiskLib is live, or (real VDDK) one was initialised and closed
     */
    synchronized void claim() {
        if (live != null) {
            throw new IllegalStateException("a DiskLib is already open in this process (opened " + live.where()
                    + "); VDDK is initialised once per process: share that DiskLib (it is thread-safe)", live);
        }
        if (initialisedAndClosed != null) {
            throw new IllegalStateException("VDDK cannot be initialised again in this process: the DiskLib opened "
                    + initialisedAndClosed.where() + " was closed (VixDiskLib_Exit), and real VDDK corrupts its "
                    + "memory on a second VixDiskLib_InitEx in the same process. What to do: keep one DiskLib open "
                    + "for the life of the process and share it (it is thread-safe), and close it only at the end; "
                    + "if jobs need their own initialisation (another config or log sink), run each in a child "
                    + "process.", initialisedAndClosed);
        }
        live = new OpenedHere(Thread.currentThread().getName());
    }

    /**
     * Frees the slot. {@code initialised}: the DiskLib's InitEx had succeeded (its Exit has now run),
     * so the process's real VDDK can never be initialised again.
     */
    synchronized void release(boolean initialised) {
        if (initialised && realVddk) {
            initialisedAndClosed = live;
        }
        live = null;
    }

    private static boolean isOpeningCode(String className) {
        for (Class<?> c : new Class<?>[] {LiveDiskLib.class, DiskLib.class}) {
            if (className.equals(c.getName()) || className.startsWith(c.getName() + "$")) {
                return true;
            }
        }
        return false;
    }

    /** The first frame outside DiskLib's own opening code: the caller of {@code DiskLib.Builder.open()}. */
    private static String callerFrame(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        for (StackTraceElement e : st) {
            String c = e.getClassName();
            if (!isOpeningCode(c)) {
                return e.toString();
            }
        }
        return st.length == 0 ? "(unknown)" : st[st.length - 1].toString();
    }
}
