package io.github.vddk4j;

/**
 * {@code VixDiskLibDiskType}: how a virtual disk is laid out in files. Hosted (local) disks are
 * {@link #MONOLITHIC_SPARSE} (one growing file, what VDDK's samples create), {@link #MONOLITHIC_FLAT}
 * (a descriptor plus a preallocated {@code -flat.vmdk}), the split variants (2 GB extents) and
 * {@link #STREAM_OPTIMIZED} (compressed, for OVF export); the VMFS types live on ESXi datastores.
 */
public enum DiskType {
    /** {@code VIXDISKLIB_DISK_MONOLITHIC_SPARSE} (1): one growable file. */
    MONOLITHIC_SPARSE(1),
    /** {@code VIXDISKLIB_DISK_MONOLITHIC_FLAT} (2): a descriptor and one preallocated extent. */
    MONOLITHIC_FLAT(2),
    /** {@code VIXDISKLIB_DISK_SPLIT_SPARSE} (3): growable, in 2 GB extents. */
    SPLIT_SPARSE(3),
    /** {@code VIXDISKLIB_DISK_SPLIT_FLAT} (4): preallocated, in 2 GB extents. */
    SPLIT_FLAT(4),
    /** {@code VIXDISKLIB_DISK_VMFS_FLAT} (5): preallocated on VMFS. */
    VMFS_FLAT(5),
    /** {@code VIXDISKLIB_DISK_STREAM_OPTIMIZED} (6): compressed, sequential (OVF). */
    STREAM_OPTIMIZED(6),
    /** {@code VIXDISKLIB_DISK_VMFS_THIN} (7): thin-provisioned on VMFS. */
    VMFS_THIN(7),
    /** {@code VIXDISKLIB_DISK_VMFS_SPARSE} (8): a VMFS redo log (snapshot delta). */
    VMFS_SPARSE(8);

    private final int code;

    DiskType(int code) {
        this.code = code;
    }

    /** The C enum value. */
    public int code() {
        return code;
    }
}
