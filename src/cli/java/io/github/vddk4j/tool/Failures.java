package io.github.vddk4j.tool;

import io.github.vddk4j.VddkCallException;
import io.github.vddk4j.VddkException;
import io.github.vddk4j.VixErrorCode;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Turns an exception into the one line the CLI prints, and a hint for VDDK's known traps. VDDK's
 * own log lines are not repeated: the CLI's log sink printed them already, once.
 */
final class Failures {
    private Failures() {}

    static String describe(Throwable e) {
        if (e instanceof VddkException v) {
            return withoutVddkLog(v.getMessage());
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "file already exists: " + f.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The message up to VDDK's log lines (which the log sink printed). */
    static String withoutVddkLog(String message) {
        int i = message.indexOf(" [VDDK log: ");
        return i < 0 ? message : message.substring(0, i);
    }

    /** A hint for the traps backup vendors hit with VDDK, or null. */
    static String hint(Throwable e, ConnectionOptions o) {
        if (!(e instanceof VddkCallException v) || o == null) {
            return null;
        }
        String function = v.function();
        boolean remote = o.isRemote();
        String transports = o.transports == null ? "" : o.transports.toLowerCase(Locale.ROOT);
        if (remote && "VixDiskLib_Open".equals(function) && v.errorCode() == VixErrorCode.VIX_E_FAIL) {
            return "VDDK reports a wrong or missing server thumbprint as VIX_E_FAIL at open, not at connect:"
                    + " check --thumbprint (the SHA-1 fingerprint of the server's certificate, AA:BB:...)";
        }
        if (function.equals("VixDiskLib_PrepareForAccess") || function.equals("VixDiskLib_EndAccess")) {
            return "PrepareForAccess and EndAccess need vCenter: against a standalone ESXi host they fail;"
                    + " use --server with your vCenter";
        }
        if (transports.equals("san") && function.startsWith("VixDiskLib_Open")) {
            return "the SAN transport needs the datastore's LUN visible to this host; with --transports san alone"
                    + " there is no fallback: add one, e.g. --transports san:nbdssl";
        }
        if (v.errorCode() == VixErrorCode.VIX_E_FILE_NOT_FOUND && remote) {
            return "remote disks are datastore paths such as \"[datastore1] vm/vm.vmdk\", relative to the VM given by --vm";
        }
        return null;
    }
}
