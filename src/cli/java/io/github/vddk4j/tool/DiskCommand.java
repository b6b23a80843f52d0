package io.github.vddk4j.tool;

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
}
