package io.github.vddk4j;

import com.sun.jna.ptr.LongByReference;
import io.github.vddk4j.jna.VixDiskLibConnection;
import io.github.vddk4j.jna.VixDiskLibCreateParams;
import io.github.vddk4j.jna.VixDiskLibFunction;
import java.util.Objects;

/**
 * Disk management on one {@link Connection} ({@link Connection#diskManager()}): create, clone,
 * grow, shrink, defragment, rename, delete, check and repair disks, create redo logs (children)
 * and attach them. Long operations take a {@link ProgressListener}; returning false from it
 * cancels the operation ({@code VIX_E_CANCELLED}).
 *
 * <p>Operations that open disk files inside VDDK (Create, CreateChild, Clone, Grow, Rename, Unlink,
 * CheckRepair, Attach) run under the process-wide lock that serializes Open and Close, as VMware
 * requires; Shrink, Defragment and SpaceNeededForClone work on an open handle and take only its
 * lock. Every method checks its arguments in Java before any native call, and throws
 * {@link VddkUnsupportedException} (naming the release that has it) when the loaded VDDK lacks
 * its function.
 */
public final class DiskManager {
    private final Connection connection;
    private final NativeCalls calls;

    DiskManager(Connection connection, NativeCalls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    /** {@link #create(String, CreateSpec, ProgressListener)} without progress. */
    public void create(String path, CreateSpec spec) {
        create(path, spec, ProgressListener.NONE);
    }

    /**
     * {@code VixDiskLib_Create}: creates a new disk at {@code path} (local connections only; VDDK
     * creates files readable by the owner only).
     *
     * @throws VddkCallException if Create fails, e.g. {@code VIX_E_FILE_ALREADY_EXISTS} (12) when
     *         {@code path} exists, or {@code VIX_E_CANCELLED} (10) when the listener cancelled
     * @throws IllegalArgumentException for a blank path, or 4096-byte sectors before VDDK 7
     * @throws IllegalStateException if the connection is closed
     */
    public void create(String path, CreateSpec spec, ProgressListener listener) {
        Connection.requirePath(path, "path");
        VixDiskLibCreateParams params = nativeSpec(spec);
        calls.require(VixDiskLibFunction.VixDiskLib_Create);
        ProgressCallback progress = new ProgressCallback(listener, "VixDiskLib_Create " + path);
        connection.guard().run(() -> LifecycleLock.run(() -> progress.check(calls, "VixDiskLib_Create", path,
                cb -> calls.lib.VixDiskLib_Create(raw(), path, params, cb, null))));
    }

    /** {@link #createChild(DiskHandle, String, DiskType, ProgressListener)} without progress. */
    public void createChild(DiskHandle parent, String childPath, DiskType type) {
        createChild(parent, childPath, type, ProgressListener.NONE);
    }

    /**
     * {@code VixDiskLib_CreateChild}: creates a redo log (child disk) of the open {@code parent}
     * at {@code childPath}; reads of the child fall through to the parent where the child has no
     * data. The parent stays open and usable.
     *
     * @param type the child's disk type (usually {@link DiskType#MONOLITHIC_SPARSE})
     * @throws VddkCallException if CreateChild fails (e.g. the child path exists)
     * @throws IllegalArgumentException for a blank path
     * @throws IllegalStateException if the parent or this connection is closed
     */
    public void createChild(DiskHandle parent, String childPath, DiskType type, ProgressListener listener) {
        Objects.requireNonNull(parent, "parent");
        Connection.requirePath(childPath, "childPath");
        calls.require(VixDiskLibFunction.VixDiskLib_CreateChild);
        Objects.requireNonNull(type, "type");
        ProgressCallback progress = new ProgressCallback(listener, "VixDiskLib_CreateChild " + childPath);
        parent.guard().run(() -> LifecycleLock.run(() -> progress.check(calls, "VixDiskLib_CreateChild",
                parent.path() + " -> " + childPath,
                cb -> calls.lib.VixDiskLib_CreateChild(parent.rawHandle(), childPath, type.code(), cb, null))));
    }

    /** {@link #clone(Connection, String, String, CreateSpec, boolean, ProgressListener)} without progress. */
    public void clone(Connection source, String sourcePath, String targetPath, CreateSpec targetSpec, boolean overwrite) {
        clone(source, sourcePath, targetPath, targetSpec, overwrite, ProgressListener.NONE);
    }

    /**
     * {@code VixDiskLib_Clone}: copies the disk {@code sourcePath} of the {@code source}
     * connection to {@code targetPath} on this connection, as a disk of {@code targetSpec}'s type,
     * adapter and hardware version. Source and target may be the same connection.
     *
     * @param overwrite whether an existing target is replaced; without it an existing target fails
     *                  with {@code VIX_E_FILE_ALREADY_EXISTS}
     * @throws VddkCallException if Clone fails or is cancelled
     * @throws IllegalArgumentException for blank paths
     * @throws IllegalStateException if either connection is closed
     */
    public void clone(Connection source, String sourcePath, String targetPath, CreateSpec targetSpec,
                      boolean overwrite, ProgressListener listener) {
        Objects.requireNonNull(source, "source");
        Connection.requirePath(sourcePath, "sourcePath");
        calls.require(VixDiskLibFunction.VixDiskLib_Clone);
        Connection.requirePath(targetPath, "targetPath");
        VixDiskLibCreateParams params = nativeSpec(targetSpec);
        ProgressCallback progress = new ProgressCallback(listener, "VixDiskLib_Clone " + sourcePath);
        ResourceGuard.useBoth(connection.guard(), source.guard(), () -> {
            LifecycleLock.run(() -> progress.check(calls, "VixDiskLib_Clone", sourcePath + " -> " + targetPath,
                    cb -> calls.lib.VixDiskLib_Clone(raw(), targetPath, source.rawConnection(), sourcePath, params,
                            cb, null, (byte) (overwrite ? 1 : 0))));
            return null;
        });
    }

    /** {@link #grow(String, long, boolean, ProgressListener)} without progress. */
    public void grow(String path, long newCapacitySectors, boolean updateGeometry) {
        grow(path, newCapacitySectors, updateGeometry, ProgressListener.NONE);
    }

    /**
     * {@code VixDiskLib_Grow}: enlarges the (closed) disk at {@code path} to
     * {@code newCapacitySectors}.
     *
     * @param updateGeometry whether VDDK also updates the disk's BIOS geometry
     * @throws VddkCallException if Grow fails, e.g. a capacity smaller than the current one (the same one
     *         changes nothing), a disk that is open, or a cancel
     * @throws IllegalArgumentException for a blank path or a capacity that is not positive
     * @throws IllegalStateException if the connection is closed
     */
    public void grow(String path, long newCapacitySectors, boolean updateGeometry, ProgressListener listener) {
        Connection.requirePath(path, "path");
        if (newCapacitySectors <= 0) {
            throw new IllegalArgumentException("newCapacitySectors must be positive, was " + newCapacitySectors);
        }
        calls.require(VixDiskLibFunction.VixDiskLib_Grow);
        ProgressCallback progress = new ProgressCallback(listener, "VixDiskLib_Grow " + path);
        connection.guard().run(() -> LifecycleLock.run(() -> progress.check(calls, "VixDiskLib_Grow", path,
                cb -> calls.lib.VixDiskLib_Grow(raw(), path, newCapacitySectors, (byte) (updateGeometry ? 1 : 0), cb,
                        null))));
    }

    /** {@link #shrink(DiskHandle, ProgressListener)} without progress. */
    public void shrink(DiskHandle disk) {
        shrink(disk, ProgressListener.NONE);
    }

    /**
     * {@code VixDiskLib_Shrink}: gives back the space of unused grains of a sparse disk opened
     * read-write.
     *
     * @throws VddkCallException if Shrink fails (e.g. on a child disk; a flat disk has nothing to give back and
     *         succeeds) or is cancelled
     * @throws IllegalStateException if {@code disk} is read-only or closed
     */
    public void shrink(DiskHandle disk, ProgressListener listener) {
        onOpenDisk(disk, "VixDiskLib_Shrink", listener);
    }

    /** {@link #defragment(DiskHandle, ProgressListener)} without progress. */
    public void defragment(DiskHandle disk) {
        defragment(disk, ProgressListener.NONE);
    }

    /**
     * {@code VixDiskLib_Defragment}: defragments a sparse disk opened read-write.
     *
     * @throws VddkCallException if Defragment fails or is cancelled
     * @throws IllegalStateException if {@code disk} is read-only or closed
     */
    public void defragment(DiskHandle disk, ProgressListener listener) {
        onOpenDisk(disk, "VixDiskLib_Defragment", listener);
    }

    private void onOpenDisk(DiskHandle disk, String function, ProgressListener listener) {
        Objects.requireNonNull(disk, "disk");
        calls.require(VixDiskLibFunction.valueOf(function));
        if (disk.isReadOnly()) {
            throw new IllegalStateException(function + " changes the disk, but '" + disk.path()
                    + "' was opened read-only; open it read-write on a read-write connection");
        }
        ProgressCallback progress = new ProgressCallback(listener, function + " " + disk.path());
        disk.guard().run(() -> progress.check(calls, function, disk.path(), cb -> function.equals("VixDiskLib_Shrink")
                ? calls.lib.VixDiskLib_Shrink(disk.rawHandle(), cb, null)
                : calls.lib.VixDiskLib_Defragment(disk.rawHandle(), cb, null)));
    }

    /**
     * {@code VixDiskLib_Rename}: renames a (closed) disk and all its files. VDDK's Rename takes no
     * connection: the paths are local.
     *
     * @throws VddkCallException if Rename fails (e.g. the source does not exist, the target exists)
     * @throws IllegalArgumentException for blank paths
     * @throws IllegalStateException if the connection is closed
     */
    public void rename(String fromPath, String toPath) {
        Connection.requirePath(fromPath, "fromPath");
        Connection.requirePath(toPath, "toPath");
        calls.require(VixDiskLibFunction.VixDiskLib_Rename);
        connection.guard().run(() -> LifecycleLock.run(() -> calls.check("VixDiskLib_Rename",
                fromPath + " -> " + toPath, () -> calls.lib.VixDiskLib_Rename(fromPath, toPath))));
    }

    /**
     * {@code VixDiskLib_Unlink}: deletes a (closed) disk and all its files.
     *
     * @throws VddkCallException if Unlink fails (e.g. the disk does not exist or is open)
     * @throws IllegalArgumentException for a blank path
     * @throws IllegalStateException if the connection is closed
     */
    public void delete(String path) {
        Connection.requirePath(path, "path");
        calls.require(VixDiskLibFunction.VixDiskLib_Unlink);
        connection.guard().run(() -> LifecycleLock.run(() -> calls.check("VixDiskLib_Unlink", path,
                () -> calls.lib.VixDiskLib_Unlink(raw(), path))));
    }

    /**
     * {@code VixDiskLib_SpaceNeededForClone}: how many bytes a clone of {@code source} as a disk
     * of {@code targetType} would need.
     *
     * @throws VddkCallException if VDDK cannot tell
     * @throws IllegalStateException if {@code source} is closed
     */
    public long spaceNeededForClone(DiskHandle source, DiskType targetType) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(targetType, "targetType");
        calls.require(VixDiskLibFunction.VixDiskLib_SpaceNeededForClone);
        LongByReference needed = new LongByReference();
        source.guard().run(() -> calls.check("VixDiskLib_SpaceNeededForClone", source.path(),
                () -> calls.lib.VixDiskLib_SpaceNeededForClone(source.rawHandle(), targetType.code(), needed)));
        return needed.getValue();
    }

    /**
     * {@code VixDiskLib_CheckRepair}: checks the (closed) disk at {@code path} for metadata
     * errors and, with {@code repair}, repairs what it can.
     *
     * @throws VddkCallException if the disk has errors (check only) or they could not be repaired
     * @throws IllegalArgumentException for a blank path
     * @throws IllegalStateException if the connection is closed
     */
    public void checkRepair(String path, boolean repair) {
        Connection.requirePath(path, "path");
        calls.require(VixDiskLibFunction.VixDiskLib_CheckRepair);
        connection.guard().run(() -> LifecycleLock.run(() -> calls.check("VixDiskLib_CheckRepair", path,
                () -> calls.lib.VixDiskLib_CheckRepair(raw(), path, (byte) (repair ? 1 : 0)))));
    }

    /**
     * {@code VixDiskLib_IsAttachPossible}: whether {@link #attach} of {@code child} to
     * {@code parent} would work (VIX_OK), without changing anything.
     *
     * @return true if VDDK says so; false for any VIX error (the reason is in
     *         {@link #checkAttachPossible})
     * @throws IllegalStateException if either handle is closed
     */
    public boolean isAttachPossible(DiskHandle parent, DiskHandle child) {
        try {
            checkAttachPossible(parent, child);
            return true;
        } catch (VddkCallException e) {
            return false;
        }
    }

    /**
     * {@code VixDiskLib_IsAttachPossible}, failing with VDDK's reason.
     *
     * @throws VddkCallException with VDDK's reason why the attach is not possible
     * @throws IllegalArgumentException if parent and child are the same handle
     * @throws IllegalStateException if either handle is closed
     */
    public void checkAttachPossible(DiskHandle parent, DiskHandle child) {
        checkPair(parent, child);
        calls.require(VixDiskLibFunction.VixDiskLib_IsAttachPossible);
        ResourceGuard.useBoth(parent.guard(), child.guard(), () -> {
            calls.check("VixDiskLib_IsAttachPossible", parent.path() + " <- " + child.path(),
                    () -> calls.lib.VixDiskLib_IsAttachPossible(parent.rawHandle(), child.rawHandle()));
            return null;
        });
    }

    /**
     * {@code VixDiskLib_Attach}: attaches the {@code child} disk chain to {@code parent}. VDDK
     * invalidates the parent's handle: on success {@code parent} counts as closed (without a
     * VixDiskLib_Close, which would touch the freed handle) and {@code child} represents the
     * combined chain.
     *
     * @throws VddkCallException if Attach fails (both handles stay open)
     * @throws IllegalArgumentException if parent and child are the same handle
     * @throws IllegalStateException if either handle is closed
     */
    public void attach(DiskHandle parent, DiskHandle child) {
        checkPair(parent, child);
        calls.require(VixDiskLibFunction.VixDiskLib_Attach);
        ResourceGuard.useBoth(parent.guard(), child.guard(), () -> {
            LifecycleLock.run(() -> calls.check("VixDiskLib_Attach", parent.path() + " <- " + child.path(),
                    () -> calls.lib.VixDiskLib_Attach(parent.rawHandle(), child.rawHandle())));
            return null;
        });
        parent.invalidatedByAttach();
    }

    private static void checkPair(DiskHandle parent, DiskHandle child) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(child, "child");
        if (parent == child) {
            throw new IllegalArgumentException("parent and child must be two different handles");
        }
    }

    private VixDiskLibConnection raw() {
        return connection.rawConnection();
    }

    /** The native {@code VixDiskLibCreateParams} of a spec, after the checks that depend on the loaded VDDK. */
    private VixDiskLibCreateParams nativeSpec(CreateSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (calls.vddkMajor < 7 && (spec.logicalSectorSize() != 512 || spec.physicalSectorSize() != 512)) {
            throw new IllegalArgumentException("4096-byte sectors need VDDK 7 or later; the loaded VDDK is "
                    + calls.vddkMajor + ": use sectorSizes(512, 512)");
        }
        VixDiskLibCreateParams p = new VixDiskLibCreateParams();
        p.diskType = spec.diskType().code();
        p.adapterType = spec.adapter().code();
        p.hwVersion = (short) spec.hardwareVersion().code();
        p.capacity = spec.capacitySectors();
        p.logicalSectorSize = spec.logicalSectorSize();
        p.physicalSectorSize = spec.physicalSectorSize();
        p.write();
        return p;
    }
}
