package io.github.vddk4j;

import java.util.Objects;

/**
 * A change ID of changed-block tracking ({@code VixDiskLibOpenParams.changeId}, VDDK 9): the
 * point in a disk's history from which {@link DiskHandle#changedAreas()} reports changes. Take
 * it from the vSphere API (the {@code changeId} of the disk in the previous backup's snapshot);
 * {@code "*"} ({@link #ALL}) asks for every area in use.
 *
 * @param value the change ID exactly as vSphere reports it, e.g.
 *              {@code "52 de c0 d9 98 bf 62 d8-6d 2a 1f 11 83 24 0b 2e/4"}
 */
public record ChangeId(String value) {
    /** {@code "*"}: every area in use, for a first full backup. */
    public static final ChangeId ALL = new ChangeId("*");

    /**
     * @throws IllegalArgumentException for a blank value or one with NUL or a line break
     */
    public ChangeId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a change ID must be non-blank text without NUL or line breaks "
                    + "(as the vSphere API reports it, or \"*\"), was '" + value + "'");
        }
    }

    /** The change ID {@code value}. */
    public static ChangeId of(String value) {
        return new ChangeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
