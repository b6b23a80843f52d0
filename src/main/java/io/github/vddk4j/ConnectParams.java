package io.github.vddk4j;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code VixDiskLib_ConnectEx} (and PrepareForAccess, EndAccess, Cleanup) need to reach a
 * disk: an immutable value, either {@linkplain #local() local} (hosted disks on this machine) or
 * {@linkplain #remote(String) remote} (an ESXi host or vCenter Server), plus the ConnectEx
 * arguments read-only, snapshot and preferred transports.
 *
 * <pre>{@code
 * ConnectParams vm = ConnectParams.remote("vcenter.example.com")
 *         .credentials(Credentials.userPassword("backup@vsphere.local", password))
 *         .thumbprint("AA:BB:...")
 *         .vmMoref("vm-42")
 *         .build();
 * lib.connect(vm.withSnapshot("snapshot-7").readOnly(true).transports("hotadd:nbdssl"));
 * }</pre>
 *
 * <p>Real VDDK crashes on remote parameters without server, credentials or vmxSpec
 * (docs/vddk-behaviour.md, "Remote parameters VDDK expects must be present"); vddk4j
 * rejects them in Java before any native call. {@code toString} never shows secrets.
 */
public final class ConnectParams {
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+");
    private static final ConnectParams LOCAL =
            new ConnectParams(null, 0, 0, null, null, null, false, List.of(), null);

    private final String server;
    private final int port;
    private final int nfcHostPort;
    private final String thumbprint;
    private final String vmxSpec;
    private final String snapshotMoref;
    private final boolean readOnly;
    private final List<TransportMode> transports;
    private final Credentials credentials;

    private ConnectParams(String server, int port, int nfcHostPort, String thumbprint, String vmxSpec,
                          String snapshotMoref, boolean readOnly, List<TransportMode> transports,
                          Credentials credentials) {
        this.server = server;
        this.port = port;
        this.nfcHostPort = nfcHostPort;
        this.thumbprint = thumbprint;
        this.vmxSpec = vmxSpec;
        this.snapshotMoref = snapshotMoref;
        this.readOnly = readOnly;
        this.transports = List.copyOf(transports);
        this.credentials = credentials;
    }

    /**
     * Parameters for hosted disks on this machine (ConnectEx with all-zero connect params; disks
     * are opened by local file path and use the {@code file} transport).
     */
    public static ConnectParams local() {
        return LOCAL;
    }

    /**
     * Starts remote parameters for an ESXi host or vCenter Server.
     *
     * @param server host name or address ({@code serverName})
     * @return a builder; credentials and a vmxSpec are required before {@link Builder#build()}
     * @throws IllegalArgumentException if {@code server} is null or blank
     */
    public static Builder remote(String server) {
        return new Builder(requireText(server, "server"));
    }

    /** A builder initialised from these (remote) parameters. */
    public Builder toBuilder() {
        requireRemote("toBuilder");
        Builder b = new Builder(server);
        b.port = port;
        b.nfcHostPort = nfcHostPort;
        b.thumbprint = thumbprint;
        b.vmxSpec = vmxSpec;
        b.snapshotMoref = snapshotMoref;
        b.readOnly = readOnly;
        b.transports = transports;
        b.credentials = credentials;
        return b;
    }

    /** These parameters with the snapshot {@code snapshotMoref} (ConnectEx's {@code snapshotRef}). */
    public ConnectParams withSnapshot(String snapshotMoref) {
        requireRemote("withSnapshot");
        return toBuilder().snapshot(snapshotMoref).build();
    }

    /** These parameters without a snapshot (the VM's current disks). */
    public ConnectParams withoutSnapshot() {
        requireRemote("withoutSnapshot");
        Builder b = toBuilder();
        b.snapshotMoref = null;
        return b.build();
    }

    /**
     * These parameters with ConnectEx's {@code readOnly}: a read-only connection opens every disk
     * read-only, whatever the open options say.
     */
    public ConnectParams readOnly(boolean readOnly) {
        return new ConnectParams(server, port, nfcHostPort, thumbprint, vmxSpec, snapshotMoref, readOnly,
                transports, credentials);
    }

    /** These parameters with the preferred transports in this order (none = VDDK's default). */
    public ConnectParams transports(TransportMode... modes) {
        return transports(Arrays.asList(Objects.requireNonNull(modes, "transports")));
    }

    /** These parameters with the preferred transports in this order (empty = VDDK's default). */
    public ConnectParams transports(List<TransportMode> modes) {
        return new ConnectParams(server, port, nfcHostPort, thumbprint, vmxSpec, snapshotMoref, readOnly,
                checkTransports(modes), credentials);
    }

    /**
     * These parameters with the preferred transports in VDDK's string form, e.g. {@code "san:nbd"}.
     *
     * @throws IllegalArgumentException for unknown, empty or repeated names (message lists the valid ones)
     */
    public ConnectParams transports(String colonSeparated) {
        return transports(TransportMode.parseList(colonSeparated));
    }

    /** Whether these are local parameters (no server). */
    public boolean isLocal() {
        return server == null;
    }

    /** {@code serverName}; empty for local parameters. */
    public Optional<String> server() {
        return Optional.ofNullable(server);
    }

    /** {@code port} (0 = VDDK's default, 443). */
    public int port() {
        return port;
    }

    /** {@code nfcHostPort} (0 = VDDK's default, 902). */
    public int nfcHostPort() {
        return nfcHostPort;
    }

    /** {@code thumbPrint}, the server certificate's fingerprint. */
    public Optional<String> thumbprint() {
        return Optional.ofNullable(thumbprint);
    }

    /** {@code vmxSpec}, e.g. {@code "moref=vm-42"}. */
    public Optional<String> vmxSpec() {
        return Optional.ofNullable(vmxSpec);
    }

    /** The snapshot moref (ConnectEx's {@code snapshotRef}). */
    public Optional<String> snapshotMoref() {
        return Optional.ofNullable(snapshotMoref);
    }

    /** ConnectEx's {@code readOnly}. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** The preferred transports in order; empty means VDDK's default priority. */
    public List<TransportMode> transports() {
        return transports;
    }

    /** The credentials; empty for local parameters. */
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** These parameters with other credentials (a lease keeps its own copy). */
    ConnectParams withCredentials(Credentials other) {
        requireRemote("withCredentials");
        return new ConnectParams(server, port, nfcHostPort, thumbprint, vmxSpec, snapshotMoref, readOnly,
                transports, Objects.requireNonNull(other, "credentials"));
    }

    /** ConnectEx's {@code transportModes} argument, null for VDDK's default. */
    String transportsArgument() {
        return transports.isEmpty() ? null : TransportMode.join(transports);
    }

    /**
     * Checks that real VDDK will not crash on these parameters in {@code function}.
     *
     * @throws IllegalArgumentException naming the missing field and how to set it
     * @throws IllegalStateException if the credentials were destroyed
     */
    void checkUsableFor(String function) {
        if (isLocal()) {
            return;
        }
        if (credentials == null) {
            throw new IllegalArgumentException(function + " needs credentials for remote server " + server
                    + ": set ConnectParams.remote(...).credentials(Credentials.userPassword(...))");
        }
        if (vmxSpec == null) {
            throw new IllegalArgumentException(function + " needs the VM for remote server " + server
                    + " (real VDDK crashes without it): set .vmMoref(\"vm-42\") or .vmxSpec(\"moref=vm-42\")");
        }
        if (credentials.isDestroyed()) {
            throw new IllegalStateException(function + ": the credentials for " + server
                    + " were destroyed (Credentials.destroy()); build parameters with new credentials");
        }
    }

    /** Shows every field except secrets. */
    @Override
    public String toString() {
        if (isLocal()) {
            return "ConnectParams[local" + (readOnly ? ", readOnly" : "")
                    + (transports.isEmpty() ? "" : ", transports=" + TransportMode.join(transports)) + "]";
        }
        StringBuilder sb = new StringBuilder("ConnectParams[server=").append(server);
        if (port != 0) {
            sb.append(", port=").append(port);
        }
        if (nfcHostPort != 0) {
            sb.append(", nfcHostPort=").append(nfcHostPort);
        }
        if (thumbprint != null) {
            sb.append(", thumbprint=").append(thumbprint);
        }
        sb.append(", vmxSpec=").append(vmxSpec);
        if (snapshotMoref != null) {
            sb.append(", snapshot=").append(snapshotMoref);
        }
        if (readOnly) {
            sb.append(", readOnly");
        }
        if (!transports.isEmpty()) {
            sb.append(", transports=").append(TransportMode.join(transports));
        }
        return sb.append(", credentials=").append(credentials).append(']').toString();
    }

    private void requireRemote(String what) {
        if (isLocal()) {
            throw new IllegalStateException(what + " applies to remote parameters only; local disks have no "
                    + "VM, snapshot or credentials (use ConnectParams.remote(server))");
        }
    }

    private static List<TransportMode> checkTransports(List<TransportMode> modes) {
        Objects.requireNonNull(modes, "transports");
        for (int i = 0; i < modes.size(); i++) {
            TransportMode m = Objects.requireNonNull(modes.get(i), "transports must not contain null");
            if (modes.subList(0, i).contains(m)) {
                throw new IllegalArgumentException("transport mode '" + m.cName() + "' appears twice in " + modes);
            }
        }
        return List.copyOf(modes);
    }

    private static String requireText(String value, String name) {
        return TextFields.requireText(value, name);
    }

    private static int checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (VDDK's default) or 1..65535, was " + port);
        }
        return port;
    }

    /** Builds remote {@link ConnectParams}. */
    public static final class Builder {
        private final String server;
        private int port;
        private int nfcHostPort;
        private String thumbprint;
        private String vmxSpec;
        private String snapshotMoref;
        private boolean readOnly;
        private List<TransportMode> transports = List.of();
        private Credentials credentials;

        private Builder(String server) {
            this.server = server;
        }

        /** {@code port}: the port vCenter/ESXi listens on for API queries; 0 = default (443). */
        public Builder port(int port) {
            this.port = checkPort("port", port);
            return this;
        }

        /** {@code nfcHostPort}: the host's NFC port; 0 = default (902). */
        public Builder nfcHostPort(int nfcHostPort) {
            this.nfcHostPort = checkPort("nfcHostPort", nfcHostPort);
            return this;
        }

        /**
         * {@code thumbPrint}: the server certificate's SHA-1 or SHA-256 fingerprint as hex pairs
         * separated by colons ({@code "AB:CD:..."}). A wrong thumbprint is reported only at Open.
         */
        public Builder thumbprint(String thumbprint) {
            String t = requireText(thumbprint, "thumbprint").trim();
            if (!THUMBPRINT.matcher(t).matches()) {
                throw new IllegalArgumentException("thumbprint must be hex pairs separated by ':' "
                        + "(e.g. \"AB:CD:EF:...\"), was \"" + thumbprint + "\"");
            }
            this.thumbprint = t;
            return this;
        }

        /** {@code vmxSpec} verbatim, e.g. {@code "moref=vm-42"}. */
        public Builder vmxSpec(String vmxSpec) {
            this.vmxSpec = requireText(vmxSpec, "vmxSpec");
            return this;
        }

        /** The VM by managed object reference: sets vmxSpec to {@code "moref=" + vmMoref}. */
        public Builder vmMoref(String vmMoref) {
            String m = requireText(vmMoref, "vmMoref").trim();
            if (m.startsWith("moref=")) {
                throw new IllegalArgumentException("give the moref without 'moref=' (e.g. \"vm-42\"), or use vmxSpec(...)");
            }
            this.vmxSpec = "moref=" + m;
            return this;
        }

        /**
         * The snapshot to access (ConnectEx's {@code snapshotRef}): required for SAN, HotAdd and
         * NBDSSL and for powered-on VMs.
         */
        public Builder snapshot(String snapshotMoref) {
            this.snapshotMoref = requireText(snapshotMoref, "snapshotMoref").trim();
            return this;
        }

        /** ConnectEx's {@code readOnly}. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** The preferred transports in order (none = VDDK's default priority). */
        public Builder transports(TransportMode... modes) {
            this.transports = checkTransports(Arrays.asList(Objects.requireNonNull(modes, "transports")));
            return this;
        }

        /** The preferred transports in order (empty = VDDK's default priority). */
        public Builder transports(List<TransportMode> modes) {
            this.transports = checkTransports(modes);
            return this;
        }

        /**
         * The preferred transports in VDDK's form, e.g. {@code "san:nbd"}.
         *
         * @throws IllegalArgumentException for unknown, empty or repeated names
         */
        public Builder transports(String colonSeparated) {
            this.transports = TransportMode.parseList(colonSeparated);
            return this;
        }

        /** The credentials (kept by reference: {@link Credentials#destroy()} affects these params). */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @return the parameters
         * @throws IllegalArgumentException if credentials or the VM (vmxSpec) are missing, or a
         *         snapshot is given without a VM
         */
        public ConnectParams build() {
            if (credentials == null) {
                throw new IllegalArgumentException("remote server " + server + " needs credentials: "
                        + "call .credentials(Credentials.userPassword(user, password)) or Credentials.sessionCookie(...)");
            }
            if (vmxSpec == null) {
                throw new IllegalArgumentException("remote server " + server + " needs the VM whose disks you access "
                        + "(real VDDK crashes without it): call .vmMoref(\"vm-42\") or .vmxSpec(\"moref=vm-42\")");
            }
            return new ConnectParams(server, port, nfcHostPort, thumbprint, vmxSpec, snapshotMoref, readOnly,
                    transports, credentials);
        }
    }
}
