package io.github.vddk4j;

import java.lang.ref.Cleaner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what callers forget: a {@link DiskHandle}, {@link Connection}, {@link AccessLease} or
 * {@link DiskLib} that becomes unreachable without {@code close()} is closed by a
 * {@link Cleaner} action, and reported at WARN on logger {@value #LOGGER} (with the stack of its
 * opening when tracking is on: system property {@value #TRACK_PROPERTY}{@code =true} or
 * {@link DiskLib.Builder#trackUnclosed(boolean)}).
 *
 * <p>The action holds only the resource's closing state, never the public object; parents hold
 * their children's states, not the children, so a forgotten child is not kept alive by its parent.
 * Order: a child holds its parent strongly, so a parent never becomes unreachable before its
 * children; a parent's close closes its children's states first; every Close, Disconnect and Exit
 * runs under the process-wide lifecycle lock, so a cleanup never runs concurrently with Exit, and
 * after Exit every state is closed (a late cleanup does nothing).
 */
final class SafetyNet {
    /** The logger of the reports. */
    static final String LOGGER = "vddk4j.unclosed";
    /** System property that turns on capturing where each resource was opened. */
    static final String TRACK_PROPERTY = "vddk4j.trackUnclosed";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "vddk4j-cleaner");
        t.setDaemon(true);
        return t;
    });

    /** The closing half of a resource: never references the public object. */
    interface State {
        /** Closes the native resource (and the children first); idempotent; may throw. */
        void close();

        /** The guard that closes the resource once and knows whether it is closed. */
        ResourceGuard guard();

        /** Whether {@link #close()} already ran. */
        default boolean isClosed() {
            return guard().isClosed();
        }

        /** What the resource is, for the report. */
        default String description() {
            return guard().description();
        }
    }

    /** Where a resource was opened (the report's cause). */
    static final class OpenedAt extends Throwable {
        private static final long serialVersionUID = 1L;

        OpenedAt(String what) {
            super(what + " was opened here");
        }
    }

    private SafetyNet() {
    }

    /** Whether openings are tracked by default (the system property). */
    static boolean trackingByDefault() {
        return Boolean.getBoolean(TRACK_PROPERTY);
    }

    /** The opening stack to keep for {@code what}, or null when tracking is off. */
    static OpenedAt openedAt(boolean track, String what) {
        return track ? new OpenedAt(what) : null;
    }

    /** Registers {@code resource}: when it becomes unreachable, {@code state} is closed and reported. */
    static Cleaner.Cleanable register(Object resource, State state, OpenedAt openedAt) {
        return CLEANER.register(resource, () -> cleanUnreachable(state, openedAt));
    }

    private static void cleanUnreachable(State state, OpenedAt openedAt) {
        try {
            if (state.isClosed()) {
                return;
            }
            if (openedAt != null) {
                LOG.warn("{} became unreachable without close(); vddk4j closes it now", state.description(), openedAt);
            } else {
                LOG.warn("{} became unreachable without close(); vddk4j closes it now (set -D{}=true or "
                        + "DiskLib.builder().trackUnclosed(true) to see where it was opened)", state.description(),
                        TRACK_PROPERTY);
            }
            state.close();
        } catch (Throwable t) {
            try {
                LOG.warn("closing unreachable {} failed: {}", state.description(), t.toString());
            } catch (Throwable ignored) {
                // the cleaner thread must survive
            }
        }
    }
}
