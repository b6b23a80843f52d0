package io.github.vddk4j.tool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small GNU-style parser: {@code --name VALUE}, {@code --name=VALUE}, flags {@code --name},
 * {@code -h}/{@code --help}, {@code --} ends options; options and positionals may be mixed.
 * An option given twice is an error (it is usually a mistake in a backup script).
 */
final class ArgParser {
    static final String HELP = "help";

    private ArgParser() {}

    /**
     * Finds the command: the first argument that is neither an option of {@code globalOptions} nor
     * the value of one, as an index into {@code args}; -1 when there is none.
     */
    static int findCommand(List<String> args, List<OptionSpec> globalOptions) throws UsageException {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                return i + 1 < args.size() ? i + 1 : -1;
            }
            if (a.startsWith("-") && a.length() > 1) {
                String name = optionName(a);
                OptionSpec spec = find(globalOptions, name);
                if (spec != null && spec.takesValue() && !a.contains("=")) {
                    i++; // skip its value
                }
                continue;
            }
            return i;
        }
        return -1;
    }

    /**
     * Parses {@code args} (without the command word) against {@code options}.
     *
     * @throws UsageException for an unknown option, a missing value, a value given to a flag, or
     *     an option given twice
     */
    static ParsedArgs parse(String command, List<String> args, List<OptionSpec> options) throws UsageException {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                positionals.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (a.equals("-h") || a.equals("--help")) {
                flags.add(HELP);
                continue;
            }
            if (!a.startsWith("--")) {
                throw new UsageException(command, "unknown option '" + a + "' (options are spelled --name)");
            }
            String name = optionName(a);
            OptionSpec spec = find(options, name);
            if (spec == null) {
                throw new UsageException(command, "unknown option '--" + name + "'");
            }
            if (values.containsKey(name) || flags.contains(name)) {
                throw new UsageException(command, "option '--" + name + "' is given more than once");
            }
            int eq = a.indexOf('=');
            if (!spec.takesValue()) {
                if (eq >= 0) {
                    throw new UsageException(command, "option '--" + name + "' takes no value");
                }
                flags.add(name);
            } else if (eq >= 0) {
                values.put(name, a.substring(eq + 1));
            } else {
                if (i + 1 >= args.size()) {
                    throw new UsageException(command, "option '--" + name + "' needs a value (" + spec.valueName() + ")");
                }
                values.put(name, args.get(++i));
            }
        }
        return new ParsedArgs(command, values, flags, positionals);
    }

    private static String optionName(String arg) {
        String s = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        int eq = s.indexOf('=');
        return eq >= 0 ? s.substring(0, eq) : s;
    }

    private static OptionSpec find(List<OptionSpec> options, String name) {
        for (OptionSpec o : options) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
