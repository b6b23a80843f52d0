package io.github.vddk4j.tool;

/** A command could not do its job for a reason it explains in one line (exit code 1). */
final class CommandFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }
}
