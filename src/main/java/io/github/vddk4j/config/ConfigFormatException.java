package io.github.vddk4j.config;

import java.util.Optional;

/**
 * Config text that cannot be read: bad syntax, a key written twice (in any letter case), a value
 * a known key does not accept, invalid UTF-8, a line or a file too long. Carries the 1-based line
 * number (0 when the problem concerns the whole file), the line's text (shortened to at most
 * {@value VddkConfig#MAX_SHOWN_CHARS} characters) and, when the text came from a file, its path.
 * The message stays short whatever the input, and shows the line's text only for key=value lines.
 */
public final class ConfigFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String line;
    private final String source;

    ConfigFormatException(String source, int lineNumber, String line, String problem, Throwable cause) {
        super(prefix(source) + "line " + lineNumber + ": " + problem + shown(line), cause);
        this.source = source;
        this.lineNumber = lineNumber;
        this.line = VddkConfig.abbreviate(line);
    }

    /** A problem with the whole file (line number 0, no line text). */
    ConfigFormatException(String source, String problem) {
        super(prefix(source) + problem);
        this.source = source;
        this.lineNumber = 0;
        this.line = "";
    }

    /**
     * The line's text for the message, only when it has the shape of a config line: a line without
     * '=' may not be config at all (e.g. {@code --config /etc/shadow}), so its text stays out of
     * messages, which end up in logs and on terminals; {@link #line()} still returns it.
     */
    private static String shown(String line) {
        return line.indexOf('=') < 0 ? " (the line's text is not shown: it is not a key=value line)"
                : " [" + VddkConfig.abbreviate(line) + "]";
    }

    private static String prefix(String source) {
        return source == null ? "" : source + ": ";
    }

    /** The 1-based number of the offending line; 0 when the problem concerns the whole file. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line as it appears in the input, shortened for display; empty for a whole-file problem. */
    public String line() {
        return line;
    }

    /** The file the line came from, when parsed from a file. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }
}
