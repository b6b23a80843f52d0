package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import picocli.CommandLine.Mixin;

/** A command that uses VDDK: the connection options, checked before it runs. */
abstract class DiskCommand extends CliCommand {
    @Mixin
    ConnectionOptions conn = new ConnectionOptions();

    @Override
    ConnectionOptions connectionOptions() {
        return conn;
    }

    @Override
    public final Integer call() throws Exception {
        conn.validate(spec);
        return run();
    }

    /** The command's work; returns the exit code. */
    abstract int run() throws Exception;

    /** A session (DiskLib + connection), read-only when {@code readOnly}. */
    VddkSession session(boolean readOnly) throws Exception {
        return VddkSession.open(cli, conn, readOnly);
    }

    /** What a command does with its session and its one open disk. */
    @FunctionalInterface
    interface DiskWork {
        void run(VddkSession session, DiskHandle disk) throws Exception;
    }

    /**
     * Opens a session and {@code disk} (both read-only when {@code readOnly}), does {@code work},
     * closes both (the disk first) and returns {@link ExitCode#OK}; what {@code work} throws passes.
     */
    int onDisk(String disk, boolean readOnly, DiskWork work) throws Exception {
        try (VddkSession s = session(readOnly); DiskHandle h = s.open(disk, readOnly)) {
            work.run(s, h);
        }
        return ExitCode.OK;
    }

    /**
     * DiskLib only, no connection, for the commands that work on a vCenter's side (access,
     * cleanup); without {@code --server} a {@link CommandFailedException} saying {@code whyServer}.
     */
    VddkSession serverLibrary(String whyServer) throws Exception {
        if (!conn.isRemote()) {
            throw new CommandFailedException(whyServer);
        }
        return VddkSession.library(cli, conn);
    }
}
