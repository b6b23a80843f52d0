package io.github.vddk4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A VDDK transport mode, with the name VDDK uses for it in C (the colon-separated strings of
 * {@code VixDiskLib_ListTransportModes}, {@code VixDiskLib_GetTransportMode} and the
 * {@code transportModes} argument of {@code VixDiskLib_ConnectEx}).
 */
public enum TransportMode {
    /** {@code file}: a local (hosted) disk. */
    FILE("file"),
    /** {@code san}: direct SAN access to the datastore's LUN (O_DIRECT on Linux). */
    SAN("san"),
    /** {@code hotadd}: the disk is hot-added to the VM running this program. */
    HOTADD("hotadd"),
    /** {@code nbdssl}: network block device over NFC with TLS. */
    NBDSSL("nbdssl"),
    /** {@code nbd}: network block device over NFC without encryption (LAN transport). */
    NBD("nbd");

    private final String cName;

    TransportMode(String cName) {
        this.cName = cName;
    }

    /** The name VDDK uses in C, e.g. {@code "nbdssl"}. */
    public String cName() {
        return cName;
    }

    /** Returns {@link #cName()}. */
    @Override
    public String toString() {
        return cName;
    }

    /**
     * The mode named {@code name} in C (case-insensitive), or empty when vddk4j does not know it.
     *
     * @param name a C transport name such as {@code "san"}
     * @return the mode, or empty for an unknown or null name
     */
    public static Optional<TransportMode> fromCName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (TransportMode m : values()) {
            if (m.cName.equals(wanted)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a preference list in VDDK's colon-separated form, e.g. {@code "san:hotadd:nbd"}.
     * VixDiskLib_ConnectEx does not validate transport names itself (an unknown name is silently
     * ignored), so this rejects unknown, empty and repeated names.
     *
     * @param colonSeparated the list, e.g. {@code "san:nbd"}
     * @return the modes in the given order (unmodifiable)
     * @throws IllegalArgumentException if the list is empty, has an empty or repeated element or
     *         names a mode VDDK does not have; the message lists the valid names
     */
    public static List<TransportMode> parseList(String colonSeparated) {
        if (colonSeparated == null || colonSeparated.isBlank()) {
            throw new IllegalArgumentException(
                    "transport list is empty; give a colon-separated list of " + validNames());
        }
        List<TransportMode> result = new ArrayList<>();
        for (String part : colonSeparated.split(":", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("transport list '" + colonSeparated
                        + "' has an empty element; give a colon-separated list of " + validNames());
            }
            TransportMode mode = fromCName(part).orElseThrow(() -> new IllegalArgumentException(
                    "unknown transport mode '" + part.trim() + "' in '" + colonSeparated
                            + "'; valid modes are " + validNames()));
            if (result.contains(mode)) {
                throw new IllegalArgumentException(
                        "transport mode '" + mode.cName + "' appears twice in '" + colonSeparated + "'");
            }
            result.add(mode);
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Parses a list that VDDK itself returned (ListTransportModes): unknown names are skipped
     * rather than rejected, because a newer VDDK may offer modes this version does not know.
     */
    static List<TransportMode> parseReported(String colonSeparated) {
        if (colonSeparated == null || colonSeparated.isBlank()) {
            return List.of();
        }
        List<TransportMode> result = new ArrayList<>();
        for (String part : colonSeparated.split(":")) {
            fromCName(part).filter(m -> !result.contains(m)).ifPresent(result::add);
        }
        return Collections.unmodifiableList(result);
    }

    /** Joins modes into VDDK's colon-separated form, e.g. {@code "san:nbd"}. */
    public static String join(List<TransportMode> modes) {
        return modes.stream().map(TransportMode::cName).collect(Collectors.joining(":"));
    }

    private static String validNames() {
        return Arrays.stream(values()).map(TransportMode::cName).collect(Collectors.joining(", "));
    }
}
