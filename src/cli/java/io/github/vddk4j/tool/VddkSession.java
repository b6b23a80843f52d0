package io.github.vddk4j.tool;

import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Connection;
import io.github.vddk4j.Credentials;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.OpenOption;
import io.github.vddk4j.config.VddkConfig;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One DiskLib and one connection, made from the global options; closing it closes both
 * (connection first). Local disks are file paths resolved against the working directory;
 * remote disks are datastore paths ({@code "[datastore1] vm/vm.vmdk"}) passed as given.
 */
final class VddkSession implements AutoCloseable {
    private final CliContext cli;
    private final DiskLib lib;
    private final Connection connection;
    private final LibDirResolver.Choice libDir;

    private VddkSession(CliContext cli, DiskLib lib, Connection connection, LibDirResolver.Choice libDir) {
        this.cli = cli;
        this.lib = lib;
        this.connection = connection;
        this.libDir = libDir;
    }

    /**
     * Opens DiskLib (VixDiskLib_InitEx) with the chosen libDir and config, and connects.
     *
     * @param readOnly whether the connection is read-only (ConnectEx's readOnly)
     */
    static VddkSession open(CliContext cli, boolean readOnly) throws Exception {
        LibDirResolver.Choice choice = libDir(cli);
        DiskLib lib = openLibrary(cli, choice.dir());
        try {
            Connection connection = lib.connect(connectParams(cli, readOnly));
            return new VddkSession(cli, lib, connection, choice);
        } catch (Exception | Error e) {
            lib.close();
            throw e;
        }
    }

    static LibDirResolver.Choice libDir(CliContext cli) throws CommandFailedException {
        return LibDirResolver.resolve(cli.global().libDir().map(cli.workingDir()::resolve), cli.properties(),
                        cli.env(), cli.workingDir(), LibDirResolver.runningJar())
                .orElseThrow(() -> new CommandFailedException(LibDirResolver.notFoundMessage(cli.workingDir())));
    }

    /** DiskLib with the CLI's log sink and, when {@code --config} is given, that file validated first. */
    static DiskLib openLibrary(CliContext cli, Path libDir) throws Exception {
        DiskLib.Builder b = DiskLib.builder()
                .libDir(libDir)
                .logSink(new CliLogSink(cli.err(), cli.global().verbose()));
        if (cli.global().configFile().isPresent()) {
            b.config(VddkConfig.read(cli.workingDir().resolve(cli.global().configFile().get())));
        }
        return b.open();
    }

    static ConnectParams connectParams(CliContext cli, boolean readOnly) throws Exception {
        GlobalOptions g = cli.global();
        if (!g.isRemote()) {
            ConnectParams p = ConnectParams.local().readOnly(readOnly);
            return g.transports().isPresent() ? p.transports(g.transports().get()) : p;
        }
        char[] password = cli.readPassword();
        try {
            ConnectParams.Builder b = ConnectParams.remote(g.server().get())
                    .credentials(Credentials.userPassword(g.user().get(), password))
                    .vmMoref(g.vm().get())
                    .readOnly(readOnly);
            g.thumbprint().ifPresent(b::thumbprint);
            g.snapshot().ifPresent(b::snapshot);
            g.transports().ifPresent(b::transports);
            return b.build();
        } finally {
            Arrays.fill(password, '\0');
        }
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

    /** Opens {@code disk}: a local path (resolved against the working directory) or a remote datastore path. */
    DiskHandle open(String disk, OpenOption... options) {
        String path = cli.global().isRemote() ? disk : cli.path(disk).toString();
        return connection.open(path, options);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            lib.close();
        }
    }
}
