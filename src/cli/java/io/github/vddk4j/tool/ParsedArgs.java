package io.github.vddk4j.tool;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The result of {@link ArgParser#parse}: option values, flags that were given, positionals in order. */
record ParsedArgs(String command, Map<String, String> values, Set<String> flags, List<String> positionals) {

    ParsedArgs {
        values = Map.copyOf(values);
        flags = Set.copyOf(flags);
        positionals = List.copyOf(positionals);
    }

    Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** A value option parsed as a long in [min, max], or {@code dflt} when absent. */
    long longValue(String option, long dflt, long min, long max) throws UsageException {
        String v = values.get(option);
        if (v == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command, "--" + option + ": '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new UsageException(command, "--" + option + ": " + n + " is out of range (" + min + ".." + max + ")");
        }
        return n;
    }

    /** Exactly {@code names.length} positionals, or a usage error naming what is missing or extra. */
    List<String> requirePositionals(String... names) throws UsageException {
        if (positionals.size() < names.length) {
            throw new UsageException(command, "missing <" + names[positionals.size()] + ">");
        }
        if (positionals.size() > names.length) {
            throw new UsageException(command, "unexpected argument '" + positionals.get(names.length) + "'");
        }
        return positionals;
    }
}
