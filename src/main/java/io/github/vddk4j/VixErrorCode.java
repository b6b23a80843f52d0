package io.github.vddk4j;

import java.util.HashMap;
import java.util.Map;

/**
 * Every VIX error code (the low 16 bits of a {@code VixError}) that VDDK 9.0's {@code vixDiskLib.h}
 * declares, plus 20006 (what VDDK 9.0 returns for a locked disk), each with its C name, a
 * {@link VixErrorCategory} a backup product can act on, and whether retrying the same call later can
 * help ({@link #retryable()}: network trouble, a lock held by someone else, exhausted resources).
 * The javadoc of each constant is the exact text {@code VixDiskLib_GetErrorText} returns for it.
 *
 * <p>The one source is {@code native-stubs/api/errors.tsv}; {@code VixErrorCodeTableTest} fails when
 * this enum and that file disagree. Codes not listed map to {@link #UNKNOWN}; the exception always
 * keeps the number and VDDK's own text.
 */
public enum VixErrorCode {
    /** 0: The operation was successful */
    VIX_OK(0, VixErrorCategory.SUCCESS, false),
    /** 1: Unknown error */
    VIX_E_FAIL(1, VixErrorCategory.INTERNAL, false),
    /** 2: Memory allocation failed. Out of memory. */
    VIX_E_OUT_OF_MEMORY(2, VixErrorCategory.RESOURCES, true),
    /** 3: One of the parameters was invalid */
    VIX_E_INVALID_ARG(3, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 4: A file was not found */
    VIX_E_FILE_NOT_FOUND(4, VixErrorCategory.NOT_FOUND, false),
    /** 5: This function cannot be performed because the handle is executing another function */
    VIX_E_OBJECT_IS_BUSY(5, VixErrorCategory.LOCKED, true),
    /** 6: The operation is not supported */
    VIX_E_NOT_SUPPORTED(6, VixErrorCategory.UNSUPPORTED, false),
    /** 7: A file access error occurred on the host or guest operating system */
    VIX_E_FILE_ERROR(7, VixErrorCategory.INTERNAL, false),
    /** 8: An error occurred while writing a file; the disk is full. Data has not been saved. Free some disk space and try again */
    VIX_E_DISK_FULL(8, VixErrorCategory.DISK_FULL, false),
    /** 9: An error occurred while accessing a file: wrong file type */
    VIX_E_INCORRECT_FILE_TYPE(9, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 10: The operation was canceled */
    VIX_E_CANCELLED(10, VixErrorCategory.CANCELLED, false),
    /** 11: The file is write-protected */
    VIX_E_FILE_READ_ONLY(11, VixErrorCategory.PERMISSION, false),
    /** 12: The file already exists */
    VIX_E_FILE_ALREADY_EXISTS(12, VixErrorCategory.ALREADY_EXISTS, false),
    /** 13: You do not have access rights to this file */
    VIX_E_FILE_ACCESS_ERROR(13, VixErrorCategory.PERMISSION, false),
    /** 14: The file system does not support large files */
    VIX_E_REQUIRES_LARGE_FILES(14, VixErrorCategory.UNSUPPORTED, false),
    /** 15: The file is already in use */
    VIX_E_FILE_ALREADY_LOCKED(15, VixErrorCategory.LOCKED, true),
    /** 16: The system returned an error. Communication with the virtual machine might have been interrupted. */
    VIX_E_VMDB(16, VixErrorCategory.INTERNAL, false),
    /** 20: The command is not supported on remote objects */
    VIX_E_NOT_SUPPORTED_ON_REMOTE_OBJECT(20, VixErrorCategory.UNSUPPORTED, false),
    /** 21: The file is too large for the file system */
    VIX_E_FILE_TOO_BIG(21, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 22: The file name is not valid */
    VIX_E_FILE_NAME_INVALID(22, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 23: Already exists */
    VIX_E_ALREADY_EXISTS(23, VixErrorCategory.ALREADY_EXISTS, false),
    /** 24: Buffer is too small */
    VIX_E_BUFFER_TOOSMALL(24, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 25: The request refers to an object that does not exist */
    VIX_E_OBJECT_NOT_FOUND(25, VixErrorCategory.NOT_FOUND, false),
    /** 26: Unable to connect to the host */
    VIX_E_HOST_NOT_CONNECTED(26, VixErrorCategory.NETWORK, true),
    /** 27: The string parameter has incorrect encoding */
    VIX_E_INVALID_UTF8_STRING(27, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 31: The operation is already in progress */
    VIX_E_OPERATION_ALREADY_IN_PROGRESS(31, VixErrorCategory.LOCKED, true),
    /** 29: The job has not finished */
    VIX_E_UNFINISHED_JOB(29, VixErrorCategory.INTERNAL, false),
    /** 30: A decryption key is required to perform the operation */
    VIX_E_NEED_KEY(30, VixErrorCategory.AUTHENTICATION, false),
    /** 32: This operation is not supported with the current license */
    VIX_E_LICENSE(32, VixErrorCategory.PERMISSION, false),
    /** 34: Unable to communicate with the virtual machine's host because it is disconnected */
    VIX_E_VM_HOST_DISCONNECTED(34, VixErrorCategory.NETWORK, true),
    /** 35: Authentication for encrypted virtual machine failed */
    VIX_E_AUTHENTICATION_FAIL(35, VixErrorCategory.AUTHENTICATION, false),
    /** 36: The connection to the host was lost */
    VIX_E_HOST_CONNECTION_LOST(36, VixErrorCategory.NETWORK, true),
    /** 41: Another object is using this name */
    VIX_E_DUPLICATE_NAME(41, VixErrorCategory.ALREADY_EXISTS, false),
    /** 44: One of the specified arguments is too large */
    VIX_E_ARGUMENT_TOO_BIG(44, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 1000: The handle is not a valid VIX object */
    VIX_E_INVALID_HANDLE(1000, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 1001: The operation is not supported on this type of handle */
    VIX_E_NOT_SUPPORTED_ON_HANDLE_TYPE(1001, VixErrorCategory.UNSUPPORTED, false),
    /** 1002: Too many handles are open */
    VIX_E_TOO_MANY_HANDLES(1002, VixErrorCategory.RESOURCES, true),
    /** 2000: Invalid file. A required section of the file is missing */
    VIX_E_NOT_FOUND(2000, VixErrorCategory.NOT_FOUND, false),
    /** 2001: Invalid file. An object has the wrong type. */
    VIX_E_TYPE_MISMATCH(2001, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 2002: Invalid file. The contents might be corrupt. */
    VIX_E_INVALID_XML(2002, VixErrorCategory.CORRUPT, false),
    /** 3000: A timeout error occurred while waiting for VMware Tools to start in the guest OS */
    VIX_E_TIMEOUT_WAITING_FOR_TOOLS(3000, VixErrorCategory.NETWORK, true),
    /** 3001: The command is not recognized by the virtual machine */
    VIX_E_UNRECOGNIZED_COMMAND(3001, VixErrorCategory.UNSUPPORTED, false),
    /** 3003: The requested operation is not supported on this guest operating system */
    VIX_E_OP_NOT_SUPPORTED_ON_GUEST(3003, VixErrorCategory.UNSUPPORTED, false),
    /** 3004: A program could not run on the guest operating system */
    VIX_E_PROGRAM_NOT_STARTED(3004, VixErrorCategory.INTERNAL, false),
    /** 3005: Cannot power on a read-only virtual machine */
    VIX_E_CANNOT_START_READ_ONLY_VM(3005, VixErrorCategory.PERMISSION, false),
    /** 3006: The virtual machine needs to be powered on */
    VIX_E_VM_NOT_RUNNING(3006, VixErrorCategory.INTERNAL, false),
    /** 3007: The virtual machine should not be powered on. It is already running. */
    VIX_E_VM_IS_RUNNING(3007, VixErrorCategory.INTERNAL, false),
    /** 3008: Cannot connect to the virtual machine */
    VIX_E_CANNOT_CONNECT_TO_VM(3008, VixErrorCategory.NETWORK, true),
    /** 3009: Cannot execute scripts */
    VIX_E_POWEROP_SCRIPTS_NOT_AVAILABLE(3009, VixErrorCategory.INTERNAL, false),
    /** 3010: There is no operating system installed in the virtual machine */
    VIX_E_NO_GUEST_OS_INSTALLED(3010, VixErrorCategory.NOT_FOUND, false),
    /** 3011: Not enough physical memory is available to power on this virtual machine */
    VIX_E_VM_INSUFFICIENT_HOST_MEMORY(3011, VixErrorCategory.RESOURCES, true),
    /** 3012: An error occurred while suspending the virtual machine */
    VIX_E_SUSPEND_ERROR(3012, VixErrorCategory.INTERNAL, false),
    /** 3013: This virtual machine is configured to run with 2 CPUs, but the host has only 1 CPU.                                                     The virtual machine cannot be powered on. */
    VIX_E_VM_NOT_ENOUGH_CPUS(3013, VixErrorCategory.RESOURCES, true),
    /** 3014: Insufficient permissions in the host operating system */
    VIX_E_HOST_USER_PERMISSIONS(3014, VixErrorCategory.PERMISSION, false),
    /** 3015: Authentication failure or insufficient permissions in guest operating system */
    VIX_E_GUEST_USER_PERMISSIONS(3015, VixErrorCategory.PERMISSION, false),
    /** 3016: VMware Tools are not running in the guest */
    VIX_E_TOOLS_NOT_RUNNING(3016, VixErrorCategory.INTERNAL, false),
    /** 3017: Guest operations are not allowed on this virtual machine */
    VIX_E_GUEST_OPERATIONS_PROHIBITED(3017, VixErrorCategory.PERMISSION, false),
    /** 3018: Anonymous guest operations are not allowed on this virtual machine. You must call VixVM_LoginInGuest before performing guest operations */
    VIX_E_ANON_GUEST_OPERATIONS_PROHIBITED(3018, VixErrorCategory.PERMISSION, false),
    /** 3019: Guest operations are not allowed for the administrative user on this virtual machine */
    VIX_E_ROOT_GUEST_OPERATIONS_PROHIBITED(3019, VixErrorCategory.PERMISSION, false),
    /** 3023: The virtual machine configuration must specify the guest account name to be used for anonymous guest operations */
    VIX_E_MISSING_ANON_GUEST_ACCOUNT(3023, VixErrorCategory.INTERNAL, false),
    /** 3024: The virtual machine cannot authenticate users with guest */
    VIX_E_CANNOT_AUTHENTICATE_WITH_GUEST(3024, VixErrorCategory.AUTHENTICATION, false),
    /** 3025: The command is not recognized by VMware Tools */
    VIX_E_UNRECOGNIZED_COMMAND_IN_GUEST(3025, VixErrorCategory.UNSUPPORTED, false),
    /** 3026: Guest operations are not allowed for console users on this virtual machine */
    VIX_E_CONSOLE_GUEST_OPERATIONS_PROHIBITED(3026, VixErrorCategory.PERMISSION, false),
    /** 3027: Only the console user can run the command */
    VIX_E_MUST_BE_CONSOLE_USER(3027, VixErrorCategory.PERMISSION, false),
    /** 3028: The virtual machine is blocked waiting for a user operation */
    VIX_E_VMX_MSG_DIALOG_AND_NO_UI(3028, VixErrorCategory.INTERNAL, false),
    /** 3031: The command is not allowed by this login type */
    VIX_E_OPERATION_NOT_ALLOWED_FOR_LOGIN_TYPE(3031, VixErrorCategory.AUTHENTICATION, false),
    /** 3032: This login type is not supported */
    VIX_E_LOGIN_TYPE_NOT_SUPPORTED(3032, VixErrorCategory.AUTHENTICATION, false),
    /** 3033: The guest OS does not support empty passwords */
    VIX_E_EMPTY_PASSWORD_NOT_ALLOWED_IN_GUEST(3033, VixErrorCategory.AUTHENTICATION, false),
    /** 3034: The specified guest user must be logged in interactively to perform this operation */
    VIX_E_INTERACTIVE_SESSION_NOT_PRESENT(3034, VixErrorCategory.INTERNAL, false),
    /** 3035: The specified guest user does not match the user currently logged in interactively */
    VIX_E_INTERACTIVE_SESSION_USER_MISMATCH(3035, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 3041: The virtual machine could not start */
    VIX_E_CANNOT_POWER_ON_VM(3041, VixErrorCategory.INTERNAL, false),
    /** 3043: Cannot launch the UI because no display server is present in the current environment */
    VIX_E_NO_DISPLAY_SERVER(3043, VixErrorCategory.NOT_FOUND, false),
    /** 3046: The supported number of active authentication sessions has been exceeded */
    VIX_E_TOO_MANY_LOGONS(3046, VixErrorCategory.AUTHENTICATION, false),
    /** 3047: The authentication session provided does not exist */
    VIX_E_INVALID_AUTHENTICATION_SESSION(3047, VixErrorCategory.AUTHENTICATION, false),
    /** 4000: The virtual machine cannot be found */
    VIX_E_VM_NOT_FOUND(4000, VixErrorCategory.NOT_FOUND, false),
    /** 4001: The operation is not supported for this virtual machine version */
    VIX_E_NOT_SUPPORTED_FOR_VM_VERSION(4001, VixErrorCategory.UNSUPPORTED, false),
    /** 4002: Cannot read the virtual machine configuration file */
    VIX_E_CANNOT_READ_VM_CONFIG(4002, VixErrorCategory.CORRUPT, false),
    /** 4003: Cannot perform this operation on a template virtual machine */
    VIX_E_TEMPLATE_VM(4003, VixErrorCategory.UNSUPPORTED, false),
    /** 4004: The virtual machine has already been loaded */
    VIX_E_VM_ALREADY_LOADED(4004, VixErrorCategory.ALREADY_EXISTS, false),
    /** 4006: The virtual machine is already up-to-date */
    VIX_E_VM_ALREADY_UP_TO_DATE(4006, VixErrorCategory.ALREADY_EXISTS, false),
    /** 4011: The specified guest operating system is not supported on the host that is the target of the operation */
    VIX_E_VM_UNSUPPORTED_GUEST(4011, VixErrorCategory.UNSUPPORTED, false),
    /** 6000: Unrecognized handle property identifier */
    VIX_E_UNRECOGNIZED_PROPERTY(6000, VixErrorCategory.UNSUPPORTED, false),
    /** 6001: Invalid property value */
    VIX_E_INVALID_PROPERTY_VALUE(6001, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 6002: Cannot change a read-only property */
    VIX_E_READ_ONLY_PROPERTY(6002, VixErrorCategory.PERMISSION, false),
    /** 6003: This handle is missing a required property */
    VIX_E_MISSING_REQUIRED_PROPERTY(6003, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 6004: A serialized object is invalid and cannot be deserialized */
    VIX_E_INVALID_SERIALIZED_DATA(6004, VixErrorCategory.CORRUPT, false),
    /** 6005: The data provided does not match the property type */
    VIX_E_PROPERTY_TYPE_MISMATCH(6005, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 8000: The index parameter does not correspond to a result set */
    VIX_E_BAD_VM_INDEX(8000, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 10000: A message header was corrupted or has the incorrect version */
    VIX_E_INVALID_MESSAGE_HEADER(10000, VixErrorCategory.CORRUPT, false),
    /** 10001: A message body was corrupted or is missing */
    VIX_E_INVALID_MESSAGE_BODY(10001, VixErrorCategory.CORRUPT, false),
    /** 13000: A snapshot-related error has occurred */
    VIX_E_SNAPSHOT_INVAL(13000, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 13001: Unable to open the snapshot file */
    VIX_E_SNAPSHOT_DUMPER(13001, VixErrorCategory.INTERNAL, false),
    /** 13002: Disk error */
    VIX_E_SNAPSHOT_DISKLIB(13002, VixErrorCategory.INTERNAL, false),
    /** 13003: The snapshot does not exist */
    VIX_E_SNAPSHOT_NOTFOUND(13003, VixErrorCategory.NOT_FOUND, false),
    /** 13004: The snapshot already exists */
    VIX_E_SNAPSHOT_EXISTS(13004, VixErrorCategory.ALREADY_EXISTS, false),
    /** 13005: Snapshots are not allowed on this virtual machine */
    VIX_E_SNAPSHOT_VERSION(13005, VixErrorCategory.INTERNAL, false),
    /** 13006: Insufficient permissions */
    VIX_E_SNAPSHOT_NOPERM(13006, VixErrorCategory.PERMISSION, false),
    /** 13007: There is an error in the configuration file */
    VIX_E_SNAPSHOT_CONFIG(13007, VixErrorCategory.INTERNAL, false),
    /** 13008: The state of the virtual machine has not changed since the last snapshot operation */
    VIX_E_SNAPSHOT_NOCHANGE(13008, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 13009: Unable to save the snapshot file */
    VIX_E_SNAPSHOT_CHECKPOINT(13009, VixErrorCategory.INTERNAL, false),
    /** 13010: A snapshot operation is already in progress */
    VIX_E_SNAPSHOT_LOCKED(13010, VixErrorCategory.LOCKED, true),
    /** 13011: The snapshot files are in an inconsistent state */
    VIX_E_SNAPSHOT_INCONSISTENT(13011, VixErrorCategory.CORRUPT, false),
    /** 13012: The filename is too long */
    VIX_E_SNAPSHOT_NAMETOOLONG(13012, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 13013: Cannot snapshot all metadata files */
    VIX_E_SNAPSHOT_VIXFILE(13013, VixErrorCategory.INTERNAL, false),
    /** 13014: One or more of the disks are busy */
    VIX_E_SNAPSHOT_DISKLOCKED(13014, VixErrorCategory.LOCKED, true),
    /** 13015: The virtual disk is used multiple times */
    VIX_E_SNAPSHOT_DUPLICATEDDISK(13015, VixErrorCategory.ALREADY_EXISTS, false),
    /** 13016: Cannot take snapshots of powered on virtual machines with independent disks */
    VIX_E_SNAPSHOT_INDEPENDENTDISK(13016, VixErrorCategory.INTERNAL, false),
    /** 13017: The name does not uniquely identify one snapshot */
    VIX_E_SNAPSHOT_NONUNIQUE_NAME(13017, VixErrorCategory.ALREADY_EXISTS, false),
    /** 13018: Failed to take a memory snapshot because the virtual machine is configured with independent disks */
    VIX_E_SNAPSHOT_MEMORY_ON_INDEPENDENT_DISK(13018, VixErrorCategory.INTERNAL, false),
    /** 13019: Exceeded the maximum number of permitted snapshots */
    VIX_E_SNAPSHOT_MAXSNAPSHOTS(13019, VixErrorCategory.RESOURCES, true),
    /** 13020: Available free space is less than the configured minimum free space */
    VIX_E_SNAPSHOT_MIN_FREE_SPACE(13020, VixErrorCategory.DISK_FULL, false),
    /** 13021: Snapshot hierarchy is too deep */
    VIX_E_SNAPSHOT_HIERARCHY_TOODEEP(13021, VixErrorCategory.RESOURCES, true),
    /** 13024: Cannot revert. The snapshot is marked non-revertable. */
    VIX_E_SNAPSHOT_NOT_REVERTABLE(13024, VixErrorCategory.INTERNAL, false),
    /** 14003: The specified device is not a valid physical disk device */
    VIX_E_HOST_DISK_INVALID_VALUE(14003, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 14004: The disk sector size check failed */
    VIX_E_HOST_DISK_SECTORSIZE(14004, VixErrorCategory.INTERNAL, false),
    /** 14005: Read beyond the end of file */
    VIX_E_HOST_FILE_ERROR_EOF(14005, VixErrorCategory.CORRUPT, false),
    /** 14006: Error in protocol */
    VIX_E_HOST_NETBLKDEV_HANDSHAKE(14006, VixErrorCategory.NETWORK, true),
    /** 14007: Unable to create a socket */
    VIX_E_HOST_SOCKET_CREATION_ERROR(14007, VixErrorCategory.NETWORK, true),
    /** 14008: The specified server could not be contacted */
    VIX_E_HOST_SERVER_NOT_FOUND(14008, VixErrorCategory.NETWORK, true),
    /** 14009: The server refused connection */
    VIX_E_HOST_NETWORK_CONN_REFUSED(14009, VixErrorCategory.NETWORK, true),
    /** 14010: There was an error in communication */
    VIX_E_HOST_TCP_SOCKET_ERROR(14010, VixErrorCategory.NETWORK, true),
    /** 14011: The connection was lost */
    VIX_E_HOST_TCP_CONN_LOST(14011, VixErrorCategory.NETWORK, true),
    /** 14012: NBD_ERR_HASHFILE_VOLUME */
    VIX_E_HOST_NBD_HASHFILE_VOLUME(14012, VixErrorCategory.INTERNAL, false),
    /** 14013: NBD_ERR_HASHFILE_INIT */
    VIX_E_HOST_NBD_HASHFILE_INIT(14013, VixErrorCategory.INTERNAL, false),
    /** 14014: The server shutdown */
    VIX_E_HOST_SERVER_SHUTDOWN(14014, VixErrorCategory.NETWORK, true),
    /** 14015: The host is not available */
    VIX_E_HOST_SERVER_NOT_AVAILABLE(14015, VixErrorCategory.NETWORK, true),
    /** 16000: One of the parameters supplied is invalid */
    VIX_E_DISK_INVAL(16000, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 16001: The disk library has not been initialized */
    VIX_E_DISK_NOINIT(16001, VixErrorCategory.INTERNAL, false),
    /** 16002: The called function requires the virtual disk to be opened for I/O */
    VIX_E_DISK_NOIO(16002, VixErrorCategory.INTERNAL, false),
    /** 16003: The called function cannot be performed on partial chains. Open the parent virtual disk */
    VIX_E_DISK_PARTIALCHAIN(16003, VixErrorCategory.CORRUPT, false),
    /** 16006: The specified virtual disk needs repair */
    VIX_E_DISK_NEEDSREPAIR(16006, VixErrorCategory.CORRUPT, false),
    /** 16007: You have requested access to an area of the virtual disk that is out of bounds */
    VIX_E_DISK_OUTOFRANGE(16007, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 16008: The parent virtual disk has been modified since the child was created. Parent virtual disk's content ID does not match with the parent content ID in the child */
    VIX_E_DISK_CID_MISMATCH(16008, VixErrorCategory.CORRUPT, false),
    /** 16009: The specified virtual disk cannot be shrunk because it is not the parent disk */
    VIX_E_DISK_CANTSHRINK(16009, VixErrorCategory.UNSUPPORTED, false),
    /** 16010: The partition table on the physical disk has changed since the disk was created. Remove the physical disk from the virtual machine, then add it again */
    VIX_E_DISK_PARTMISMATCH(16010, VixErrorCategory.CORRUPT, false),
    /** 16011: The version of the virtual disk is newer than the version supported by this program */
    VIX_E_DISK_UNSUPPORTEDDISKVERSION(16011, VixErrorCategory.UNSUPPORTED, false),
    /** 16012: The parent of this virtual disk could not be opened */
    VIX_E_DISK_OPENPARENT(16012, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 16013: The specified feature is not supported by this version */
    VIX_E_DISK_NOTSUPPORTED(16013, VixErrorCategory.UNSUPPORTED, false),
    /** 16014: One or more required keys were not provided */
    VIX_E_DISK_NEEDKEY(16014, VixErrorCategory.AUTHENTICATION, false),
    /** 16015: Will not create an unencrypted child of an encrypted disk without explicit request */
    VIX_E_DISK_NOKEYOVERRIDE(16015, VixErrorCategory.NOT_FOUND, false),
    /** 16016: Not an encrypted disk */
    VIX_E_DISK_NOTENCRYPTED(16016, VixErrorCategory.UNSUPPORTED, false),
    /** 16017: No keys were supplied for encrypting the disk */
    VIX_E_DISK_NOKEY(16017, VixErrorCategory.NOT_FOUND, false),
    /** 16018: The partition table is invalid */
    VIX_E_DISK_INVALIDPARTITIONTABLE(16018, VixErrorCategory.CORRUPT, false),
    /** 16019: Only sparse extents with embedded descriptors can be encrypted */
    VIX_E_DISK_NOTNORMAL(16019, VixErrorCategory.UNSUPPORTED, false),
    /** 16020: Not an encrypted descriptor file */
    VIX_E_DISK_NOTENCDESC(16020, VixErrorCategory.UNSUPPORTED, false),
    /** 16022: The file system is not VMFS */
    VIX_E_DISK_NEEDVMFS(16022, VixErrorCategory.UNSUPPORTED, false),
    /** 16024: The physical disk is too big */
    VIX_E_DISK_RAWTOOBIG(16024, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 16027: The host's limit for open files has been exceeded */
    VIX_E_DISK_TOOMANYOPENFILES(16027, VixErrorCategory.RESOURCES, true),
    /** 16028: Too many levels of redo logs */
    VIX_E_DISK_TOOMANYREDO(16028, VixErrorCategory.RESOURCES, true),
    /** 16029: The physical disk is too small */
    VIX_E_DISK_RAWTOOSMALL(16029, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 16030: Invalid disk chain: cannot mix hosted and managed style disks in the same chain */
    VIX_E_DISK_INVALIDCHAIN(16030, VixErrorCategory.CORRUPT, false),
    /** 16052: The specified key is not found in the disk database */
    VIX_E_DISK_KEY_NOTFOUND(16052, VixErrorCategory.NOT_FOUND, false),
    /** 16053: One or more required subsystems failed to initialize */
    VIX_E_DISK_SUBSYSTEM_INIT_FAIL(16053, VixErrorCategory.INTERNAL, false),
    /** 16054: Invalid connection handle */
    VIX_E_DISK_INVALID_CONNECTION(16054, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 16061: Disk encoding error */
    VIX_E_DISK_ENCODING(16061, VixErrorCategory.CORRUPT, false),
    /** 16062: The disk is corrupted and unrepairable. */
    VIX_E_DISK_CANTREPAIR(16062, VixErrorCategory.CORRUPT, false),
    /** 16063: The specified file is not a virtual disk */
    VIX_E_DISK_INVALIDDISK(16063, VixErrorCategory.CORRUPT, false),
    /** 16064: The host is not licensed for this feature */
    VIX_E_DISK_NOLICENSE(16064, VixErrorCategory.PERMISSION, false),
    /** 16065: The device does not exist */
    VIX_E_DISK_NODEVICE(16065, VixErrorCategory.NOT_FOUND, false),
    /** 16066: The operation is not supported on this type of device */
    VIX_E_DISK_UNSUPPORTEDDEVICE(16066, VixErrorCategory.UNSUPPORTED, false),
    /** 16067: The parent virtual disk's capacity is not the same as child's capacity */
    VIX_E_DISK_CAPACITY_MISMATCH(16067, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 16068: Disk type cannot be allowed as parent */
    VIX_E_DISK_PARENT_NOTALLOWED(16068, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 16069: Both parent and child virtual disks are root links */
    VIX_E_DISK_ATTACH_ROOTLINK(16069, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 17000: Security library error */
    VIX_E_CRYPTO_UNKNOWN_ALGORITHM(17000, VixErrorCategory.UNSUPPORTED, false),
    /** 17001: Security library error */
    VIX_E_CRYPTO_BAD_BUFFER_SIZE(17001, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 17002: Security library error */
    VIX_E_CRYPTO_INVALID_OPERATION(17002, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 17003: Security library error */
    VIX_E_CRYPTO_RANDOM_DEVICE(17003, VixErrorCategory.INTERNAL, false),
    /** 17004: A password is required for this operation */
    VIX_E_CRYPTO_NEED_PASSWORD(17004, VixErrorCategory.AUTHENTICATION, false),
    /** 17005: Incorrect password */
    VIX_E_CRYPTO_BAD_PASSWORD(17005, VixErrorCategory.AUTHENTICATION, false),
    /** 17006: Security library error */
    VIX_E_CRYPTO_NOT_IN_DICTIONARY(17006, VixErrorCategory.INTERNAL, false),
    /** 17007: Security library error */
    VIX_E_CRYPTO_NO_CRYPTO(17007, VixErrorCategory.UNSUPPORTED, false),
    /** 17008: Security library error */
    VIX_E_CRYPTO_ERROR(17008, VixErrorCategory.INTERNAL, false),
    /** 17009: Security library error */
    VIX_E_CRYPTO_BAD_FORMAT(17009, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 17010: Security library error */
    VIX_E_CRYPTO_LOCKED(17010, VixErrorCategory.LOCKED, true),
    /** 17011: Security library error */
    VIX_E_CRYPTO_EMPTY(17011, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 17012: Security library error */
    VIX_E_CRYPTO_KEYSAFE_LOCATOR(17012, VixErrorCategory.INTERNAL, false),
    /** 18000: Cannot connect to the host */
    VIX_E_CANNOT_CONNECT_TO_HOST(18000, VixErrorCategory.NETWORK, true),
    /** 18001: Only a local host can support this feature */
    VIX_E_NOT_FOR_REMOTE_HOST(18001, VixErrorCategory.UNSUPPORTED, false),
    /** 18002: Malformed hostname parameter. For the given service provider, the hostname must be a URL in the form https://&lt;hostname&gt;:&lt;port&gt;/sdk */
    VIX_E_INVALID_HOSTNAME_SPECIFICATION(18002, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 19000: Could not capture screen */
    VIX_E_SCREEN_CAPTURE_ERROR(19000, VixErrorCategory.INTERNAL, false),
    /** 19001: Requested unsupported format */
    VIX_E_SCREEN_CAPTURE_BAD_FORMAT(19001, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 19002: Could not compress the screen capture */
    VIX_E_SCREEN_CAPTURE_COMPRESSION_FAIL(19002, VixErrorCategory.INTERNAL, false),
    /** 19003: The screen capture data is larger than the maximum size */
    VIX_E_SCREEN_CAPTURE_LARGE_DATA(19003, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 20000: The drives are not frozen */
    VIX_E_GUEST_VOLUMES_NOT_FROZEN(20000, VixErrorCategory.INTERNAL, false),
    /** 20001: The object is not a file */
    VIX_E_NOT_A_FILE(20001, VixErrorCategory.UNSUPPORTED, false),
    /** 20002: The object is not a directory */
    VIX_E_NOT_A_DIRECTORY(20002, VixErrorCategory.UNSUPPORTED, false),
    /** 20003: No such process */
    VIX_E_NO_SUCH_PROCESS(20003, VixErrorCategory.NOT_FOUND, false),
    /** 20004: File name too long */
    VIX_E_FILE_NAME_TOO_LONG(20004, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 20005: The operation has been disabled by the guest operating system */
    VIX_E_OPERATION_DISABLED(20005, VixErrorCategory.PERMISSION, false),
    /** 21000: No VMware Tools image exists for the guest operating system */
    VIX_E_TOOLS_INSTALL_NO_IMAGE(21000, VixErrorCategory.NOT_FOUND, false),
    /** 21001: The VMware Tools image is inaccessible */
    VIX_E_TOOLS_INSTALL_IMAGE_INACCESIBLE(21001, VixErrorCategory.INTERNAL, false),
    /** 21002: The guest operating system does not have a device configured for the VMware Tools installation to use */
    VIX_E_TOOLS_INSTALL_NO_DEVICE(21002, VixErrorCategory.NOT_FOUND, false),
    /** 21003: The guest operating system device used for installation of VMware Tools is not connected */
    VIX_E_TOOLS_INSTALL_DEVICE_NOT_CONNECTED(21003, VixErrorCategory.INTERNAL, false),
    /** 21004: The VMware Tools installation was canceled */
    VIX_E_TOOLS_INSTALL_CANCELLED(21004, VixErrorCategory.CANCELLED, false),
    /** 21005: The VMware Tools installation failed to initialize */
    VIX_E_TOOLS_INSTALL_INIT_FAILED(21005, VixErrorCategory.INTERNAL, false),
    /** 21006: The VMware Tools installation cannot be upgraded automatically */
    VIX_E_TOOLS_INSTALL_AUTO_NOT_SUPPORTED(21006, VixErrorCategory.UNSUPPORTED, false),
    /** 21007: VMware Tools are not running in the guest OS. Automatic upgrade is not possible */
    VIX_E_TOOLS_INSTALL_GUEST_NOT_READY(21007, VixErrorCategory.INTERNAL, false),
    /** 21008: The VMware Tools image failed a signature check. The image may be corrupt. */
    VIX_E_TOOLS_INSTALL_SIG_CHECK_FAILED(21008, VixErrorCategory.INTERNAL, false),
    /** 21009: The VMware Tools installation failed with an unknown error */
    VIX_E_TOOLS_INSTALL_ERROR(21009, VixErrorCategory.INTERNAL, false),
    /** 21010: VMware Tools are already up to date */
    VIX_E_TOOLS_INSTALL_ALREADY_UP_TO_DATE(21010, VixErrorCategory.ALREADY_EXISTS, false),
    /** 21011: A VMware Tools installation is already in progress */
    VIX_E_TOOLS_INSTALL_IN_PROGRESS(21011, VixErrorCategory.LOCKED, true),
    /** 21012: Could not copy VMware Tools image to the guest operating system */
    VIX_E_TOOLS_INSTALL_IMAGE_COPY_FAILED(21012, VixErrorCategory.INTERNAL, false),
    /** 22001: Service type VIX_SERVICEPROVIDER_VMWARE_WORKSTATION was specified but not installed */
    VIX_E_WRAPPER_WORKSTATION_NOT_INSTALLED(22001, VixErrorCategory.NOT_FOUND, false),
    /** 22002: The specified version was not found */
    VIX_E_WRAPPER_VERSION_NOT_FOUND(22002, VixErrorCategory.NOT_FOUND, false),
    /** 22003: The specified service provider was not found */
    VIX_E_WRAPPER_SERVICEPROVIDER_NOT_FOUND(22003, VixErrorCategory.NOT_FOUND, false),
    /** 22004: Service type VIX_SERVICEPROVIDER_VMWARE_PLAYER was specified but not installed */
    VIX_E_WRAPPER_PLAYER_NOT_INSTALLED(22004, VixErrorCategory.NOT_FOUND, false),
    /** 22005: Cannot find support libraries; VIX appears to have not been installed */
    VIX_E_WRAPPER_RUNTIME_NOT_INSTALLED(22005, VixErrorCategory.NOT_FOUND, false),
    /** 22006: Cannot connect with multiple service providers */
    VIX_E_WRAPPER_MULTIPLE_SERVICEPROVIDERS(22006, VixErrorCategory.INTERNAL, false),
    /** 24000: Could not find the specified mountpoint */
    VIX_E_MNTAPI_MOUNTPT_NOT_FOUND(24000, VixErrorCategory.NOT_FOUND, false),
    /** 24001: The mountpoint is already in use */
    VIX_E_MNTAPI_MOUNTPT_IN_USE(24001, VixErrorCategory.LOCKED, true),
    /** 24002: Could not find the specified virtual disk */
    VIX_E_MNTAPI_DISK_NOT_FOUND(24002, VixErrorCategory.NOT_FOUND, false),
    /** 24003: The specified disk is not mounted */
    VIX_E_MNTAPI_DISK_NOT_MOUNTED(24003, VixErrorCategory.INTERNAL, false),
    /** 24004: The specified disk is already mounted */
    VIX_E_MNTAPI_DISK_IS_MOUNTED(24004, VixErrorCategory.ALREADY_EXISTS, false),
    /** 24005: It is not safe to mount the virtual disk. It might be attached to a suspended or powered-on virtual machine, or it may be inside a snapshot chain */
    VIX_E_MNTAPI_DISK_NOT_SAFE(24005, VixErrorCategory.INTERNAL, false),
    /** 24006: Cannot open the virtual disk */
    VIX_E_MNTAPI_DISK_CANT_OPEN(24006, VixErrorCategory.INTERNAL, false),
    /** 24007: Cannot read or parse the partition table on the virtual disk */
    VIX_E_MNTAPI_CANT_READ_PARTS(24007, VixErrorCategory.INTERNAL, false),
    /** 24008: Could not find the umount application in a standard system directory such as /bin, /usr/bin, or /sbin */
    VIX_E_MNTAPI_UMOUNT_APP_NOT_FOUND(24008, VixErrorCategory.NOT_FOUND, false),
    /** 24009: The umount command failed */
    VIX_E_MNTAPI_UMOUNT(24009, VixErrorCategory.INTERNAL, false),
    /** 24010: The virtual disk does not have any partitions that the host system knows how to mount */
    VIX_E_MNTAPI_NO_MOUNTABLE_PARTITONS(24010, VixErrorCategory.INTERNAL, false),
    /** 24011: An invalid partition number was specified */
    VIX_E_MNTAPI_PARTITION_RANGE(24011, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 24012: Insufficient permissions to perform this operation */
    VIX_E_MNTAPI_PERM(24012, VixErrorCategory.PERMISSION, false),
    /** 24013: Error accessing metadata. You might not have sufficient permission to access this disk or the metadata may be corrupted. */
    VIX_E_MNTAPI_DICT(24013, VixErrorCategory.INTERNAL, false),
    /** 24014: The metadata for this disk is locked. Check for other running virtual disk mounter applications. */
    VIX_E_MNTAPI_DICT_LOCKED(24014, VixErrorCategory.LOCKED, true),
    /** 24015: Another process is performing an operation on this mounted virtual disk */
    VIX_E_MNTAPI_OPEN_HANDLES(24015, VixErrorCategory.LOCKED, true),
    /** 24016: Cannot create directory '/var/run/vmware/fuse' */
    VIX_E_MNTAPI_CANT_MAKE_VAR_DIR(24016, VixErrorCategory.INTERNAL, false),
    /** 24017: This application must be run setuid root */
    VIX_E_MNTAPI_NO_ROOT(24017, VixErrorCategory.NOT_FOUND, false),
    /** 24018: A loop device operation failed */
    VIX_E_MNTAPI_LOOP_FAILED(24018, VixErrorCategory.INTERNAL, false),
    /** 24019: The VMware fuse daemon failed to start */
    VIX_E_MNTAPI_DAEMON(24019, VixErrorCategory.INTERNAL, false),
    /** 24020: An internal error has occurred. Contact VMware support */
    VIX_E_MNTAPI_INTERNAL(24020, VixErrorCategory.INTERNAL, false),
    /** 24021: A system call has failed */
    VIX_E_MNTAPI_SYSTEM(24021, VixErrorCategory.INTERNAL, false),
    /** 24022: Unable to get vixDiskLib connection details */
    VIX_E_MNTAPI_NO_CONNECTION_DETAILS(24022, VixErrorCategory.NETWORK, true),
    /** 24300: The product version number is lower than the expected version number */
    VIX_E_MNTAPI_INCOMPATIBLE_VERSION(24300, VixErrorCategory.UNSUPPORTED, false),
    /** 24301: There was an operating system error */
    VIX_E_MNTAPI_OS_ERROR(24301, VixErrorCategory.INTERNAL, false),
    /** 24302: The specified drive letter is already in use */
    VIX_E_MNTAPI_DRIVE_LETTER_IN_USE(24302, VixErrorCategory.LOCKED, true),
    /** 24303: The specified drive letter is already assigned */
    VIX_E_MNTAPI_DRIVE_LETTER_ALREADY_ASSIGNED(24303, VixErrorCategory.ALREADY_EXISTS, false),
    /** 24304: The specified volume is not mounted */
    VIX_E_MNTAPI_VOLUME_NOT_MOUNTED(24304, VixErrorCategory.INTERNAL, false),
    /** 24305: The specified volume is already mounted */
    VIX_E_MNTAPI_VOLUME_ALREADY_MOUNTED(24305, VixErrorCategory.ALREADY_EXISTS, false),
    /** 24306: Unable to format volume */
    VIX_E_MNTAPI_FORMAT_FAILURE(24306, VixErrorCategory.INTERNAL, false),
    /** 24307: Driver not found */
    VIX_E_MNTAPI_NO_DRIVER(24307, VixErrorCategory.NOT_FOUND, false),
    /** 24308: A handle to the Volume or DiskSet is already open */
    VIX_E_MNTAPI_ALREADY_OPENED(24308, VixErrorCategory.LOCKED, true),
    /** 24309: Invalid file. A required section of the file is missing. */
    VIX_E_MNTAPI_ITEM_NOT_FOUND(24309, VixErrorCategory.NOT_FOUND, false),
    /** 24310: Boot loader not supported */
    VIX_E_MNTAPI_UNSUPPROTED_BOOT_LOADER(24310, VixErrorCategory.UNSUPPORTED, false),
    /** 24311: The current operating system is not supported */
    VIX_E_MNTAPI_UNSUPPROTED_OS(24311, VixErrorCategory.UNSUPPORTED, false),
    /** 24312: An error occurred while converting the string */
    VIX_E_MNTAPI_CODECONVERSION(24312, VixErrorCategory.INTERNAL, false),
    /** 24313: There was an error writing to the registry */
    VIX_E_MNTAPI_REGWRITE_ERROR(24313, VixErrorCategory.INTERNAL, false),
    /** 24314: Windows NT4 Fault Tolerant volume type is not supported */
    VIX_E_MNTAPI_UNSUPPORTED_FT_VOLUME(24314, VixErrorCategory.UNSUPPORTED, false),
    /** 24315: The specified partition was not found */
    VIX_E_MNTAPI_PARTITION_NOT_FOUND(24315, VixErrorCategory.NOT_FOUND, false),
    /** 24316: Putfile error */
    VIX_E_MNTAPI_PUTFILE_ERROR(24316, VixErrorCategory.INTERNAL, false),
    /** 24317: Getfile error */
    VIX_E_MNTAPI_GETFILE_ERROR(24317, VixErrorCategory.INTERNAL, false),
    /** 24318: Unable to open registry key */
    VIX_E_MNTAPI_REG_NOT_OPENED(24318, VixErrorCategory.INTERNAL, false),
    /** 24319: There was an error deleting the registry key */
    VIX_E_MNTAPI_REGDELKEY_ERROR(24319, VixErrorCategory.INTERNAL, false),
    /** 24320: An error occurred while creating the partition table */
    VIX_E_MNTAPI_CREATE_PARTITIONTABLE_ERROR(24320, VixErrorCategory.INTERNAL, false),
    /** 24321: Failed to open DiskSet */
    VIX_E_MNTAPI_OPEN_FAILURE(24321, VixErrorCategory.INTERNAL, false),
    /** 24322: The volume is write-protected */
    VIX_E_MNTAPI_VOLUME_NOT_WRITABLE(24322, VixErrorCategory.PERMISSION, false),
    /** 25000: The registry value type specified did not match the existing registry value type */
    VIX_ASYNC(25000, VixErrorCategory.SUCCESS, false),
    /** 26000: Synchronous and asynchronous I/O on the same disk handle is not allowed */
    VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED(26000, VixErrorCategory.UNSUPPORTED, false),
    /** 30001: The URL provided uses an unsupported protocol */
    VIX_E_NET_HTTP_UNSUPPORTED_PROTOCOL(30001, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 30003: The URL was not properly formatted */
    VIX_E_NET_HTTP_URL_MALFORMAT(30003, VixErrorCategory.INVALID_ARGUMENT, false),
    /** 30005: Failed to resolve proxy */
    VIX_E_NET_HTTP_COULDNT_RESOLVE_PROXY(30005, VixErrorCategory.NETWORK, true),
    /** 30006: Failed to resolve host */
    VIX_E_NET_HTTP_COULDNT_RESOLVE_HOST(30006, VixErrorCategory.NETWORK, true),
    /** 30007: Failed to connect to host or proxy */
    VIX_E_NET_HTTP_COULDNT_CONNECT(30007, VixErrorCategory.NETWORK, true),
    /** 30022: Server returned HTTP error code &gt;= 400 */
    VIX_E_NET_HTTP_HTTP_RETURNED_ERROR(30022, VixErrorCategory.NETWORK, true),
    /** 30028: Network operation timed out */
    VIX_E_NET_HTTP_OPERATION_TIMEDOUT(30028, VixErrorCategory.NETWORK, true),
    /** 30035: A problem occurred during the SSL/TLS handshake */
    VIX_E_NET_HTTP_SSL_CONNECT_ERROR(30035, VixErrorCategory.NETWORK, true),
    /** 30047: Reached the maximum number of redirects */
    VIX_E_NET_HTTP_TOO_MANY_REDIRECTS(30047, VixErrorCategory.NETWORK, true),
    /** 30200: Failure sending/receiving network data */
    VIX_E_NET_HTTP_TRANSFER(30200, VixErrorCategory.NETWORK, true),
    /** 30201: An SSL error occurred */
    VIX_E_NET_HTTP_SSL_SECURITY(30201, VixErrorCategory.AUTHENTICATION, false),
    /** 30202: A generic HTTP error occurred */
    VIX_E_NET_HTTP_GENERIC(30202, VixErrorCategory.NETWORK, true),
    /** 20006: The specified directory is not empty */
    VIX_E_DIRECTORY_NOT_EMPTY(20006, VixErrorCategory.LOCKED, true),
    /** Any code not in VDDK's list; {@link VddkCallException#code()} has the number. */
    UNKNOWN(-1, VixErrorCategory.INTERNAL, false);

    private static final Map<Integer, VixErrorCode> BY_CODE = new HashMap<>();

    static {
        for (VixErrorCode c : values()) {
            if (c != UNKNOWN) {
                BY_CODE.put(c.code, c);
            }
        }
    }

    private final int code;
    private final VixErrorCategory category;
    private final boolean retryable;

    VixErrorCode(int code, VixErrorCategory category, boolean retryable) {
        this.code = code;
        this.category = category;
        this.retryable = retryable;
    }

    /** The 16-bit code, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** What kind of failure this is, for deciding what to do. */
    public VixErrorCategory category() {
        return category;
    }

    /** Whether the same call may succeed if retried later (network, lock, resources); false otherwise. */
    public boolean retryable() {
        return retryable;
    }

    /**
     * The typed code of a full 64-bit {@code VixError} (only its low 16 bits count).
     *
     * @param vixError the value a VixDiskLib function returned
     * @return the listed code, else {@link #UNKNOWN}
     */
    public static VixErrorCode of(long vixError) {
        return BY_CODE.getOrDefault((int) (vixError & 0xFFFF), UNKNOWN);
    }
}
