package io.github.vddk4j;

import io.github.vddk4j.jna.VixDiskLibConnectParams;

/**
 * Turns the {@code VixDiskLibConnectParams} VDDK reports for a connection
 * ({@code VixDiskLib_GetConnectParams}) into a {@link ConnectParams} value without reading a
 * secret: the password, cookie and key fields are never touched, so no copy of them reaches the
 * Java heap. Credentials, read-only flag, snapshot and transports come from the parameters the
 * connection was made with (ConnectEx takes the last three outside the struct).
 */
final class ConnectParamsReader {
    private ConnectParamsReader() {
    }

    static ConnectParams read(VixDiskLibConnectParams reported, ConnectParams madeWith) {
        String server = blankToNull(reported.getServerName());
        if (server == null) {
            if (!madeWith.isLocal()) {
                throw new IllegalStateException("VixDiskLib_GetConnectParams reports no server for a connection to "
                        + madeWith.server().orElseThrow());
            }
            return ConnectParams.local().readOnly(madeWith.isReadOnly()).transports(madeWith.transports());
        }
        if (madeWith.isLocal()) {
            throw new IllegalStateException("VixDiskLib_GetConnectParams reports server " + server
                    + " for a local connection");
        }
        ConnectParams.Builder b = ConnectParams.remote(server)
                .credentials(madeWith.credentials().orElseThrow())
                .port(reported.getPort())
                .nfcHostPort(reported.getNfcHostPort())
                .readOnly(madeWith.isReadOnly())
                .transports(madeWith.transports());
        String vmxSpec = blankToNull(reported.getVmxSpec());
        b.vmxSpec(vmxSpec != null ? vmxSpec : madeWith.vmxSpec().orElseThrow());
        String thumbprint = blankToNull(reported.getThumbPrint());
        if (thumbprint != null) {
            b.thumbprint(thumbprint);
        }
        madeWith.snapshotMoref().ifPresent(b::snapshot);
        return b.build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
