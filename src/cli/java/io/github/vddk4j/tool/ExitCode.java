package io.github.vddk4j.tool;

/** The CLI's exit codes (docs/cli.md). */
final class ExitCode {
    /** Everything worked (and verified, for the commands that verify). */
    static final int OK = 0;
    /** The operation failed: a VDDK error, an I/O error, or a verification that did not match. */
    static final int FAILURE = 1;
    /** The command line was wrong: unknown command or option, missing or malformed value. */
    static final int USAGE = 2;
    /** Stopped by Ctrl-C (SIGINT) or SIGTERM after cleaning up: 128 + SIGINT, as shells report it. */
    static final int INTERRUPTED = 130;

    private ExitCode() {}
}
