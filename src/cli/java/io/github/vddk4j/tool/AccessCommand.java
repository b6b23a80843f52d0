package io.github.vddk4j.tool;

import io.github.vddk4j.AccessLease;
import io.github.vddk4j.ConnectParams;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code access prepare|end}: VixDiskLib_PrepareForAccess and EndAccess. VDDK ties the access to
 * the process, so {@code prepare} holds it until standard input ends (or Enter, or Ctrl-C), then
 * ends it; {@code end} ends the access a crashed process left.
 */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Prepare a VM's disks for access or end that access (VixDiskLib_PrepareForAccess, EndAccess).",
        subcommands = {AccessCommand.Prepare.class, AccessCommand.End.class})
final class AccessCommand extends CliCommand {
    private static final String NEEDS_SERVER = "access needs --server (a vCenter)";

    @Override
    public Integer call() {
        spec.commandLine().usage(cli.err());
        return ExitCode.USAGE;
    }

    /** The report that the access of {@code identity} to the VM has ended. */
    private static void reportEnded(DiskCommand c, boolean json, String identity) {
        c.report(json, Reports.object("vm", c.conn.vm, "identity", identity, "state", "ended"),
                out -> out.println("access ended for " + c.conn.vm));
    }

    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Disable the VM's relocation while this command runs: until standard input ends, Enter, or Ctrl-C.")
    static final class Prepare extends DiskCommand {
        @Option(names = "--identity", paramLabel = "NAME", description = "who accesses the VM (default vddk4j-cli)")
        String identity = "vddk4j-cli";

        @Option(names = "--json", description = "print one JSON object per step")
        boolean json;

        @Override
        int run() throws Exception {
            try (VddkSession s = serverLibrary(NEEDS_SERVER)) {
                ConnectParams params = VddkSession.connectParams(cli, conn, true);
                try (AccessLease lease = s.lib().prepareForAccess(params, identity)) {
                    report(json, Reports.object("vm", conn.vm, "identity", identity, "state", "prepared"),
                            out -> out.println("access prepared for " + conn.vm + " as " + identity
                                    + "; press Enter (or end standard input, or Ctrl-C) to end it"));
                    waitForEndOfInput(cli.in());
                }
                reportEnded(this, json, identity);
            }
            return ExitCode.OK;
        }

        /** Returns at end of input, at a newline, or on Ctrl-C; a daemon thread does the blocking read. */
        private static void waitForEndOfInput(InputStream in) throws InterruptedException {
            CountDownLatch ended = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try {
                    int c;
                    do {
                        c = in.read();
                    } while (c >= 0 && c != '\n');
                } catch (IOException e) {
                    // an unreadable standard input ends the wait like its end does
                }
                ended.countDown();
            }, "vddk4j-stdin-watch");
            reader.setDaemon(true);
            reader.start();
            while (!ended.await(100, TimeUnit.MILLISECONDS) && !Cancellation.requested()) {
                // wait
            }
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true,
            description = "End the access a crashed process prepared (VixDiskLib_EndAccess).")
    static final class End extends DiskCommand {
        @Option(names = "--identity", paramLabel = "NAME", description = "the identity it was prepared with (default vddk4j-cli)")
        String identity = "vddk4j-cli";

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        int run() throws Exception {
            try (VddkSession s = serverLibrary(NEEDS_SERVER)) {
                s.lib().endAccess(VddkSession.connectParams(cli, conn, true), identity);
                reportEnded(this, json.json, identity);
            }
            return ExitCode.OK;
        }
    }
}
