package io.github.vddk4j.tool;

import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Connection;
import io.github.vddk4j.Credentials;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.config.VddkConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One DiskLib and, for disk commands, one connection, made from the connection options; closing
 * it closes both (connection first). Local disks are file paths resolved against the working
 * directory; remote disks are datastore paths ({@code "[datastore1] vm/vm.vmdk"}) passed as given.
 */
final class VddkSession implements AutoCloseable {
    private final CliContext cli;
    private final ConnectionOptions options;
    private final DiskLib lib;
    private final Connection connection;
    private final LibDirResolver.Choice libDir;

    private VddkSession(CliContext cli, ConnectionOptions options, DiskLib lib, Connection connection,
                        LibDirResolver.Choice libDir) {
        this.cli = cli;
        this.options = options;
        this.lib = lib;
        this.connection = connection;
        this.libDir = libDir;
    }

    /** DiskLib (VixDiskLib_InitEx) and a connection (read-only if {@code readOnly} or --readonly). */
    static VddkSession open(CliContext cli, ConnectionOptions options, boolean readOnly) throws Exception {
        LibDirResolver.Choice choice = libDir(cli, options);
        DiskLib lib = openLibrary(cli, options, choice.dir());
        try {
            Connection connection = lib.connect(connectParams(cli, options, readOnly || options.readOnly));
            return new VddkSession(cli, options, lib, connection, choice);
        } catch (Exception | Error e) {
            lib.close();
            throw e;
        }
    }

    /** DiskLib only, for commands that need no connection (transports, access, cleanup). */
    static VddkSession library(CliContext cli, ConnectionOptions options) throws Exception {
        LibDirResolver.Choice choice = libDir(cli, options);
        return new VddkSession(cli, options, openLibrary(cli, options, choice.dir()), null, choice);
    }

    static LibDirResolver.Choice libDir(CliContext cli, ConnectionOptions options) throws CommandFailedException {
        return LibDirResolver.resolve(Optional.ofNullable(options.libDir).map(cli.workingDir()::resolve),
                cli.properties(), cli.env(), LibDirResolver.runningJar());
    }

    /** DiskLib with the CLI's log sink and, when {@code --config} is given, that file validated first. */
    static DiskLib openLibrary(CliContext cli, ConnectionOptions options, Path libDir) throws Exception {
        DiskLib.Builder b = DiskLib.builder()
                .libDir(libDir)
                .logSink(new CliLogSink(cli.err(), options.verbose));
        if (options.configFile != null) {
            b.config(VddkConfig.read(cli.workingDir().resolve(options.configFile)));
        }
        return b.open();
    }

    /** ConnectParams from the options; the secret is read here and wiped after use. */
    static ConnectParams connectParams(CliContext cli, ConnectionOptions o, boolean readOnly) throws Exception {
        if (!o.isRemote()) {
            ConnectParams p = ConnectParams.local().readOnly(readOnly);
            return o.transports != null ? p.transports(o.transports) : p;
        }
        ConnectParams.Builder b = ConnectParams.remote(o.server).vmMoref(o.vm).readOnly(readOnly);
        if (o.cookieEnv != null) {
            String cookie = cli.env().apply(o.cookieEnv);
            if (cookie == null || cookie.isEmpty()) {
                throw new CommandFailedException("--cookie-env: the environment variable it names is not set or empty");
            }
            b.credentials(Credentials.sessionCookie(cookie, o.user));
        } else {
            char[] password = readPassword(cli, o);
            try {
                b.credentials(Credentials.userPassword(o.user, password));
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        if (o.port != null) {
            b.port(o.port);
        }
        if (o.nfcPort != null) {
            b.nfcHostPort(o.nfcPort);
        }
        if (o.thumbprint != null) {
            b.thumbprint(o.thumbprint);
        }
        if (o.snapshot != null) {
            b.snapshot(o.snapshot);
        }
        if (o.transports != null) {
            b.transports(o.transports);
        }
        return b.build();
    }

    /** The password from --password-file, --password-env or --password-prompt; the caller wipes it. */
    private static char[] readPassword(CliContext cli, ConnectionOptions o) throws CommandFailedException, IOException {
        if (o.passwordFile != null) {
            Path file = cli.workingDir().resolve(o.passwordFile);
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandFailedException("--password-file " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            }
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new CommandFailedException("--password-file " + file + ": the first line is empty");
            }
            return lines.get(0).toCharArray();
        }
        if (o.passwordEnv != null) {
            String v = cli.env().apply(o.passwordEnv);
            if (v == null || v.isEmpty()) {
                throw new CommandFailedException("--password-env: the environment variable it names is not set or empty");
            }
            return v.toCharArray();
        }
        if (cli.console() != null) {
            char[] typed = cli.console().readPassword("Password for %s@%s: ", o.user, o.server);
            if (typed == null || typed.length == 0) {
                throw new CommandFailedException("--password-prompt: no password was typed");
            }
            return typed;
        }
        String line = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new CommandFailedException("--password-prompt: standard input is empty");
        }
        return line.toCharArray();
    }

    DiskLib lib() {
        return lib;
    }

    Connection connection() {
        return connection;
    }

    LibDirResolver.Choice libDirChoice() {
        return libDir;
    }

    /** The path VDDK gets for {@code disk}: local paths resolved against the working directory. */
    String diskPath(String disk) {
        return options.isRemote() ? disk : cli.path(disk).toString();
    }

    /** Opens {@code disk} with the open flags of the options (read-only too if {@code readOnly}). */
    DiskHandle open(String disk, boolean readOnly) {
        return connection.open(diskPath(disk), options.openOptions(readOnly));
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            lib.close();
        }
    }
}
