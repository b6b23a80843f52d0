package io.github.vddk4j;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import io.github.vddk4j.jna.VixDiskLibFunction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The metadata of an open disk ({@link DiskHandle#metadata()}): the {@code ddb.*} entries of its
 * descriptor, named without the {@code ddb.} prefix ({@code adapterType}, {@code geometry.cylinders},
 * {@code virtualHWVersion}, {@code uuid}, ...), as VDDK names them.
 *
 * <p>Reads use VDDK's two-call size protocol: a first call learns the size
 * ({@code VIX_E_BUFFER_TOOSMALL}, 24, with {@code requiredLen}), the second fills a buffer of that
 * size; if the value grew in between, vddk4j asks again. Values are UTF-8 text.
 */
public final class DiskMetadata {
    /** {@code VIX_E_BUFFER_TOOSMALL}: the answer of a size query. */
    private static final int BUFFER_TOO_SMALL = 24;
    /** {@code VIX_E_DISK_KEY_NOTFOUND}: ReadMetadata of a key the descriptor does not have. */
    private static final int KEY_NOT_FOUND = 16052;
    /** How often a read is retried when the value keeps growing between the two calls. */
    private static final int MAX_ATTEMPTS = 4;

    private final DiskHandle disk;
    private final NativeCalls calls;

    DiskMetadata(DiskHandle disk, NativeCalls calls) {
        this.disk = disk;
        this.calls = calls;
    }

    /**
     * {@code VixDiskLib_GetMetadataKeys}: the keys, in the descriptor's order.
     *
     * @throws VddkCallException if VDDK fails
     * @throws IllegalStateException if the disk is closed
     */
    public List<String> keys() {
        calls.require(VixDiskLibFunction.VixDiskLib_GetMetadataKeys);
        byte[] bytes = disk.guard().use(() -> readSized("VixDiskLib_GetMetadataKeys", null,
                (buf, len, required) -> calls.lib.VixDiskLib_GetMetadataKeys(disk.rawHandle(), buf, len, required)));
        List<String> keys = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i == start) {
                    break; // the empty string that ends the list
                }
                keys.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return List.copyOf(keys);
    }

    /**
     * {@code VixDiskLib_ReadMetadata}: the value of {@code key}, empty if the disk has no such key
     * ({@code VIX_E_DISK_KEY_NOTFOUND}).
     *
     * @throws VddkCallException if VDDK fails otherwise
     * @throws IllegalArgumentException for a key that is blank or contains NUL, '=', a quote or a line break
     * @throws IllegalStateException if the disk is closed
     */
    public Optional<String> get(String key) {
        checkKey(key);
        calls.require(VixDiskLibFunction.VixDiskLib_ReadMetadata);
        try {
            byte[] bytes = disk.guard().use(() -> readSized("VixDiskLib_ReadMetadata", key,
                    (buf, len, required) -> calls.lib.VixDiskLib_ReadMetadata(disk.rawHandle(), key, buf, len, required)));
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return Optional.of(new String(bytes, 0, end, StandardCharsets.UTF_8));
        } catch (VddkCallException e) {
            if (e.code() == KEY_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code VixDiskLib_WriteMetadata}: sets {@code key} to {@code value} in the descriptor
     * (adding the key if it is new).
     *
     * @throws VddkCallException if VDDK fails
     * @throws IllegalArgumentException for a bad key, or a value with NUL, a quote or a line break
     *         (the descriptor stores it as one quoted line)
     * @throws IllegalStateException if the disk is read-only or closed
     */
    public void put(String key, String value) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        checkText(value, "metadata value for '" + key + "'");
        calls.require(VixDiskLibFunction.VixDiskLib_WriteMetadata);
        if (disk.isReadOnly()) {
            throw new IllegalStateException("cannot write metadata of '" + disk.path() + "': it was opened read-only; "
                    + "open it read-write on a read-write connection");
        }
        disk.guard().run(() -> calls.check("VixDiskLib_WriteMetadata", disk.path() + ", key " + key,
                () -> calls.lib.VixDiskLib_WriteMetadata(disk.rawHandle(), key, value)));
    }

    /**
     * Every key with its value, in the descriptor's order (a snapshot: one GetMetadataKeys, then
     * one ReadMetadata per key).
     *
     * @throws VddkCallException if VDDK fails
     * @throws IllegalStateException if the disk is closed
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : keys()) {
            get(key).ifPresent(v -> map.put(key, v));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** One call of a two-call size protocol function. */
    @FunctionalInterface
    private interface SizedCall {
        long call(Pointer buffer, long bufferLength, LongByReference requiredLength);
    }

    /** The size query, then reads of the reported size until the value fits. */
    private byte[] readSized(String function, String key, SizedCall call) {
        String context = key == null ? disk.path() : disk.path() + ", key " + key;
        LongByReference required = new LongByReference();
        long err = InsideVddk.call(function, () -> call.call(null, 0, required));
        if (err != 0 && (err & 0xFFFF) != BUFFER_TOO_SMALL) {
            throw calls.failure(function, context, err, List.of());
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long size = required.getValue();
            if (size <= 0) {
                return new byte[0];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(function + " reported an implausible size " + size + " for " + context);
            }
            try (Memory buf = new Memory(size)) {
                buf.clear();
                long e = InsideVddk.call(function, () -> call.call(buf, size, required));
                if (e == 0) {
                    return buf.getByteArray(0, (int) size);
                }
                if ((e & 0xFFFF) != BUFFER_TOO_SMALL) {
                    throw calls.failure(function, context, e, List.of());
                }
            }
        }
        throw new IllegalStateException(function + " kept reporting a larger size for " + context + " after "
                + MAX_ATTEMPTS + " attempts");
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.indexOf('=') >= 0 || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("metadata key must be a non-blank name without '=' or blanks "
                    + "(e.g. \"adapterType\", without the \"ddb.\" prefix), was '" + key + "'");
        }
        checkText(key, "metadata key");
    }

    private static void checkText(String s, String what) {
        if (s.indexOf('\0') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must not contain NUL, '\"' or a line break "
                    + "(the descriptor keeps it as one quoted line)");
        }
    }
}
