package io.github.vddk4j.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration file VDDK reads at {@code VixDiskLib_InitEx(..., configFile)}: an immutable,
 * ordered set of {@code key=value} entries.
 *
 * <p>Build one with {@link #builder()} (typed, validated setters for every documented key, plus
 * {@link Builder#set(String, String)} for the rest), or read an existing file with
 * {@link #read(Path)} / {@link #parse(String)}. Write it with {@link #writeTo(Path)} or
 * {@link #writeTempFile()}; both write atomically. The file format is described in
 * {@code docs/config.md}: entries are written as {@code key="value"}, one per line.
 *
 * <p>Keys that are not set are not written, so VDDK uses its own default for them.
 * Instances are immutable and thread-safe; {@code equals} compares the entries.
 */
public final class VddkConfig {
    /** Bytes in one unit of {@code vixDiskLib.nfcAio.Session.BufSizeIn64KB}. */
    public static final int NFC_AIO_UNIT_BYTES = 64 * 1024;
    /** Largest total NFC AIO buffer per session (size x count x 64 KiB); VDDK fails opens above it. */
    public static final int NFC_AIO_MAX_SESSION_BYTES = 16 * 1024 * 1024;
    /** VDDK's default {@code vixDiskLib.nfcAio.Session.BufSizeIn64KB}. */
    public static final int NFC_AIO_DEFAULT_BUF_SIZE_IN_64KB = 1;
    /** VDDK's default {@code vixDiskLib.nfcAio.Session.BufCount}. */
    public static final int NFC_AIO_DEFAULT_BUF_COUNT = 4;
    /** The largest timeout accepted, in milliseconds: 2^31 - 1 (see {@link Builder#nfcReadTimeout}). */
    public static final long MAX_TIMEOUT_MS = ValueRule.MAX_TIMEOUT_MS;
    /** Largest config file {@link #read(Path)} accepts, in bytes (real files are a few hundred bytes). */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** Longest line, in characters, that {@link #parse(String)} accepts and the builder writes. */
    public static final int MAX_LINE_CHARS = 4096;
    /** Longest excerpt of a value or line that an error message shows. */
    static final int MAX_SHOWN_CHARS = 80;

    private static final VddkConfig EMPTY = new VddkConfig(new LinkedHashMap<>());

    private final Map<String, String> entries;

    private VddkConfig(LinkedHashMap<String, String> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A configuration without entries (VDDK uses its defaults for everything). */
    public static VddkConfig empty() {
        return EMPTY;
    }

    /** A builder that starts with this configuration's entries, in order. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.entries.putAll(entries);
        return b;
    }

    /** Every entry, in the order it was first set (the order written to the file); unmodifiable. */
    public Map<String, String> entries() {
        return entries;
    }

    /**
     * The value written for {@code key}, if set. Letter case does not matter (VDDK does not tell
     * keys apart by it), so {@code get("TMPDIRECTORY")} finds {@code tmpDirectory}.
     */
    public Optional<String> get(String key) {
        String spelled = spellingOf(entries.keySet(), Objects.requireNonNull(key, "key"));
        return Optional.ofNullable(spelled == null ? null : entries.get(spelled));
    }

    /** The value written for a known key, if set. */
    public Optional<String> get(ConfigKey key) {
        return get(Objects.requireNonNull(key, "key").key());
    }

    /** True when no entry is set. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The file text {@link #writeTo(Path)} writes: a comment line, then {@code key="value"} lines. */
    public String toFileText() {
        return ConfigFileFormat.render(entries);
    }

    /**
     * Writes the file atomically: the text goes to a temporary file in the same directory, is
     * forced to disk, and is then moved over {@code file} with {@code ATOMIC_MOVE}, so a reader
     * (VDDK) sees the old file or the new one, never a partial one. The file gets the temporary
     * file's permissions (owner read/write only on POSIX systems).
     *
     * @return the absolute path written
     * @throws IOException if the directory does not exist or is not writable, or the file system
     *     cannot move atomically (the temporary file is removed in every failure case)
     */
    public Path writeTo(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write config file " + target + ": directory " + dir + " does not exist");
        }
        String name = target.getFileName().toString();
        Path tmp = Files.createTempFile(dir, "." + (name.length() > 64 ? name.substring(0, 64) : name) + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(toFileText().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically on this file system: " + e.getMessage(), e);
            }
            moved = true;
            return target;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Writes the file to a new temporary file ({@code vddk4j-<pid>-*.conf} in the default temporary
     * directory) and returns its path. The caller deletes it when VDDK no longer needs it
     * ({@code DiskLib} does so as soon as InitEx has returned). Before writing, deletes the
     * temporary config files of processes that no longer run ({@link #deleteStaleTempFiles(Path)}),
     * so files of killed processes do not accumulate.
     */
    public Path writeTempFile() throws IOException {
        return writeTempFile(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Like {@link #writeTempFile()}, in {@code directory}. The caller deletes the file. */
    public Path writeTempFile(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        deleteStaleTempFiles(directory);
        Path file = Files.createTempFile(directory, TEMP_PREFIX + ProcessHandle.current().pid() + "-", TEMP_SUFFIX);
        try {
            return writeTo(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static final String TEMP_PREFIX = "vddk4j-";
    private static final String TEMP_SUFFIX = ".conf";
    private static final Pattern TEMP_NAME = Pattern.compile(
            Pattern.quote(TEMP_PREFIX) + "([0-9]+)-[^/]*" + Pattern.quote(TEMP_SUFFIX));

    /**
     * Deletes the temporary config files ({@code vddk4j-<pid>-*.conf}) in {@code directory} whose
     * process is no longer running (a process killed before it could delete its file). Files of
     * running processes, and files that cannot be deleted (e.g. another user's), are left alone.
     *
     * @return how many files were deleted
     */
    public static int deleteStaleTempFiles(Path directory) {
        Objects.requireNonNull(directory, "directory");
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                Matcher m = TEMP_NAME.matcher(f.getFileName().toString());
                if (!m.matches() || m.group(1).length() > 18) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    if (Files.deleteIfExists(f)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    // not ours to delete (another user's, or a read-only directory): leave it
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // an unreadable directory: nothing to sweep
        }
        return deleted;
    }

    /**
     * Reads a config file (UTF-8) in either syntax ({@code key="value"} or {@code key=value}).
     *
     * @throws IOException if the file cannot be read
     * @throws ConfigFormatException for a malformed line (naming the file, line number and text),
     *     invalid UTF-8, a line longer than {@value #MAX_LINE_CHARS} characters, a file larger than
     *     {@value #MAX_FILE_BYTES} bytes, or one key given twice (in any letter case)
     */
    public static VddkConfig read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        String source = file.toString();
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ConfigFormatException(source, "the file is larger than " + MAX_FILE_BYTES
                    + " bytes; a VDDK config file has a few short lines (is this the right file?)");
        }
        return ConfigFileFormat.parse(ConfigFileFormat.decode(bytes, source), source);
    }

    /**
     * Parses config file text: {@code key="value"} or {@code key=value} lines, blank lines and
     * {@code #} comments; values of known keys are validated like their typed setters.
     *
     * @throws ConfigFormatException for a malformed line, naming the line number and text
     */
    public static VddkConfig parse(String text) {
        return ConfigFileFormat.parse(Objects.requireNonNull(text, "text"), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VddkConfig other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "VddkConfig" + entries;
    }

    // ---- syntax checks shared with the builder and the parser ----

    static void checkKeySyntax(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("config key is empty");
        }
        if (key.length() > MAX_LINE_CHARS / 2) {
            throw new IllegalArgumentException("config key '" + abbreviate(key) + "' is " + key.length()
                    + " characters long; keys look like vixDiskLib.nfc.ReadTimeoutMs");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            String problem = null;
            if (c == '\n' || c == '\r') {
                problem = "a line break";
            } else if (Character.isWhitespace(c)) {
                problem = "whitespace";
            } else if (Character.isISOControl(c)) {
                problem = "a control character (U+" + String.format("%04X", (int) c) + ")";
            } else if (c == '=') {
                problem = "'=' (it separates key from value)";
            } else if (c == '#') {
                problem = "'#' (it starts a comment)";
            } else if (c == '"' || c == '\'') {
                problem = "a quote character";
            } else if (isUnpairedSurrogate(key, i)) {
                problem = UNPAIRED_SURROGATE + String.format("%04X", (int) c) + ")";
            }
            if (problem != null) {
                throw new IllegalArgumentException("config key '" + abbreviate(key) + "' contains " + problem
                        + " at index " + i + "; keys look like vixDiskLib.nfc.ReadTimeoutMs");
            }
        }
    }

    static void checkValueSyntax(String key, String value) {
        Objects.requireNonNull(value, () -> "value of " + key);
        if (key.length() + value.length() + 3 > MAX_LINE_CHARS) {
            throw new IllegalArgumentException(key + ": the value is " + value.length() + " characters long;"
                    + " a config line holds at most " + MAX_LINE_CHARS + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String problem = null;
            if (c == '\n' || c == '\r') {
                problem = "a line break (the file has one entry per line)";
            } else if (c == '\0') {
                problem = "a NUL character (VDDK reads C strings)";
            } else if (c == '"') {
                problem = "a double quote (values are written in double quotes and the format has no escape)";
            } else if (Character.isISOControl(c) && c != '\t') {
                problem = "a control character (U+" + String.format("%04X", (int) c) + ")";
            } else if (isUnpairedSurrogate(value, i)) {
                problem = UNPAIRED_SURROGATE + String.format("%04X", (int) c) + ")";
            }
            if (problem != null) {
                throw new IllegalArgumentException(key + ": value '" + abbreviate(value) + "' contains " + problem
                        + " at index " + i);
            }
        }
    }

    private static final String UNPAIRED_SURROGATE =
            "half of a UTF-16 surrogate pair, which UTF-8 cannot encode (U+";

    /** Whether {@code s.charAt(i)} is a surrogate without its other half. */
    static boolean isUnpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    /**
     * The spelling under which {@code key} is present in {@code keys}, comparing ASCII letters
     * without regard to case as VDDK does ({@code strcasecmp}); null if absent.
     */
    static String spellingOf(Collection<String> keys, String key) {
        for (String k : keys) {
            if (k.length() == key.length() && asciiFold(k).equals(asciiFold(key))) {
                return k;
            }
        }
        return null;
    }

    private static String asciiFold(String s) {
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] = (char) (out[i] + ('a' - 'A'));
            }
        }
        return new String(out);
    }

    /**
     * {@code s} for an error message: control characters as {@code \\uXXXX}, and at most
     * {@value #MAX_SHOWN_CHARS} characters of it, with the full length after a longer one.
     */
    static String abbreviate(String s) {
        StringBuilder b = new StringBuilder();
        int end = Math.min(s.length(), MAX_SHOWN_CHARS);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && isUnpairedSurrogate(s, i)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (end < s.length()) {
            b.append("... (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }

    /**
     * Collects entries for a {@link VddkConfig}. Every setter validates at once and throws
     * {@link IllegalArgumentException} (or {@link NullPointerException} for null) with a message
     * naming the key, the rejected value and what is accepted. Setting a key again replaces its
     * value and keeps its position. Not thread-safe.
     */
    public static final class Builder {
        private final LinkedHashMap<String, String> entries = new LinkedHashMap<>();

        private Builder() {}

        private Builder put(ConfigKey key, String value) {
            entries.put(key.key(), key.rule().canonical(key.key(), value));
            return this;
        }

        private static String millis(ConfigKey key, Duration timeout) {
            return ValueRule.millis().fromDuration(key.key(), timeout);
        }

        private static String devices(ConfigKey key, Collection<String> devices) {
            return ValueRule.deviceList().fromCollection(key.key(), devices);
        }

        /**
         * {@code tmpDirectory}: the directory VDDK uses for temporary files and its log files.
         * VMware recommends setting it, because VDDK's default temporary folder (under the system
         * temp directory, per user) can change from job to job and complicate cleanup.
         * Affects all transports. Default: VDDK's per-user temporary folder.
         *
         * @param directory an absolute path
         */
        public Builder tmpDirectory(Path directory) {
            return put(ConfigKey.TMP_DIRECTORY, Objects.requireNonNull(directory, "directory").toString());
        }

        /**
         * {@code vixDiskLib.transport.LogLevel}: verbosity of VDDK's transport logging (not NFC):
         * 0 panic, 1 error, 2 warning, 3 audit, 4 info, 5 verbose, 6 trivia; each level includes
         * the lower ones. Affects the messages of all transports except the NFC layer (see
         * {@link #nfcLogLevel}). Default: 6 in the guide this project follows (VMware's 6.7+
         * guides say 3).
         *
         * @param level 0..6
         */
        public Builder transportLogLevel(int level) {
            return put(ConfigKey.TRANSPORT_LOG_LEVEL, Integer.toString(level));
        }

        /**
         * {@code vixDiskLib.nfc.AcceptTimeoutMs}: how long NFC waits for an accept.
         * Affects only nbd and nbdssl (not SAN, HotAdd or local files); applied per disk handle.
         * Default: 0, no timeout. Rules for the value: see {@link #nfcReadTimeout(Duration)}.
         */
        public Builder nfcAcceptTimeout(Duration timeout) {
            return put(ConfigKey.NFC_ACCEPT_TIMEOUT_MS, millis(ConfigKey.NFC_ACCEPT_TIMEOUT_MS, timeout));
        }

        /**
         * {@code vixDiskLib.nfc.RequestTimeoutMs}: how long NFC waits for a request to complete.
         * Affects only nbd and nbdssl; applied per disk handle. Default: 0, no timeout.
         * Rules for the value: see {@link #nfcReadTimeout(Duration)}.
         */
        public Builder nfcRequestTimeout(Duration timeout) {
            return put(ConfigKey.NFC_REQUEST_TIMEOUT_MS, millis(ConfigKey.NFC_REQUEST_TIMEOUT_MS, timeout));
        }

        /**
         * {@code vixDiskLib.nfc.ReadTimeoutMs}: how long an NFC read may take before it fails.
         * Affects only nbd and nbdssl: SAN, HotAdd and local reads of the same disk are not
         * affected. Applied per disk handle. Default: 0, no timeout.
         *
         * @param timeout {@link Duration#ZERO} for no timeout, else whole milliseconds up to
         *     {@link VddkConfig#MAX_TIMEOUT_MS} (2^31 - 1 ms, about 24.8 days). VDDK stores
         *     timeouts in a 32-bit field; the guide names 2,147,483,648 (2^31) as the maximum, but
         *     that value wraps to a negative number if the field is signed, so the largest value
         *     safe either way is 2^31 - 1. Negative durations and sub-millisecond parts are rejected.
         */
        public Builder nfcReadTimeout(Duration timeout) {
            return put(ConfigKey.NFC_READ_TIMEOUT_MS, millis(ConfigKey.NFC_READ_TIMEOUT_MS, timeout));
        }

        /**
         * {@code vixDiskLib.nfc.WriteTimeoutMs}: how long an NFC write may take before it fails.
         * Affects only nbd and nbdssl; applied per disk handle. Default: 0, no timeout.
         * Rules for the value: see {@link #nfcReadTimeout(Duration)}.
         */
        public Builder nfcWriteTimeout(Duration timeout) {
            return put(ConfigKey.NFC_WRITE_TIMEOUT_MS, millis(ConfigKey.NFC_WRITE_TIMEOUT_MS, timeout));
        }

        /**
         * {@code vixDiskLib.nfcFssrvr.TimeoutMs}: NFC file-system operations time out when the
         * file system has been idle this long. With the default (0, wait forever), a rare
         * catastrophic communication failure can leave the file system locked.
         * Affects only nbd and nbdssl. Rules for the value: see {@link #nfcReadTimeout(Duration)}.
         */
        public Builder nfcFssrvrTimeout(Duration timeout) {
            return put(ConfigKey.NFC_FSSRVR_TIMEOUT_MS, millis(ConfigKey.NFC_FSSRVR_TIMEOUT_MS, timeout));
        }

        /**
         * {@code vixDiskLib.nfcFssrvrWrite.TimeoutMs}: an NFC file-system write fails when it does
         * not complete within this time. Affects only nbd and nbdssl. Default: 0, no timeout.
         * Rules for the value: see {@link #nfcReadTimeout(Duration)}.
         */
        public Builder nfcFssrvrWriteTimeout(Duration timeout) {
            return put(ConfigKey.NFC_FSSRVR_WRITE_TIMEOUT_MS, millis(ConfigKey.NFC_FSSRVR_WRITE_TIMEOUT_MS, timeout));
        }

        /**
         * {@code vixDiskLib.nfc.LogLevel}: verbosity of the NFC layer: 0 quiet, 1 errors only,
         * 2 warnings, 3 info, 4 debug; each level includes the lower ones. Affects only nbd and
         * nbdssl. Default: 1 (errors only).
         *
         * @param level 0..4
         */
        public Builder nfcLogLevel(int level) {
            return put(ConfigKey.NFC_LOG_LEVEL, Integer.toString(level));
        }

        /**
         * {@code vixDiskLib.disklib.EnableCache}: VixDiskLib's own cache. Helps repeated or random
         * reads; slows the sequential reads of a backup, and can return stale data to a backup
         * when another program rewrites a sector before the cache is refreshed.
         * Affects every transport. Default: off (0). Written as 1 or 0.
         */
        public Builder enableCache(boolean enabled) {
            return put(ConfigKey.ENABLE_CACHE, enabled ? "1" : "0");
        }

        /**
         * {@code vixDiskLib.transport.san.allowList} (VDDK 8.0 and later; for older VDDK use
         * {@link #sanWhitelist}): device node paths SAN transport may use, written comma-separated.
         * VDDK 8.0.1+ accepts shell wildcards ({@code /dev/sd[a-f]}); on overlap the allow list
         * wins. Affects only SAN transport. Default: none (every device is considered).
         */
        public Builder sanAllowList(Collection<String> devices) {
            return put(ConfigKey.SAN_ALLOW_LIST, devices(ConfigKey.SAN_ALLOW_LIST, devices));
        }

        /** Varargs form of {@link #sanAllowList(Collection)}. */
        public Builder sanAllowList(String... devices) {
            return sanAllowList(devices == null ? null : Arrays.asList(devices));
        }

        /**
         * {@code vixDiskLib.transport.san.denyList} (VDDK 8.0 and later; for older VDDK use
         * {@link #sanBlacklist}): device node paths on which SAN transport does not attempt VMFS
         * discovery nor I/O; the special entry {@code all} means "only the allow list".
         * Affects only SAN transport. Default: none.
         */
        public Builder sanDenyList(Collection<String> devices) {
            return put(ConfigKey.SAN_DENY_LIST, devices(ConfigKey.SAN_DENY_LIST, devices));
        }

        /** Varargs form of {@link #sanDenyList(Collection)}. */
        public Builder sanDenyList(String... devices) {
            return sanDenyList(devices == null ? null : Arrays.asList(devices));
        }

        /**
         * {@code vixDiskLib.transport.san.whitelist}: the allow list under its name before VDDK 8.0
         * (same meaning as {@link #sanAllowList}). Affects only SAN transport.
         */
        public Builder sanWhitelist(Collection<String> devices) {
            return put(ConfigKey.SAN_WHITELIST, devices(ConfigKey.SAN_WHITELIST, devices));
        }

        /** Varargs form of {@link #sanWhitelist(Collection)}. */
        public Builder sanWhitelist(String... devices) {
            return sanWhitelist(devices == null ? null : Arrays.asList(devices));
        }

        /**
         * {@code vixDiskLib.transport.san.blacklist}: the deny list under its name before VDDK 8.0
         * (same meaning as {@link #sanDenyList}). Affects only SAN transport.
         */
        public Builder sanBlacklist(Collection<String> devices) {
            return put(ConfigKey.SAN_BLACKLIST, devices(ConfigKey.SAN_BLACKLIST, devices));
        }

        /** Varargs form of {@link #sanBlacklist(Collection)}. */
        public Builder sanBlacklist(String... devices) {
            return sanBlacklist(devices == null ? null : Arrays.asList(devices));
        }

        /**
         * {@code vixDiskLib.linuxSSL.verifyCertificates}: whether VDDK on Linux verifies the
         * server's SSL certificate (against the thumbprint given in the connection parameters).
         * Affects connections to ESXi/vCenter (all remote transports). Recent VDDK releases always
         * verify and may ignore this key. Written as 1 or 0.
         */
        public Builder linuxSslVerifyCertificates(boolean verify) {
            return put(ConfigKey.LINUX_SSL_VERIFY_CERTIFICATES, verify ? "1" : "0");
        }

        /**
         * {@code vixDiskLib.phoneHome.EnablePhoneHome}: VDDK's customer-experience ("phone home",
         * CEIP) reporting to vCenter. Does not affect data transfer. Written as 1 or 0.
         */
        public Builder phoneHomeEnabled(boolean enabled) {
            return put(ConfigKey.PHONE_HOME_ENABLE, enabled ? "1" : "0");
        }

        /** {@code vixDiskLib.phoneHome.ProductName}: the product name phone home reports. */
        public Builder phoneHomeProductName(String name) {
            return put(ConfigKey.PHONE_HOME_PRODUCT_NAME, Objects.requireNonNull(name, "name"));
        }

        /** {@code vixDiskLib.phoneHome.ProductVersion}: the product version phone home reports. */
        public Builder phoneHomeProductVersion(String version) {
            return put(ConfigKey.PHONE_HOME_PRODUCT_VERSION, Objects.requireNonNull(version, "version"));
        }

        /** {@code vixDiskLib.phoneHome.DatabaseDir}: an absolute directory for phone-home data. */
        public Builder phoneHomeDatabaseDir(Path directory) {
            return put(ConfigKey.PHONE_HOME_DATABASE_DIR, Objects.requireNonNull(directory, "directory").toString());
        }

        /**
         * {@code vixDiskLib.transport.hotadd.NoNfcSession}: HotAdd without the extra NFC session
         * VDDK otherwise opens to the host (useful when a proxy may not reach the ESXi host).
         * Affects only HotAdd. Default: 0. Written as 1 or 0.
         */
        public Builder hotaddNoNfcSession(boolean noNfcSession) {
            return put(ConfigKey.HOTADD_NO_NFC_SESSION, noNfcSession ? "1" : "0");
        }

        /**
         * {@code vixDiskLib.ssl.enableSslFIPS} (VDDK 7.0.1 and later): run VDDK's OpenSSL in FIPS
         * mode. Affects every SSL connection (nbdssl and the control connections of all remote
         * transports). Default: 0. Written as 1 or 0.
         */
        public Builder sslEnableFips(boolean enabled) {
            return put(ConfigKey.SSL_ENABLE_FIPS, enabled ? "1" : "0");
        }

        /**
         * {@code vixDiskLib.nfcAio.Session.BufSizeIn64KB} (VDDK 7.0.3 and later): the size of each
         * NFC asynchronous-I/O buffer, in units of 64 KiB. Affects only nbd/nbdssl with
         * ReadAsync/WriteAsync. Default: 1 (64 KiB). {@link #build()} checks that
         * size x count x 64 KiB stays within 16 MiB (VDDK fails every open otherwise), using the
         * default count 4 when the count is not set.
         *
         * @param unitsOf64KiB 1..256
         */
        public Builder nfcAioSessionBufferSize(int unitsOf64KiB) {
            return put(ConfigKey.NFC_AIO_BUF_SIZE_IN_64KB, Integer.toString(unitsOf64KiB));
        }

        /**
         * {@code vixDiskLib.nfcAio.Session.BufCount} (VDDK 7.0.3 and later): how many NFC
         * asynchronous-I/O buffers a session uses. Affects only nbd/nbdssl with
         * ReadAsync/WriteAsync. Default: 4. See {@link #nfcAioSessionBufferSize(int)} for the
         * 16 MiB limit.
         *
         * @param count 1..256
         */
        public Builder nfcAioSessionBufferCount(int count) {
            return put(ConfigKey.NFC_AIO_BUF_COUNT, Integer.toString(count));
        }

        /**
         * Sets any key. The key must be non-empty without whitespace, {@code =}, {@code #},
         * quotes or line breaks; the value must not contain a line break, NUL, other control
         * characters (tab is allowed) or a double quote. A known key ({@link ConfigKey}) gets the
         * same validation as its typed setter; a known key spelled with different letter case is
         * rejected with the correct spelling, as it is most likely a typo.
         */
        public Builder set(String key, String value) {
            checkKeySyntax(key);
            Objects.requireNonNull(value, () -> "value of " + key);
            Optional<ConfigKey> known = ConfigKey.byKey(key);
            if (known.isPresent()) {
                return put(known.get(), value);
            }
            Optional<ConfigKey> similar = ConfigKey.byKeyIgnoringCase(key);
            if (similar.isPresent()) {
                throw new IllegalArgumentException("config key '" + key + "' differs from the documented key '"
                        + similar.get().key() + "' only in letter case; use the documented spelling");
            }
            checkValueSyntax(key, value);
            String earlier = spellingOf(entries.keySet(), key);
            if (earlier != null && !earlier.equals(key)) {
                throw new IllegalArgumentException("config key '" + key + "' is already set as '" + earlier
                        + "'; VDDK does not tell keys apart by letter case, so only one would take effect:"
                        + " use one spelling (remove(\"" + earlier + "\") first to change it)");
            }
            entries.put(key, value);
            return this;
        }

        /** Removes {@code key} if set, whatever its letter case (VDDK then uses its default). */
        public Builder remove(String key) {
            String spelled = spellingOf(entries.keySet(), Objects.requireNonNull(key, "key"));
            if (spelled != null) {
                entries.remove(spelled);
            }
            return this;
        }

        /** Removes a known key if set. */
        public Builder remove(ConfigKey key) {
            return remove(Objects.requireNonNull(key, "key").key());
        }

        /**
         * The immutable configuration.
         *
         * @throws IllegalArgumentException if the NFC AIO buffers (size x count x 64 KiB, with
         *     VDDK's defaults for an unset one) exceed 16 MiB
         */
        public VddkConfig build() {
            checkNfcAioBudget();
            return entries.isEmpty() ? EMPTY : new VddkConfig(entries);
        }

        private void checkNfcAioBudget() {
            String size = entries.get(ConfigKey.NFC_AIO_BUF_SIZE_IN_64KB.key());
            String count = entries.get(ConfigKey.NFC_AIO_BUF_COUNT.key());
            if (size == null && count == null) {
                return;
            }
            long s = size == null ? NFC_AIO_DEFAULT_BUF_SIZE_IN_64KB : Long.parseLong(size);
            long c = count == null ? NFC_AIO_DEFAULT_BUF_COUNT : Long.parseLong(count);
            long total = s * c * NFC_AIO_UNIT_BYTES;
            if (total > NFC_AIO_MAX_SESSION_BYTES) {
                throw new IllegalArgumentException("NFC AIO buffers too large: "
                        + ConfigKey.NFC_AIO_BUF_SIZE_IN_64KB.key() + "=" + s + (size == null ? " (default)" : "")
                        + " x " + ConfigKey.NFC_AIO_BUF_COUNT.key() + "=" + c + (count == null ? " (default)" : "")
                        + " x 64 KiB = " + (total / 1024) + " KiB, more than the 16384 KiB (16 MiB) VDDK allows"
                        + " per session; every open would fail. Keep size x count <= 256");
            }
        }
    }
}
