package io.github.vddk4j.config;

import java.util.Optional;

/**
 * The InitEx configuration keys that vddk4j knows and validates, with their exact spelling.
 * Each has a typed setter on {@link VddkConfig.Builder}; values set through
 * {@link VddkConfig.Builder#set(String, String)} or read from a file for these keys go through
 * the same validation. See {@code docs/config.md} for defaults and what each key affects.
 */
public enum ConfigKey {
    /** {@code tmpDirectory}: where VDDK keeps temporary files and logs. */
    TMP_DIRECTORY("tmpDirectory", ValueRule.absolutePath()),
    /** {@code vixDiskLib.transport.LogLevel}: transport (non-NFC) log verbosity 0..6. */
    TRANSPORT_LOG_LEVEL("vixDiskLib.transport.LogLevel", ValueRule.intRange(0, 6)),
    /** {@code vixDiskLib.nfc.AcceptTimeoutMs}: NFC accept timeout (nbd/nbdssl only). */
    NFC_ACCEPT_TIMEOUT_MS("vixDiskLib.nfc.AcceptTimeoutMs", ValueRule.millis()),
    /** {@code vixDiskLib.nfc.RequestTimeoutMs}: NFC request timeout (nbd/nbdssl only). */
    NFC_REQUEST_TIMEOUT_MS("vixDiskLib.nfc.RequestTimeoutMs", ValueRule.millis()),
    /** {@code vixDiskLib.nfc.ReadTimeoutMs}: NFC read timeout (nbd/nbdssl only). */
    NFC_READ_TIMEOUT_MS("vixDiskLib.nfc.ReadTimeoutMs", ValueRule.millis()),
    /** {@code vixDiskLib.nfc.WriteTimeoutMs}: NFC write timeout (nbd/nbdssl only). */
    NFC_WRITE_TIMEOUT_MS("vixDiskLib.nfc.WriteTimeoutMs", ValueRule.millis()),
    /** {@code vixDiskLib.nfcFssrvr.TimeoutMs}: NFC file-system idle timeout (nbd/nbdssl only). */
    NFC_FSSRVR_TIMEOUT_MS("vixDiskLib.nfcFssrvr.TimeoutMs", ValueRule.millis()),
    /** {@code vixDiskLib.nfcFssrvrWrite.TimeoutMs}: NFC file-system write timeout (nbd/nbdssl only). */
    NFC_FSSRVR_WRITE_TIMEOUT_MS("vixDiskLib.nfcFssrvrWrite.TimeoutMs", ValueRule.millis()),
    /** {@code vixDiskLib.nfc.LogLevel}: NFC log verbosity 0..4 (nbd/nbdssl only). */
    NFC_LOG_LEVEL("vixDiskLib.nfc.LogLevel", ValueRule.intRange(0, 4)),
    /** {@code vixDiskLib.disklib.EnableCache}: VixDiskLib's read cache, 0 or 1. */
    ENABLE_CACHE("vixDiskLib.disklib.EnableCache", ValueRule.bool()),
    /** {@code vixDiskLib.transport.san.allowList}: SAN devices to use (VDDK 8.0 and later). */
    SAN_ALLOW_LIST("vixDiskLib.transport.san.allowList", ValueRule.deviceList()),
    /** {@code vixDiskLib.transport.san.denyList}: SAN devices to avoid (VDDK 8.0 and later). */
    SAN_DENY_LIST("vixDiskLib.transport.san.denyList", ValueRule.deviceList()),
    /** {@code vixDiskLib.transport.san.whitelist}: the allow list's name before VDDK 8.0. */
    SAN_WHITELIST("vixDiskLib.transport.san.whitelist", ValueRule.deviceList()),
    /** {@code vixDiskLib.transport.san.blacklist}: the deny list's name before VDDK 8.0. */
    SAN_BLACKLIST("vixDiskLib.transport.san.blacklist", ValueRule.deviceList()),
    /** {@code vixDiskLib.linuxSSL.verifyCertificates}: certificate verification on Linux, 0 or 1. */
    LINUX_SSL_VERIFY_CERTIFICATES("vixDiskLib.linuxSSL.verifyCertificates", ValueRule.bool()),
    /** {@code vixDiskLib.phoneHome.EnablePhoneHome}: CEIP "phone home" reporting, 0 or 1. */
    PHONE_HOME_ENABLE("vixDiskLib.phoneHome.EnablePhoneHome", ValueRule.bool()),
    /** {@code vixDiskLib.phoneHome.ProductName}: product name reported by phone home. */
    PHONE_HOME_PRODUCT_NAME("vixDiskLib.phoneHome.ProductName", ValueRule.text()),
    /** {@code vixDiskLib.phoneHome.ProductVersion}: product version reported by phone home. */
    PHONE_HOME_PRODUCT_VERSION("vixDiskLib.phoneHome.ProductVersion", ValueRule.text()),
    /** {@code vixDiskLib.phoneHome.DatabaseDir}: where phone home keeps its data. */
    PHONE_HOME_DATABASE_DIR("vixDiskLib.phoneHome.DatabaseDir", ValueRule.absolutePath()),
    /** {@code vixDiskLib.transport.hotadd.NoNfcSession}: HotAdd without an extra NFC session, 0 or 1. */
    HOTADD_NO_NFC_SESSION("vixDiskLib.transport.hotadd.NoNfcSession", ValueRule.bool()),
    /** {@code vixDiskLib.ssl.enableSslFIPS}: FIPS-mode OpenSSL (VDDK 7.0.1 and later), 0 or 1. */
    SSL_ENABLE_FIPS("vixDiskLib.ssl.enableSslFIPS", ValueRule.bool()),
    /** {@code vixDiskLib.nfcAio.Session.BufSizeIn64KB}: NFC AIO buffer size in 64 KiB units (7.0.3+). */
    NFC_AIO_BUF_SIZE_IN_64KB("vixDiskLib.nfcAio.Session.BufSizeIn64KB", ValueRule.intRange(1, 256)),
    /** {@code vixDiskLib.nfcAio.Session.BufCount}: number of NFC AIO buffers per session (7.0.3+). */
    NFC_AIO_BUF_COUNT("vixDiskLib.nfcAio.Session.BufCount", ValueRule.intRange(1, 256));

    private final String key;
    private final ValueRule rule;

    ConfigKey(String key, ValueRule rule) {
        this.key = key;
        this.rule = rule;
    }

    /** The key exactly as it appears in the config file. */
    public String key() {
        return key;
    }

    /** What values the key accepts, in words. */
    public String accepts() {
        return rule.describe();
    }

    ValueRule rule() {
        return rule;
    }

    /** The known key spelled exactly {@code key}, if any. */
    public static Optional<ConfigKey> byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The known key spelled like {@code key} except for letter case, if any (for "did you mean"). */
    static Optional<ConfigKey> byKeyIgnoringCase(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equalsIgnoreCase(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return key;
    }
}
