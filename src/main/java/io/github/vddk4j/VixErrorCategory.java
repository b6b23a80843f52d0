package io.github.vddk4j;

/**
 * What kind of failure a {@link VixErrorCode} is, so that a backup product can act on it without
 * knowing VDDK's 270 codes: e.g. ask for new credentials on {@link #AUTHENTICATION}, retry later on
 * {@link #NETWORK} or {@link #LOCKED}, alert an operator on {@link #DISK_FULL}.
 */
public enum VixErrorCategory {
    /** Not a failure: {@code VIX_OK}, {@code VIX_ASYNC} (an async request was queued). */
    SUCCESS,
    /** Wrong or expired credentials, session, key or certificate trust. */
    AUTHENTICATION,
    /** The user may not do this (host permissions, a read-only file, a disabled operation, licence). */
    PERMISSION,
    /** The file, disk, VM, snapshot or key does not exist. */
    NOT_FOUND,
    /** The file, snapshot or name already exists. */
    ALREADY_EXISTS,
    /** Someone else holds the disk or object (locked, busy, in use): may work later. */
    LOCKED,
    /** The destination has no space left. */
    DISK_FULL,
    /** The server cannot be reached, refused, timed out or dropped the connection: may work later. */
    NETWORK,
    /** This VDDK, transport, disk type or host does not support the operation. */
    UNSUPPORTED,
    /** An argument was wrong (a range, a size, a name, a parameter). */
    INVALID_ARGUMENT,
    /** The operation was cancelled (e.g. by a progress callback). */
    CANCELLED,
    /** The disk or its metadata is damaged or inconsistent (needs repair). */
    CORRUPT,
    /** Memory, handles or other resources ran out: may work later. */
    RESOURCES,
    /** Anything else, including VDDK's generic {@code VIX_E_FAIL} (its log often says more). */
    INTERNAL
}
