package io.github.vddk4j.tool;

import java.util.Locale;
import picocli.CommandLine;

/** Sizes such as {@code 4096}, {@code 64K}, {@code 64M}, {@code 2G}, {@code 1T} (binary multiples), in bytes. */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.endsWith("IB")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("B") && v.length() > 1 && !Character.isDigit(v.charAt(v.length() - 2))) {
            v = v.substring(0, v.length() - 1);
        }
        long multiplier = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        switch (last) {
            case 'K' -> multiplier = 1L << 10;
            case 'M' -> multiplier = 1L << 20;
            case 'G' -> multiplier = 1L << 30;
            case 'T' -> multiplier = 1L << 40;
            default -> { }
        }
        if (multiplier != 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new CommandLine.TypeConversionException("a size must be positive");
            }
            return Math.multiplyExact(n, multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("not a size (examples: 4096, 64K, 64M, 2G)");
        }
    }
}
