package io.github.vddk4j.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How the value of one known configuration key is checked and written (package-private).
 * {@link #canonical(String, String)} returns the form written to the file or throws
 * {@link IllegalArgumentException} with a message that names the key, the value and the fix.
 */
interface ValueRule {

    /** Largest timeout, in milliseconds, that fits VDDK's 32-bit field whether it is signed or not. */
    long MAX_TIMEOUT_MS = Integer.MAX_VALUE;

    String canonical(String key, String value);

    /** What the rule accepts, for messages and docs. */
    String describe();

    Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    static ValueRule intRange(int min, int max) {
        return new ValueRule() {
            @Override
            public String canonical(String key, String value) {
                String v = value.trim();
                if (!DECIMAL.matcher(v).matches()) {
                    throw new IllegalArgumentException(key + ": '" + value
                            + "' is not a whole decimal number; expected " + describe());
                }
                long n = parseOrMax(v);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(key + ": " + v + " is out of range; expected " + describe());
                }
                return Long.toString(n);
            }

            @Override
            public String describe() {
                return "an integer from " + min + " to " + max;
            }
        };
    }

    static ValueRule millis() {
        return new ValueRule() {
            @Override
            public String canonical(String key, String value) {
                String v = value.trim();
                if (!DECIMAL.matcher(v).matches()) {
                    throw new IllegalArgumentException(key + ": '" + value
                            + "' is not a whole number of milliseconds; expected " + describe());
                }
                long n = parseOrMax(v);
                if (n < 0) {
                    throw new IllegalArgumentException(key + ": " + v + " is negative; use 0 for no timeout");
                }
                if (n > MAX_TIMEOUT_MS) {
                    throw new IllegalArgumentException(key + ": " + v + " ms does not fit: VDDK stores timeouts in a"
                            + " 32-bit field, and the largest value that is safe whether VDDK reads it signed or"
                            + " unsigned is " + MAX_TIMEOUT_MS + " ms (about 24.8 days); use 0 for no timeout");
                }
                return Long.toString(n);
            }

            @Override
            public String describe() {
                return "milliseconds from 0 (no timeout) to " + MAX_TIMEOUT_MS;
            }
        };
    }

    static ValueRule bool() {
        return new ValueRule() {
            @Override
            public String canonical(String key, String value) {
                String v = value.trim();
                if (v.equals("1") || v.equalsIgnoreCase("true")) {
                    return "1";
                }
                if (v.equals("0") || v.equalsIgnoreCase("false")) {
                    return "0";
                }
                throw new IllegalArgumentException(key + ": '" + value + "' is not a boolean; expected " + describe());
            }

            @Override
            public String describe() {
                return "1 or 0 (true/false are accepted and written as 1/0)";
            }
        };
    }

    static ValueRule absolutePath() {
        return new ValueRule() {
            @Override
            public String canonical(String key, String value) {
                VddkConfig.checkValueSyntax(key, value);
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(key + ": the path is empty; expected " + describe());
                }
                Path p;
                try {
                    p = Path.of(value);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(key + ": '" + value + "' is not a valid path: " + e.getMessage(), e);
                }
                if (!p.isAbsolute()) {
                    throw new IllegalArgumentException(key + ": '" + value + "' is relative; VDDK would resolve it"
                            + " against the process working directory, so give " + describe());
                }
                return value;
            }

            @Override
            public String describe() {
                return "an absolute path";
            }
        };
    }

    static ValueRule text() {
        return new ValueRule() {
            @Override
            public String canonical(String key, String value) {
                VddkConfig.checkValueSyntax(key, value);
                return value;
            }

            @Override
            public String describe() {
                return "text (no double quote, newline or other control character)";
            }
        };
    }

    static ValueRule deviceList() {
        return new ValueRule() {
            @Override
            public String canonical(String key, String value) {
                VddkConfig.checkValueSyntax(key, value);
                String[] parts = value.split(",", -1);
                StringBuilder out = new StringBuilder();
                for (String part : parts) {
                    String d = part.trim();
                    if (d.isEmpty()) {
                        throw new IllegalArgumentException(key + ": '" + value + "' has an empty entry; expected "
                                + describe());
                    }
                    if (d.chars().anyMatch(Character::isWhitespace)) {
                        throw new IllegalArgumentException(key + ": device '" + d + "' contains whitespace; expected "
                                + describe());
                    }
                    if (out.length() > 0) {
                        out.append(',');
                    }
                    out.append(d);
                }
                return out.toString();
            }

            @Override
            public String describe() {
                return "a comma-separated list of device node paths or wildcard patterns (no whitespace)";
            }
        };
    }

    /** Parses a matched decimal; magnitudes beyond long saturate (they are out of every range). */
    private static long parseOrMax(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
