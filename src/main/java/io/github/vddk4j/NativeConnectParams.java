package io.github.vddk4j;

import com.sun.jna.Pointer;
import io.github.vddk4j.jna.VixDiskLibConnectParams;
import java.util.Arrays;
import java.util.List;

/**
 * A native {@code VixDiskLibConnectParams} for one call: allocated by
 * {@code VixDiskLib_AllocateConnectParams} (its size differs between VDDK versions), filled from
 * {@link ConnectParams} through the raw accessor, and on {@link #close()} its secrets zeroed, the
 * Java-owned strings freed and the struct given back with {@code VixDiskLib_FreeConnectParams}.
 * Use in try-with-resources right around the call.
 */
final class NativeConnectParams implements AutoCloseable {
    private final NativeCalls calls;
    private final VixDiskLibConnectParams struct;

    private NativeConnectParams(NativeCalls calls, VixDiskLibConnectParams struct) {
        this.calls = calls;
        this.struct = struct;
    }

    /**
     * Allocates and fills the native struct.
     *
     * @throws VddkCallException if AllocateConnectParams returns NULL
     */
    static NativeConnectParams of(NativeCalls calls, ConnectParams params) {
        Pointer p = InsideVddk.get("VixDiskLib_AllocateConnectParams", calls.lib::VixDiskLib_AllocateConnectParams);
        if (p == null) {
            throw new VddkCallException("VixDiskLib_AllocateConnectParams", null, VixErrorCode.VIX_E_OUT_OF_MEMORY.code(),
                    "VixDiskLib_AllocateConnectParams returned NULL", List.of());
        }
        VixDiskLibConnectParams struct = VixDiskLibConnectParams.at(p, calls.vddkMajor);
        NativeConnectParams result = new NativeConnectParams(calls, struct);
        try {
            result.fill(params);
            return result;
        } catch (RuntimeException | Error e) {
            result.close();
            throw e;
        }
    }

    private void fill(ConnectParams params) {
        if (params.isLocal()) {
            return; // all-zero params: a local connection
        }
        struct.setServerName(params.server().orElseThrow());
        params.vmxSpec().ifPresent(struct::setVmxSpec);
        params.thumbprint().ifPresent(struct::setThumbPrint);
        struct.setPort(params.port());
        struct.setNfcHostPort(params.nfcHostPort());
        Credentials creds = params.credentials().orElseThrow();
        if (creds instanceof Credentials.UserPassword up) {
            char[] password = up.password();
            try {
                struct.setUidCredentials(up.userName(), password);
            } finally {
                Arrays.fill(password, '\0');
            }
        } else if (creds instanceof Credentials.SessionCookie sc) {
            char[] cookie = sc.cookie();
            char[] key = sc.key();
            try {
                struct.setSessionIdCredentials(cookie, sc.userName(), key);
            } finally {
                Arrays.fill(cookie, '\0');
                if (key != null) {
                    Arrays.fill(key, '\0');
                }
            }
        }
    }

    /** The struct to pass to the call. */
    VixDiskLibConnectParams struct() {
        return struct;
    }

    /** Zeroes the secrets, frees the Java-owned copies, then {@code VixDiskLib_FreeConnectParams}. Idempotent. */
    @Override
    public void close() {
        InsideVddk.run("VixDiskLib_FreeConnectParams", () -> struct.free(calls.lib));
    }
}
