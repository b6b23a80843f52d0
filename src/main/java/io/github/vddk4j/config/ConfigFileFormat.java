package io.github.vddk4j.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads and writes the InitEx config file text (package-private; see {@code docs/config.md}).
 *
 * <p>Written form: one {@code key="value"} line per entry (the guide's {@code name=value}, with the
 * value in double quotes as VMware's own samples do, so that spaces and {@code #} survive), after
 * a comment line, UTF-8, {@code \n} line ends. Read form: also {@code key = value} without quotes
 * (a {@code #} then starts a comment), blank lines and {@code #} comment lines, {@code \r\n}.
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
        Map<String, Integer> firstLine = new HashMap<>();
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
            Integer earlier = firstLine.putIfAbsent(key, lineNumber);
            if (earlier != null) {
                throw new ConfigFormatException(source, lineNumber, line, "key '" + key
                        + "' is already set on line " + earlier + "; VDDK would silently use only one of them",
                        null);
            }
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
                        "unexpected text after the closing '\"': '" + after + "'", null);
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
