package io.github.vddk4j.config;

import java.util.Optional;

/**
 * A config file line that cannot be read: bad syntax, a key written twice, or a value a known
 * key does not accept. Carries the 1-based line number, the line's text and, when the text came
 * from a file, its path.
 */
public final class ConfigFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String line;
    private final String source;

    ConfigFormatException(String source, int lineNumber, String line, String problem, Throwable cause) {
        super((source == null ? "" : source + ": ") + "line " + lineNumber + ": " + problem
                + " [" + line + "]", cause);
        this.source = source;
        this.lineNumber = lineNumber;
        this.line = line;
    }

    /** The 1-based number of the offending line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line as it appears in the input. */
    public String line() {
        return line;
    }

    /** The file the line came from, when parsed from a file. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }
}
