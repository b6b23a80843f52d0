package io.github.vddk4j.jna;

/**
 * The C {@code #define}s and enum values of {@code vixDiskLib.h}, names verbatim. Enum values are
 * C {@code int}s; {@code VixDiskLibHwVersion} is a {@code uint16}.
 */
public final class VixDiskLibConstants {
    private VixDiskLibConstants() {}

    /** Bytes per sector: every Read/Write offset and length is in sectors of this size. */
    public static final int VIXDISKLIB_SECTOR_SIZE = 512;

    // ---- Open flags (uint32) ----
    public static final int VIXDISKLIB_FLAG_OPEN_UNBUFFERED = 1;
    public static final int VIXDISKLIB_FLAG_OPEN_SINGLE_LINK = 2;
    public static final int VIXDISKLIB_FLAG_OPEN_READ_ONLY = 4;
    public static final int VIXDISKLIB_FLAG_OPEN_COMPRESSION_ZLIB = 16;
    public static final int VIXDISKLIB_FLAG_OPEN_COMPRESSION_FASTLZ = 32;
    public static final int VIXDISKLIB_FLAG_OPEN_COMPRESSION_SKIPZ = 64;
    public static final int VIXDISKLIB_FLAG_OPEN_COMPRESSION_MASK = 0x03f0;

    // ---- VixDiskLibAdapterType ----
    public static final int VIXDISKLIB_ADAPTER_IDE = 1;
    public static final int VIXDISKLIB_ADAPTER_SCSI_BUSLOGIC = 2;
    public static final int VIXDISKLIB_ADAPTER_SCSI_LSILOGIC = 3;
    public static final int VIXDISKLIB_ADAPTER_UNKNOWN = 256;

    // ---- VixDiskLibDiskType ----
    public static final int VIXDISKLIB_DISK_MONOLITHIC_SPARSE = 1;
    public static final int VIXDISKLIB_DISK_MONOLITHIC_FLAT = 2;
    public static final int VIXDISKLIB_DISK_SPLIT_SPARSE = 3;
    public static final int VIXDISKLIB_DISK_SPLIT_FLAT = 4;
    public static final int VIXDISKLIB_DISK_VMFS_FLAT = 5;
    public static final int VIXDISKLIB_DISK_STREAM_OPTIMIZED = 6;
    public static final int VIXDISKLIB_DISK_VMFS_THIN = 7;
    public static final int VIXDISKLIB_DISK_VMFS_SPARSE = 8;
    public static final int VIXDISKLIB_DISK_UNKNOWN = 256;

    // ---- VixDiskLibHwVersion (uint16) ----
    public static final short VIXDISKLIB_HWVERSION_WORKSTATION_4 = 3;
    public static final short VIXDISKLIB_HWVERSION_WORKSTATION_5 = 4;
    public static final short VIXDISKLIB_HWVERSION_WORKSTATION_6 = 6;
    public static final short VIXDISKLIB_HWVERSION_ESX30 = 4;
    public static final short VIXDISKLIB_HWVERSION_ESX4X = 7;
    public static final short VIXDISKLIB_HWVERSION_ESX50 = 8;
    public static final short VIXDISKLIB_HWVERSION_ESX51 = 9;
    public static final short VIXDISKLIB_HWVERSION_ESX55 = 10;
    public static final short VIXDISKLIB_HWVERSION_ESX60 = 11;
    public static final short VIXDISKLIB_HWVERSION_ESX65 = 13;

    // ---- VixDiskLibCredType ----
    public static final int VIXDISKLIB_CRED_UID = 1;
    public static final int VIXDISKLIB_CRED_SESSIONID = 2;
    public static final int VIXDISKLIB_CRED_TICKETID = 3;
    public static final int VIXDISKLIB_CRED_SSPI = 4;
    public static final int VIXDISKLIB_CRED_UNKNOWN = 256;

    // ---- VixDiskLibSpecType ----
    public static final int VIXDISKLIB_SPEC_VMX = 0;
    public static final int VIXDISKLIB_SPEC_VSTORAGE_OBJECT = 1;
    /** VDDK 8.0.1 and later. */
    public static final int VIXDISKLIB_SPEC_DATASTORE = 2;
    /** 256 from VDDK 7.0 on (it was 2 before 7.0, see {@link #VIXDISKLIB_SPEC_UNKNOWN_BEFORE_7}). */
    public static final int VIXDISKLIB_SPEC_UNKNOWN = 256;
    /** The value of {@code VIXDISKLIB_SPEC_UNKNOWN} in VDDK 6.x headers. */
    public static final int VIXDISKLIB_SPEC_UNKNOWN_BEFORE_7 = 2;

    // ---- QueryAllocatedBlocks chunk limits (sectors / chunks) ----
    public static final long VIXDISKLIB_MIN_CHUNK_SIZE = 128;
    public static final long VIXDISKLIB_MAX_CHUNK_SIZE = 128L * 1024;
    public static final long VIXDISKLIB_MAX_CHUNK_NUMBER = 512L * 1024;
}
