package io.github.vddk4j.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
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
                    throw new IllegalArgumentException(key + ": '" + VddkConfig.abbreviate(value)
                            + "' is not a whole decimal number; expected " + describe());
                }
                long n = parseOrMax(v);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(key + ": " + VddkConfig.abbreviate(v) + " is out of range; expected " + describe());
                }
                return Long.toString(n);
            }

            @Override
            public String describe() {
                return "an integer from " + min + " to " + max;
            }
        };
    }

    static Millis millis() {
        return Millis.INSTANCE;
    }

    /** Timeouts in whole milliseconds, 0 (no timeout) to {@link #MAX_TIMEOUT_MS}; from text or a {@link Duration}. */
    final class Millis implements ValueRule {
        static final Millis INSTANCE = new Millis();

        private Millis() {}

        @Override
        public String canonical(String key, String value) {
            String v = value.trim();
            if (!DECIMAL.matcher(v).matches()) {
                throw new IllegalArgumentException(key + ": '" + VddkConfig.abbreviate(value)
                        + "' is not a whole number of milliseconds; expected " + describe());
            }
            String shown = VddkConfig.abbreviate(v);
            return checked(key, parseOrMax(v), shown, shown + " ms", "0");
        }

        /** The canonical text of a {@link Duration}: the typed setters' way in; null, negative and sub-ms refused. */
        String fromDuration(String key, Duration timeout) {
            Objects.requireNonNull(timeout, () -> key + ": timeout (use Duration.ZERO for no timeout)");
            if (timeout.getNano() % 1_000_000 != 0) {
                throw new IllegalArgumentException(key + ": " + timeout + " has a sub-millisecond part;"
                        + " VDDK timeouts are whole milliseconds (e.g. Duration.ofMillis(...))");
            }
            long ms;
            String shown;
            try {
                ms = timeout.toMillis();
                shown = timeout + " (" + ms + " ms)";
            } catch (ArithmeticException e) {
                ms = timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
                shown = timeout + " (more than " + Long.MAX_VALUE + " ms)";
            }
            return checked(key, ms, shown, shown, "Duration.ZERO");
        }

        private String checked(String key, long ms, String shownNegative, String shownLarge, String zero) {
            if (ms < 0) {
                throw new IllegalArgumentException(key + ": " + shownNegative + " is negative; use " + zero + " for no timeout");
            }
            if (ms > MAX_TIMEOUT_MS) {
                throw new IllegalArgumentException(key + ": " + shownLarge + " does not fit: VDDK stores timeouts in a"
                        + " 32-bit field, and the largest value that is safe whether VDDK reads it signed or"
                        + " unsigned is " + MAX_TIMEOUT_MS + " ms (about 24.8 days); use " + zero + " for no timeout");
            }
            return Long.toString(ms);
        }

        @Override
        public String describe() {
            return "milliseconds from 0 (no timeout) to " + MAX_TIMEOUT_MS;
        }
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
                throw new IllegalArgumentException(key + ": '" + VddkConfig.abbreviate(value) + "' is not a boolean; expected " + describe());
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
                    throw new IllegalArgumentException(key + ": '" + VddkConfig.abbreviate(value) + "' is not a valid path: " + e.getMessage(), e);
                }
                if (!p.isAbsolute()) {
                    throw new IllegalArgumentException(key + ": '" + VddkConfig.abbreviate(value) + "' is relative; VDDK would resolve it"
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

    static DeviceList deviceList() {
        return DeviceList.INSTANCE;
    }

    /** Comma-separated device node paths or patterns; from text (entries trimmed) or a collection (entries exact). */
    final class DeviceList implements ValueRule {
        static final DeviceList INSTANCE = new DeviceList();

        private DeviceList() {}

        @Override
        public String canonical(String key, String value) {
            VddkConfig.checkValueSyntax(key, value);
            List<String> entries = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                entries.add(part.trim());
            }
            return joined(key, entries);
        }

        /** The canonical text of a list of devices: the typed setters' way in. */
        String fromCollection(String key, Collection<String> devices) {
            Objects.requireNonNull(devices, () -> key + ": devices");
            if (devices.isEmpty()) {
                throw new IllegalArgumentException(key + ": the device list is empty; remove the key to leave it unset");
            }
            for (String d : devices) {
                Objects.requireNonNull(d, () -> key + ": a device entry is null");
                if (d.indexOf(',') >= 0) {
                    throw new IllegalArgumentException(key + ": device '" + VddkConfig.abbreviate(d)
                            + "' contains ',', which separates entries in the file");
                }
                VddkConfig.checkValueSyntax(key, d);
            }
            return joined(key, List.copyOf(devices));
        }

        private String joined(String key, List<String> entries) {
            for (String d : entries) {
                if (d.isBlank()) {
                    throw new IllegalArgumentException(key + ": a device entry is empty; expected " + describe());
                }
                if (d.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException(key + ": device '" + VddkConfig.abbreviate(d)
                            + "' contains whitespace; expected " + describe());
                }
            }
            return String.join(",", entries);
        }

        @Override
        public String describe() {
            return "a comma-separated list of device node paths or wildcard patterns (no whitespace)";
        }
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
