package io.github.vddk4j.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the InitEx config file text (package-private; see {@code docs/config.md}).
 *
 * <p>Written form: one {@code key="value"} line per entry (the guide's {@code name=value}, with the
 * value in double quotes as VMware's own samples do, so that spaces and {@code #} survive), after
 * a comment line, UTF-8, {@code \n} line ends. Read form: also {@code key = value} without quotes
 * (a {@code #} then starts a comment), blank lines and {@code #} comment lines, {@code \r\n}.
 * Keys are one key whatever their letter case (VDDK compares them with {@code strcasecmp}), so the
 * same key twice in different case is refused like the same key twice. Lines are at most
 * {@link VddkConfig#MAX_LINE_CHARS} characters; files are UTF-8.
 */
final class ConfigFileFormat {
    static final String HEADER = "# VixDiskLib_InitEx configuration file, written by vddk4j";

    private ConfigFileFormat() {}

    static String render(Map<String, String> entries) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        entries.forEach((k, v) -> out.append(k).append("=\"").append(v).append("\"\n"));
        return out.toString();
    }

    static VddkConfig parse(String text, String source) {
        VddkConfig.Builder builder = VddkConfig.builder();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.length() > VddkConfig.MAX_LINE_CHARS) {
                throw new ConfigFormatException(source, lineNumber, line, "the line is " + line.length()
                        + " characters long; config lines are at most " + VddkConfig.MAX_LINE_CHARS, null);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq < 0) {
                throw new ConfigFormatException(source, lineNumber, line,
                        "expected key=\"value\" (or key=value) but there is no '='", null);
            }
            String key = trimmed.substring(0, eq).strip();
            String value = parseValue(trimmed.substring(eq + 1).strip(), source, lineNumber, line);
            String earlierKey = VddkConfig.spellingOf(firstLine.keySet(), key);
            if (earlierKey != null) {
                throw new ConfigFormatException(source, lineNumber, line, "key '" + VddkConfig.abbreviate(key)
                        + "' is already set on line " + firstLine.get(earlierKey)
                        + (earlierKey.equals(key) ? "" : " as '" + earlierKey + "' (VDDK ignores letter case in keys)")
                        + "; VDDK would silently use only one of them", null);
            }
            firstLine.put(key, lineNumber);
            try {
                builder.set(key, value);
            } catch (IllegalArgumentException e) {
                throw new ConfigFormatException(source, lineNumber, line, e.getMessage(), e);
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((source == null ? "" : source + ": ") + e.getMessage(), e);
        }
    }

    /**
     * Decodes a file's bytes as UTF-8 (a byte order mark is kept and dropped by the parser).
     *
     * @throws ConfigFormatException at the first invalid byte, naming the line and column
     */
    static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int lineNumber = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    lineNumber++;
                    lineStart = i + 1;
                }
            }
            String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
            throw new ConfigFormatException(source, lineNumber, before + "\uFFFD", String.format(
                    "invalid UTF-8 (byte 0x%02X at column %d); save the file as UTF-8",
                    bytes[offset] & 0xFF, offset - lineStart + 1), null);
        }
        return out.flip().toString();
    }

    private static String parseValue(String rest, String source, int lineNumber, String line) {
        if (rest.startsWith("\"")) {
            int close = rest.indexOf('"', 1);
            if (close < 0) {
                throw new ConfigFormatException(source, lineNumber, line,
                        "the value's opening '\"' has no closing '\"'", null);
            }
            String after = rest.substring(close + 1).strip();
            if (!after.isEmpty() && !after.startsWith("#")) {
                throw new ConfigFormatException(source, lineNumber, line,
                        "unexpected text after the closing '\"': '" + VddkConfig.abbreviate(after) + "'", null);
            }
            return rest.substring(1, close);
        }
        int hash = rest.indexOf('#');
        String value = (hash < 0 ? rest : rest.substring(0, hash)).strip();
        if (value.indexOf('"') >= 0) {
            throw new ConfigFormatException(source, lineNumber, line,
                    "a '\"' inside an unquoted value; quote the whole value or remove it", null);
        }
        return value;
    }
}
