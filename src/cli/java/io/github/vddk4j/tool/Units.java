package io.github.vddk4j.tool;

import java.util.HexFormat;
import java.util.Locale;

/** Human-readable sizes, rates and digests for the CLI's output. */
final class Units {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;

    private Units() {}

    /** {@code "64.0 MiB (67108864 bytes)"}; exact bytes always shown. */
    static String bytes(long n) {
        String human;
        if (n >= GIB) {
            human = String.format(Locale.ROOT, "%.1f GiB", n / (double) GIB);
        } else if (n >= MIB) {
            human = String.format(Locale.ROOT, "%.1f MiB", n / (double) MIB);
        } else if (n >= KIB) {
            human = String.format(Locale.ROOT, "%.1f KiB", n / (double) KIB);
        } else {
            return n + " bytes";
        }
        return human + " (" + n + " bytes)";
    }

    /** {@code "64.0 MiB"}: human size only. */
    static String short_(long n) {
        if (n >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", n / (double) GIB);
        }
        if (n >= MIB) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) MIB);
        }
        return String.format(Locale.ROOT, "%.1f KiB", n / (double) KIB);
    }

    /** MiB per second as a number (for JSON); 0 when no time was measured. */
    static double mibPerSecond(long bytes, long nanos) {
        return nanos <= 0 ? 0 : Math.round(bytes / (double) MIB / (nanos / 1e9) * 10) / 10.0;
    }

    /** {@code "123.4 MiB/s"}; {@code "n/a"} when no time was measured. */
    static String rate(long bytes, long nanos) {
        if (nanos <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f MiB/s", bytes / (double) MIB / (nanos / 1e9));
    }

    /** {@code "0.123 s"}. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
