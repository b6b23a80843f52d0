package io.github.vddk4j.tool;

import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line the CLI cannot run (exit code 2): one line saying what is wrong, the usage line,
 * and where to read more. It never echoes the value of an unknown option or of a secret-related
 * option (a mistyped {@code -password=S3cr3t} must not print {@code S3cr3t}): unknown options are
 * shown by name only, stray arguments not at all.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]*");
    private final CliContext cli;

    UsageErrors(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        cli.err().println(name + ": " + describe(ex));
        cli.err().print(cl.getHelp().synopsis(0));
        cli.err().println("Try '" + name + " --help' for more information.");
        return ExitCode.USAGE;
    }

    static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u) {
            return unmatched(u.getUnmatched());
        }
        ArgSpec arg = ex.getArgSpec();
        if (arg instanceof OptionSpec o && isSecretRelated(o.longestName())) {
            return "invalid value for " + o.longestName() + " (the value is not shown)";
        }
        String m = ex.getMessage();
        return m == null ? "invalid command line" : m;
    }

    private static String unmatched(List<String> tokens) {
        for (String t : tokens) {
            String optionName = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
            if (t.startsWith("-") && isSecretRelated(optionName) ) {
                return "passwords are never taken from the command line (they show in ps and shell history);"
                        + " use --password-file FILE, --password-env VAR or --password-prompt";
            }
        }
        for (String t : tokens) {
            if (t.startsWith("--")) {
                String optionName = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
                return OPTION_NAME.matcher(optionName).matches() ? "unknown option " + optionName
                        : "unknown option (not shown)";
            }
            if (t.startsWith("-")) { // a short option: anything after its letter may be an attached value
                String optionName = t.substring(0, Math.min(2, t.length()));
                return OPTION_NAME.matcher(optionName).matches()
                        ? "unknown option " + optionName + (t.length() > 2 ? " (what follows it is not shown)" : "")
                        : "unknown option (not shown)";
            }
        }
        return tokens.size() == 1 ? "unexpected argument (not shown: it may be a secret)"
                : tokens.size() + " unexpected arguments (not shown: they may be secrets)";
    }

    static boolean isSecretRelated(String optionName) {
        String n = optionName.toLowerCase(java.util.Locale.ROOT);
        return n.contains("password") || n.contains("passwd") || n.contains("cookie") || n.contains("secret")
                || n.contains("token");
    }
}
