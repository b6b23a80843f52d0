package io.github.vddk4j;

/**
 * The calling thread was interrupted while vddk4j waited for something (another thread's use or
 * close of a handle, connection or library; the process-wide lifecycle lock; outstanding async
 * requests). The message says what it waited for; the thread's interrupt flag is set again, and
 * nothing was done. {@code close()} never throws it: closing waits for the use in flight and
 * keeps the interrupt flag set.
 */
public final class InterruptedWaitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param waitingFor what the thread waited for, e.g. "DiskHandle for 'a.vmdk' (in use by another thread)"
     * @param cause      the {@link InterruptedException}
     */
    public InterruptedWaitException(String waitingFor, InterruptedException cause) {
        super("interrupted while waiting for " + waitingFor, cause);
    }

    /** Restores the interrupt flag and returns the exception to throw. */
    static InterruptedWaitException of(String waitingFor, InterruptedException cause) {
        Thread.currentThread().interrupt();
        return new InterruptedWaitException(waitingFor, cause);
    }
}
