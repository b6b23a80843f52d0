package io.github.vddk4j.tool;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C: a shutdown hook asks the running command to stop and waits (up to 30 s) until it has
 * cleaned up (handles closed, EndAccess called, partial output it created removed). Long loops
 * call {@link #check()} between chunks.
 */
final class Cancellation {
    private static volatile boolean requested;
    private static final CountDownLatch finished = new CountDownLatch(1);

    private Cancellation() {}

    /** Installs the hook; {@link #finished()} must be called when the command has returned. */
    static void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            requested = true;
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vddk4j-cli-stop"));
    }

    /** The command is done (its cleanup too); a pending shutdown may go on. */
    static void finished() {
        finished.countDown();
    }

    static boolean requested() {
        return requested;
    }

    /** Throws {@link Cancelled} if Ctrl-C was pressed. */
    static void check() throws Cancelled {
        if (requested) {
            throw new Cancelled();
        }
    }

    /** The command stopped because of Ctrl-C (exit code 130). */
    static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("interrupted");
        }
    }
}
