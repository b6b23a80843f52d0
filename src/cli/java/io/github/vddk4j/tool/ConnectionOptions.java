package io.github.vddk4j.tool;

import io.github.vddk4j.OpenOption;
import io.github.vddk4j.TransportMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where VDDK is and how to reach a disk, as vixDiskLibSample and nbdkit's VDDK plugin name them.
 * Secrets never come from the command line: a password comes from a file, an environment
 * variable or a prompt; a session cookie from an environment variable.
 */
final class ConnectionOptions {
    @Option(names = {"--libdir", "--lib-dir"}, paramLabel = "DIR",
            description = "VDDK distribution directory (holds lib64/). Default: -Dvddk4j.libDir, $VDDK_LIBDIR, "
                    + "vddk-stub beside the CLI jar, else the stub inside the jar.")
    Path libDir;

    @Option(names = "--config", paramLabel = "FILE", description = "InitEx configuration file (validated first).")
    Path configFile;

    @Option(names = "--server", paramLabel = "HOST", description = "vCenter or ESXi host; without it, disks are local files.")
    String server;

    @Option(names = "--port", paramLabel = "N", description = "server port (default 443).")
    Integer port;

    @Option(names = "--nfc-port", paramLabel = "N", description = "ESXi NFC port (default 902).")
    Integer nfcPort;

    @Option(names = "--user", paramLabel = "NAME", description = "user name for --server.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "read the password from the first line of FILE.")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR", description = "read the password from environment variable VAR.")
    String passwordEnv;

    @Option(names = {"--password-prompt", "--password-stdin"},
            description = "prompt for the password (no echo) on a terminal, else read the first line of standard input.")
    boolean passwordPrompt;

    @Option(names = "--cookie-env", paramLabel = "VAR",
            description = "authenticate with the vSphere session cookie in environment variable VAR (with --user).")
    String cookieEnv;

    @Option(names = "--thumbprint", paramLabel = "HEX", description = "server certificate thumbprint (AA:BB:...).")
    String thumbprint;

    @Option(names = "--vm", paramLabel = "MOREF", description = "the VM's managed object reference, e.g. vm-42.")
    String vm;

    @Option(names = "--snapshot", paramLabel = "MOREF", description = "snapshot managed object reference, e.g. snapshot-7.")
    String snapshot;

    @Option(names = "--transports", paramLabel = "LIST",
            description = "transports in order of preference, colon-separated: file, san, hotadd, nbdssl, nbd.")
    String transports;

    @Option(names = "--single-link", description = "open only the named link of a disk chain (VIXDISKLIB_FLAG_OPEN_SINGLE_LINK).")
    boolean singleLink;

    @Option(names = "--unbuffered", description = "open without host caching (VIXDISKLIB_FLAG_OPEN_UNBUFFERED).")
    boolean unbuffered;

    @Option(names = "--readonly", description = "connect and open read-only.")
    boolean readOnly;

    @Option(names = "--verbose", description = "also print VDDK's informational log messages (standard error).")
    boolean verbose;

    boolean isRemote() {
        return server != null;
    }

    /** Checks that the options fit together; a usage error (exit 2) otherwise. Never echoes a secret. */
    void validate(CommandSpec spec) {
        CommandLine cl = spec.commandLine();
        if (transports != null) {
            try {
                TransportMode.parseList(transports);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--transports: " + e.getMessage());
            }
        }
        if (server == null) {
            List<String> remoteOnly = new ArrayList<>();
            addIf(remoteOnly, user != null, "--user");
            addIf(remoteOnly, passwordFile != null, "--password-file");
            addIf(remoteOnly, passwordEnv != null, "--password-env");
            addIf(remoteOnly, passwordPrompt, "--password-prompt");
            addIf(remoteOnly, cookieEnv != null, "--cookie-env");
            addIf(remoteOnly, thumbprint != null, "--thumbprint");
            addIf(remoteOnly, vm != null, "--vm");
            addIf(remoteOnly, snapshot != null, "--snapshot");
            addIf(remoteOnly, port != null, "--port");
            addIf(remoteOnly, nfcPort != null, "--nfc-port");
            if (!remoteOnly.isEmpty()) {
                throw new ParameterException(cl, String.join(", ", remoteOnly) + ": only with --server");
            }
            return;
        }
        if (server.isBlank()) {
            throw new ParameterException(cl, "--server is empty");
        }
        if (user == null) {
            throw new ParameterException(cl, "--server needs --user");
        }
        int secrets = (passwordFile != null ? 1 : 0) + (passwordEnv != null ? 1 : 0) + (passwordPrompt ? 1 : 0)
                + (cookieEnv != null ? 1 : 0);
        if (secrets != 1) {
            throw new ParameterException(cl, "--server needs exactly one of --password-file FILE, --password-env VAR,"
                    + " --password-prompt or --cookie-env VAR");
        }
        if (vm == null) {
            throw new ParameterException(cl, "--server needs --vm (the VM's moref, e.g. vm-42)");
        }
    }

    private static void addIf(List<String> list, boolean given, String name) {
        if (given) {
            list.add(name);
        }
    }

    /** Open flags from --single-link, --unbuffered and --readonly (or {@code readOnly}). */
    OpenOption[] openOptions(boolean forceReadOnly) {
        List<OpenOption> o = new ArrayList<>();
        if (singleLink) {
            o.add(OpenOption.SINGLE_LINK);
        }
        if (unbuffered) {
            o.add(OpenOption.UNBUFFERED);
        }
        if (readOnly || forceReadOnly) {
            o.add(OpenOption.READ_ONLY);
        }
        return o.toArray(new OpenOption[0]);
    }
}
