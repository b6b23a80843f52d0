package io.github.vddk4j.tool;

/** The CLI's exit codes. */
final class ExitCode {
    /** Everything worked (and, for demo, verified). */
    static final int OK = 0;
    /** The operation failed: a VDDK error, an I/O error, or a verification that did not match. */
    static final int FAILURE = 1;
    /** The command line was wrong; usage was printed. */
    static final int USAGE = 2;

    private ExitCode() {}
}
