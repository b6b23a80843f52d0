package io.github.vddk4j.tool;

/** A command line the CLI cannot run: unknown command or option, missing or malformed value. Exit code 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The command whose usage should be shown, or null for the global usage. */
    private final String command;

    UsageException(String command, String message) {
        super(message);
        this.command = command;
    }

    String command() {
        return command;
    }
}
