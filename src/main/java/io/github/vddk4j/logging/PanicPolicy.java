package io.github.vddk4j.logging;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the bridge does after a message from VDDK's panic function has been logged (at ERROR) and
 * captured. VDDK's panic function "is not supposed to return": the library hit an unrecoverable
 * error and its state can no longer be trusted.
 *
 * <ul>
 *   <li>{@link ReturnToLibrary} (the <b>default</b>, {@link #DEFAULT}): return to VDDK, which then does
 *       what it does after its panic handler returns (real VDDK normally ends the process itself).
 *       The JVM is not touched by vddk4j.</li>
 *   <li>{@link HaltJvm}: {@code Runtime.halt(status)} right away (no shutdown hooks: native state is
 *       corrupt and hooks could call into it).</li>
 *   <li>{@link Custom}: run an action with the message (e.g. mark the library unusable, alert), then
 *       return to VDDK. Exceptions from the action are caught and counted like sink exceptions.</li>
 * </ul>
 */
public sealed interface PanicPolicy permits PanicPolicy.ReturnToLibrary, PanicPolicy.HaltJvm, PanicPolicy.Custom {

    /** The default policy: {@link ReturnToLibrary}. */
    PanicPolicy DEFAULT = new ReturnToLibrary();

    /** Log, capture, and return to VDDK. */
    static PanicPolicy returnToLibrary() {
        return DEFAULT;
    }

    /** Log, capture, then {@code Runtime.getRuntime().halt(exitStatus)}. */
    static PanicPolicy haltJvm(int exitStatus) {
        return new HaltJvm(exitStatus);
    }

    /** Log, capture, run {@code action} with the message, and return to VDDK. */
    static PanicPolicy custom(Consumer<String> action) {
        return new Custom(action);
    }

    /** Return to VDDK after logging. */
    record ReturnToLibrary() implements PanicPolicy {}

    /** Halt the JVM with this status after logging. */
    record HaltJvm(int exitStatus) implements PanicPolicy {}

    /** Run an action with the panic message after logging, then return to VDDK. */
    record Custom(Consumer<String> action) implements PanicPolicy {
        /** @throws NullPointerException if {@code action} is null */
        public Custom {
            Objects.requireNonNull(action, "action");
        }
    }
}
