package io.github.vddk4j;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.jna.VixDiskLibConnection;
import io.github.vddk4j.jna.VixDiskLibHandle;
import io.github.vddk4j.jna.VixDiskLibInfo;
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
    private final Set<DiskHandle> handles = ConcurrentHashMap.newKeySet();

    Connection(DiskLib owner, NativeCalls calls, VixDiskLibConnection connection, ConnectParams params) {
        this.owner = owner;
        this.calls = calls;
        this.connection = connection;
        this.params = params;
        this.guard = new ResourceGuard("Connection (" + DiskLib.describe(params) + ")");
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
        if (path == null || path.isBlank() || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("disk path must not be null, blank or contain NUL, was '" + path + "'");
        }
        Set<OpenOption> opts = EnumSet.noneOf(OpenOption.class);
        for (OpenOption o : Objects.requireNonNull(options, "options")) {
            opts.add(Objects.requireNonNull(o, "options must not contain null"));
        }
        int flags = OpenOption.toFlags(opts);
        boolean readOnly = opts.contains(OpenOption.READ_ONLY) || params.isReadOnly();
        return guard.use(() -> LifecycleLock.call(() -> {
            PointerByReference out = new PointerByReference();
            calls.check("VixDiskLib_Open", path, () -> calls.lib.VixDiskLib_Open(connection, path, flags, out));
            if (out.getValue() == null) {
                throw new IllegalStateException("VixDiskLib_Open returned VIX_OK without a handle for '" + path + "'");
            }
            VixDiskLibHandle handle = new VixDiskLibHandle(out.getValue());
            try {
                Pointer mode = calls.lib.VixDiskLib_GetTransportMode(handle);
                String transport = mode == null ? "" : mode.getString(0, "UTF-8");
                DiskInfo info = readInfo(calls, handle, path);
                DiskHandle d = new DiskHandle(this, calls, handle, path, readOnly, transport, info.capacitySectors());
                handles.add(d);
                return d;
            } catch (RuntimeException | Error e) {
                try {
                    calls.check("VixDiskLib_Close", path, () -> calls.lib.VixDiskLib_Close(handle));
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        }));
    }

    /**
     * Closes every disk still open on this connection, then calls {@code VixDiskLib_Disconnect}.
     * Idempotent; waits for an open in flight.
     *
     * @throws VddkCallException if a Close or the Disconnect failed (all are still attempted)
     */
    @Override
    public void close() {
        guard.close(() -> {
            List<RuntimeException> failures = new ArrayList<>();
            for (DiskHandle h : List.copyOf(handles)) {
                try {
                    h.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            try {
                LifecycleLock.run(() -> calls.check("VixDiskLib_Disconnect", DiskLib.describe(params),
                        () -> calls.lib.VixDiskLib_Disconnect(connection)));
            } catch (RuntimeException e) {
                failures.add(e);
            } finally {
                owner.forget(this);
            }
            DiskLib.throwFirst(failures);
        });
    }

    @Override
    public String toString() {
        return guard.description() + (guard.isClosed() ? " (closed)" : "");
    }

    /** For tests: the raw connection. */
    VixDiskLibConnection rawConnection() {
        return connection;
    }

    void forget(DiskHandle handle) {
        handles.remove(handle);
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
            calls.lib.VixDiskLib_FreeInfo(p);
        }
    }

    private static DiskGeometry geometry(io.github.vddk4j.jna.VixDiskLibGeometry g) {
        return new DiskGeometry(Integer.toUnsignedLong(g.cylinders), Integer.toUnsignedLong(g.heads),
                Integer.toUnsignedLong(g.sectors));
    }
}
