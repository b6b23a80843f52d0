package io.github.vddk4j.tool;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Options every command accepts: where VDDK is, an InitEx config file, and how to reach a remote
 * disk. Passwords are never taken from the command line (they would show in {@code ps} and shell
 * history): only from an environment variable ({@code --password-env VAR}) or standard input
 * ({@code --password-stdin}).
 */
record GlobalOptions(Optional<Path> libDir,
                     Optional<Path> configFile,
                     Optional<String> server,
                     Optional<String> user,
                     Optional<String> passwordEnv,
                     boolean passwordStdin,
                     Optional<String> thumbprint,
                     Optional<String> vm,
                     Optional<String> snapshot,
                     Optional<String> transports,
                     boolean verbose) {

    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.value("lib-dir", "DIR", "VDDK distribution directory (holds lib64/); default: -Dvddk4j.libDir,"
                    + " $VDDK_LIBDIR, else ./target/vddk-stub, else vddk-stub beside the jar"),
            OptionSpec.value("config", "FILE", "InitEx configuration file (see docs/config.md)"),
            OptionSpec.value("server", "HOST", "vCenter or ESXi host; without it, disks are local files"),
            OptionSpec.value("user", "NAME", "user name for --server"),
            OptionSpec.value("password-env", "VAR", "read the password from environment variable VAR"),
            OptionSpec.flag("password-stdin", "read the password from the first line of standard input"),
            OptionSpec.value("thumbprint", "HEX", "server certificate thumbprint (AA:BB:...)"),
            OptionSpec.value("vm", "MOREF", "virtual machine managed object reference (e.g. vm-42)"),
            OptionSpec.value("snapshot", "MOREF", "snapshot managed object reference (e.g. snapshot-7)"),
            OptionSpec.value("transports", "LIST", "preferred transports, colon-separated (e.g. hotadd:nbdssl)"),
            OptionSpec.flag("verbose", "also print VDDK's informational log messages (stderr)"));

    /** Reads the global options out of parsed arguments and checks they fit together. */
    static GlobalOptions from(ParsedArgs p) throws UsageException {
        GlobalOptions g = new GlobalOptions(
                p.value("lib-dir").map(Path::of),
                p.value("config").map(Path::of),
                p.value("server"),
                p.value("user"),
                p.value("password-env"),
                p.has("password-stdin"),
                p.value("thumbprint"),
                p.value("vm"),
                p.value("snapshot"),
                p.value("transports"),
                p.has("verbose"));
        g.check(p.command());
        return g;
    }

    boolean isRemote() {
        return server.isPresent();
    }

    private void check(String command) throws UsageException {
        if (server.isEmpty()) {
            for (String o : new String[] {"user", "password-env", "password-stdin", "thumbprint", "vm", "snapshot"}) {
                if (given(o)) {
                    throw new UsageException(command, "--" + o + " only makes sense with --server");
                }
            }
            return;
        }
        if (server.get().isBlank()) {
            throw new UsageException(command, "--server is empty");
        }
        if (user.isEmpty()) {
            throw new UsageException(command, "--server needs --user");
        }
        if (passwordEnv.isPresent() == passwordStdin) {
            throw new UsageException(command, "--server needs exactly one of --password-env VAR or --password-stdin");
        }
        if (vm.isEmpty()) {
            throw new UsageException(command, "--server needs --vm (the VM's moref, e.g. vm-42)");
        }
    }

    private boolean given(String option) {
        return switch (option) {
            case "user" -> user.isPresent();
            case "password-env" -> passwordEnv.isPresent();
            case "password-stdin" -> passwordStdin;
            case "thumbprint" -> thumbprint.isPresent();
            case "vm" -> vm.isPresent();
            case "snapshot" -> snapshot.isPresent();
            default -> false;
        };
    }

    /**
     * Rejects any attempt to pass a password as an argument, with the reason and the alternatives.
     */
    static void rejectPasswordArguments(String command, List<String> args) throws UsageException {
        for (String a : args) {
            if (a.equals("--")) {
                return;
            }
            if (a.startsWith("--password") && !a.equals("--password-stdin") && !a.startsWith("--password-env")) {
                throw new UsageException(command, "passwords are never taken from the command line (they show in"
                        + " ps and shell history); use --password-env VAR or --password-stdin");
            }
        }
    }
}
