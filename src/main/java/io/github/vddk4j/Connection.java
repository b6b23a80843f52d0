package io.github.vddk4j;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.jna.VixDiskLibConnection;
import io.github.vddk4j.jna.VixDiskLibHandle;
import io.github.vddk4j.jna.VixDiskLibInfo;
import io.github.vddk4j.jna.VixDiskLibOpenParams;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code VixDiskLibConnection} made by {@link DiskLib#connect(ConnectParams)}:
 * {@link #open(String, OpenOption...)} opens disks, {@link #close()} closes them and calls
 * {@code VixDiskLib_Disconnect}. Thread-safe; close is idempotent.
 */
public final class Connection implements AutoCloseable {
    private final DiskLib owner;
    private final NativeCalls calls;
    private final VixDiskLibConnection connection;
    private final ConnectParams params;
    private final ResourceGuard guard;
    private final ConnectionState state;
    private final DiskManager diskManager;

    Connection(DiskLib owner, NativeCalls calls, VixDiskLibConnection connection, ConnectParams params) {
        this.owner = owner;
        this.calls = calls;
        this.connection = connection;
        this.params = params;
        this.guard = new ResourceGuard("Connection (" + DiskLib.describe(params) + ")");
        this.state = new ConnectionState(owner.state(), calls, connection, DiskLib.describe(params), guard);
        SafetyNet.register(this, state, SafetyNet.openedAt(calls.trackUnclosed, guard.description()));
        this.diskManager = new DiskManager(this, calls);
    }

    /** Disk management on this connection: create, clone, grow, shrink, rename, delete, check, attach. */
    public DiskManager diskManager() {
        return diskManager;
    }

    /**
     * {@code VixDiskLib_GetConnectParams}: the parameters VDDK holds for this connection, as a
     * value. Server, ports, thumbprint and vmxSpec come from VDDK; secrets are never read from
     * VDDK's copy: the credentials are those this connection was made with (as are the
     * read-only flag, snapshot and transports, which ConnectEx takes outside the struct).
     * VDDK's struct is given back with {@code VixDiskLib_FreeConnectParams}, always.
     *
     * @throws VddkCallException if GetConnectParams fails
     * @throws VddkUnsupportedException if the loaded VDDK lacks GetConnectParams
     * @throws IllegalStateException if the connection is closed
     */
    public ConnectParams queryConnectParams() {
        calls.require(io.github.vddk4j.jna.VixDiskLibFunction.VixDiskLib_GetConnectParams);
        return guard.use(() -> {
            PointerByReference out = new PointerByReference();
            calls.check("VixDiskLib_GetConnectParams", DiskLib.describe(params),
                    () -> calls.lib.VixDiskLib_GetConnectParams(connection, out));
            if (out.getValue() == null) {
                throw new IllegalStateException("VixDiskLib_GetConnectParams returned VIX_OK without parameters");
            }
            io.github.vddk4j.jna.VixDiskLibConnectParams reported =
                    io.github.vddk4j.jna.VixDiskLibConnectParams.at(out.getValue(), calls.vddkMajor);
            try {
                return ConnectParamsReader.read(reported, params);
            } finally {
                InsideVddk.run("VixDiskLib_FreeConnectParams", () -> calls.lib.VixDiskLib_FreeConnectParams(reported));
            }
        });
    }

    /** The parameters this connection was made with. */
    public ConnectParams params() {
        return params;
    }

    /** Whether the connection is read-only: then every disk opens read-only, whatever the options. */
    public boolean isReadOnly() {
        return params.isReadOnly();
    }

    /** Whether {@link #close()} was called (or the DiskLib closed). */
    public boolean isClosed() {
        return guard.isClosed();
    }

    /**
     * {@code VixDiskLib_Open}: opens a disk; then copies its transport mode and reads its capacity.
     *
     * @param path    a local file path (local connections) or a datastore path such as
     *                {@code "[datastore1] vm42/vm42.vmdk"}
     * @param options open flags; on a read-only connection the disk is read-only regardless
     * @return the open disk, closed with this connection at the latest
     * @throws VddkCallException if Open (or the GetInfo that follows it) fails, e.g. a missing file,
     *         a disk locked by a read-write open, a wrong thumbprint, SAN unavailable
     * @throws IllegalArgumentException for a blank path
     * @throws IllegalStateException if the connection is closed
     */
    public DiskHandle open(String path, OpenOption... options) {
        requirePath(path, "disk path");
        Set<OpenOption> opts = options(options);
        int flags = OpenOption.toFlags(opts);
        return open(path, opts, null, out -> calls.check("VixDiskLib_Open", path,
                () -> calls.lib.VixDiskLib_Open(connection, path, flags, out)));
    }

    /**
     * {@code VixDiskLib_OpenEx} (VDDK 9): opens a disk for an incremental backup from
     * {@code changeId}; {@link DiskHandle#changedAreas()} then reports what changed since.
     * Otherwise as {@link #open(String, OpenOption...)}.
     *
     * @throws VddkCallException if OpenEx fails (e.g. a missing file, an unknown or expired change ID)
     * @throws VddkUnsupportedException if the loaded VDDK lacks OpenEx (before 9.0)
     * @throws IllegalArgumentException for a blank path
     * @throws IllegalStateException if the connection is closed
     */
    public DiskHandle open(String path, ChangeId changeId, OpenOption... options) {
        requirePath(path, "disk path");
        Objects.requireNonNull(changeId, "changeId");
        calls.require(io.github.vddk4j.jna.VixDiskLibFunction.VixDiskLib_OpenEx);
        Set<OpenOption> opts = options(options);
        VixDiskLibOpenParams p = new VixDiskLibOpenParams();
        p.path = path;
        p.flags = OpenOption.toFlags(opts);
        p.changeId = changeId.value();
        p.write();
        return open(path, opts, changeId, out -> {
            try {
                calls.check("VixDiskLib_OpenEx", path + ", change ID " + changeId,
                        () -> calls.lib.VixDiskLib_OpenEx(connection, p, out));
            } finally {
                java.lang.ref.Reference.reachabilityFence(p);
            }
        });
    }

    private static Set<OpenOption> options(OpenOption... options) {
        Set<OpenOption> opts = EnumSet.noneOf(OpenOption.class);
        for (OpenOption o : Objects.requireNonNull(options, "options")) {
            opts.add(Objects.requireNonNull(o, "options must not contain null"));
        }
        return opts;
    }

    private DiskHandle open(String path, Set<OpenOption> opts, ChangeId changeId,
                            java.util.function.Consumer<PointerByReference> opener) {
        boolean readOnly = opts.contains(OpenOption.READ_ONLY) || params.isReadOnly();
        return guard.use(() -> {
            PointerByReference out = new PointerByReference();
            LifecycleLock.run(() -> opener.accept(out));
            if (out.getValue() == null) {
                throw new IllegalStateException("VixDiskLib_Open returned VIX_OK without a handle for '" + path + "'");
            }
            VixDiskLibHandle handle = new VixDiskLibHandle(out.getValue());
            try {
                // only Open and Close need the process-wide lock (as nbdkit does); the handle is
                // not shared yet, and this connection's guard keeps it from closing meanwhile
                Pointer mode = InsideVddk.get("VixDiskLib_GetTransportMode", () -> calls.lib.VixDiskLib_GetTransportMode(handle));
                // VDDK's string dies with Close: copy it now (docs/vddk-behaviour.md, "The transport-mode string dies with the handle")
                String transport = mode == null ? "" : mode.getString(0, "UTF-8");
                DiskInfo info = readInfo(calls, handle, path);
                DiskHandle d = new DiskHandle(this, calls, handle, path, readOnly, transport, info.capacitySectors(),
                        changeId);
                state.add(d.state());
                return d;
            } catch (RuntimeException | Error e) {
                try {
                    LifecycleLock.release(() -> calls.check("VixDiskLib_Close", path,
                            () -> calls.lib.VixDiskLib_Close(handle)));
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        });
    }

    /**
     * Checks a disk path argument before it reaches VDDK.
     *
     * @throws IllegalArgumentException if it is null, blank or contains NUL
     */
    static void requirePath(String path, String what) {
        if (path == null || path.isBlank() || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not be null, blank or contain NUL, was '" + Echo.bounded(path) + "'");
        }
    }

    /**
     * Closes every disk still open on this connection, then calls {@code VixDiskLib_Disconnect}.
     * Idempotent once it succeeded; waits for an open in flight. If a handle's Close fails, the
     * connection is not disconnected (VDDK still has the disk open); if Close or Disconnect fails,
     * the connection is "close failed" (unusable, still owned by its DiskLib) and the next
     * {@code close()} (or the DiskLib's) retries what failed.
     *
     * @throws VddkCallException if a Close or the Disconnect failed (every handle is still attempted)
     */
    @Override
    public void close() {
        state.close();
    }

    /** The closing half of this connection (held by the DiskLib and the {@link SafetyNet}). */
    ConnectionState state() {
        return state;
    }

    /**
     * The closing half of a connection: the states of its open handles, and Disconnect. Never
     * references the Connection or its DiskHandles, so forgotten ones can become unreachable.
     */
    static final class ConnectionState implements SafetyNet.State {
        private final DiskLib.LibState owner;
        private final NativeCalls calls;
        private final VixDiskLibConnection connection;
        private final String description;
        private final ResourceGuard guard;
        private final Set<DiskHandle.HandleState> handles = ConcurrentHashMap.newKeySet();

        ConnectionState(DiskLib.LibState owner, NativeCalls calls, VixDiskLibConnection connection, String description,
                        ResourceGuard guard) {
            this.owner = owner;
            this.calls = calls;
            this.connection = connection;
            this.description = description;
            this.guard = guard;
        }

        void add(DiskHandle.HandleState handle) {
            handles.add(handle);
        }

        void forget(DiskHandle.HandleState handle) {
            handles.remove(handle);
        }

        @Override
        public ResourceGuard guard() {
            return guard;
        }

        @Override
        public void close() {
            guard.close(() -> {
                List<RuntimeException> failures = new ArrayList<>();
                for (DiskHandle.HandleState h : List.copyOf(handles)) {
                    try {
                        h.close();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
                if (failures.isEmpty()) { // never Disconnect under a handle VDDK still has open
                    try {
                        LifecycleLock.release(() -> calls.check("VixDiskLib_Disconnect", description,
                                () -> calls.lib.VixDiskLib_Disconnect(connection)));
                        owner.forget(this);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
                DiskLib.throwFirst(failures); // "close failed": close() retries what failed
            });
        }
    }

    @Override
    public String toString() {
        return guard.description() + (guard.isClosed() ? " (closed)" : "");
    }

    /** This connection's lock (disk management runs under it). */
    ResourceGuard guard() {
        return guard;
    }

    /** For tests: the raw connection. */
    VixDiskLibConnection rawConnection() {
        return connection;
    }

    /** {@code VixDiskLib_GetInfo} copied into a record, then {@code VixDiskLib_FreeInfo}, always. */
    static DiskInfo readInfo(NativeCalls calls, VixDiskLibHandle handle, String path) {
        PointerByReference out = new PointerByReference();
        calls.check("VixDiskLib_GetInfo", path, () -> calls.lib.VixDiskLib_GetInfo(handle, out));
        Pointer p = out.getValue();
        try {
            VixDiskLibInfo raw = VixDiskLibInfo.read(p, calls.vddkMajor);
            return new DiskInfo(raw.capacity,
                    geometry(raw.biosGeo), geometry(raw.physGeo),
                    AdapterType.fromCode(raw.adapterType), raw.numLinks,
                    Optional.ofNullable(raw.parentFileNameHintString()), Optional.ofNullable(raw.uuidString()),
                    raw.hasSectorSizes() ? OptionalInt.of(raw.logicalSectorSize) : OptionalInt.empty(),
                    raw.hasSectorSizes() ? OptionalInt.of(raw.physicalSectorSize) : OptionalInt.empty());
        } finally {
            InsideVddk.run("VixDiskLib_FreeInfo", () -> calls.lib.VixDiskLib_FreeInfo(p));
        }
    }

    private static DiskGeometry geometry(io.github.vddk4j.jna.VixDiskLibGeometry g) {
        return new DiskGeometry(Integer.toUnsignedLong(g.cylinders), Integer.toUnsignedLong(g.heads),
                Integer.toUnsignedLong(g.sectors));
    }
}
