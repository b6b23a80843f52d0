package io.github.vddk4j.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Accessor over a C {@code VixDiskLibConnectParams} that the <em>library</em> allocated.
 *
 * <p>The struct is 128 bytes in VDDK 6.7–8 and 136 in VDDK 9 (the extra {@code char *sslCertificate}
 * at 128), so Java never sizes or allocates it: it comes from {@code VixDiskLib_AllocateConnectParams}
 * (or {@code VixDiskLib_GetConnectParams}) and goes back through {@code VixDiskLib_FreeConnectParams}.
 * Java only reads and writes single fields at the offsets below ({@code OFFSET_*}, x86-64 layout).
 *
 * <p>String setters copy the value into native memory this object allocates and tracks; setting a
 * field again frees the previous copy. Secrets ({@code password}, {@code key}, {@code cookie}) are
 * zeroed before their memory is freed. {@link #wipeAndFree()} zeroes the secrets, writes NULL into
 * every field this object set, and frees its copies, so that {@code FreeConnectParams} never sees a
 * Java-owned pointer whatever it frees. {@link #free(VixDiskLib)} does both in the right order.
 *
 * <p>The copies live as long as this object: keep it reachable (and do not call {@link #wipeAndFree()})
 * while the library may read the struct, i.e. until the call that takes it has returned.
 *
 * <p>Not thread-safe: one owner at a time. Passes to JNA as the C pointer ({@link PointerType}).
 */
public final class VixDiskLibConnectParams extends PointerType {
    public static final long OFFSET_vmxSpec = 0;
    public static final long OFFSET_serverName = 8;
    public static final long OFFSET_thumbPrint = 16;
    public static final long OFFSET_privateUse = 24;
    public static final long OFFSET_credType = 32;
    /** Start of the 24-byte {@code creds} union. */
    public static final long OFFSET_creds = 40;
    public static final long OFFSET_creds_uid_userName = 40;
    public static final long OFFSET_creds_uid_password = 48;
    public static final long OFFSET_creds_sessionId_cookie = 40;
    public static final long OFFSET_creds_sessionId_userName = 48;
    public static final long OFFSET_creds_sessionId_key = 56;
    public static final long SIZE_creds = 24;
    public static final long OFFSET_port = 64;
    public static final long OFFSET_nfcHostPort = 68;
    public static final long OFFSET_vimApiVer = 72;
    public static final long OFFSET_reserved = 80;
    public static final long OFFSET_internalState = 88;
    /** Start of the 24-byte {@code spec} union. */
    public static final long OFFSET_spec = 96;
    public static final long OFFSET_spec_vStorageObjSpec_id = 96;
    public static final long OFFSET_spec_vStorageObjSpec_datastoreMoRef = 104;
    public static final long OFFSET_spec_vStorageObjSpec_ssId = 112;
    public static final long OFFSET_spec_dsSpec_datastoreMoRef = 96;
    public static final long OFFSET_spec_dsSpec_diskFolder = 104;
    public static final long SIZE_spec = 24;
    public static final long OFFSET_specType = 120;
    /** VDDK 9 only. */
    public static final long OFFSET_sslCertificate = 128;

    /** {@code sizeof(VixDiskLibConnectParams)} for a VDDK major version (for documentation and checks only). */
    public static long sizeFor(int vddkMajor) {
        return vddkMajor >= 9 ? 136 : 128;
    }

    private final int vddkMajor;
    /** Java-owned copies by field offset. */
    private final Map<Long, Memory> owned = new HashMap<>();
    private final Map<Long, Boolean> secret = new HashMap<>();

    /** JNA needs a public no-argument constructor; such an instance is NULL and must not be used. */
    public VixDiskLibConnectParams() {
        this.vddkMajor = 0;
    }

    private VixDiskLibConnectParams(Pointer p, int vddkMajor) {
        super(p);
        this.vddkMajor = vddkMajor;
    }

    /**
     * Wraps a struct returned by {@code VixDiskLib_AllocateConnectParams} or {@code GetConnectParams}.
     *
     * @throws IllegalArgumentException if {@code p} is NULL (allocation failed) or the major version is below 6
     */
    public static VixDiskLibConnectParams at(Pointer p, int vddkMajor) {
        if (p == null) {
            throw new IllegalArgumentException("VixDiskLibConnectParams pointer is NULL (AllocateConnectParams failed?)");
        }
        if (vddkMajor < 6) {
            throw new IllegalArgumentException("VDDK major version must be 6 or more, got " + vddkMajor);
        }
        return new VixDiskLibConnectParams(p, vddkMajor);
    }

    /** The VDDK major version this accessor writes for. */
    public int vddkMajor() {
        return vddkMajor;
    }

    private Pointer p() {
        Pointer p = getPointer();
        if (p == null) {
            throw new IllegalStateException("VixDiskLibConnectParams is NULL or already freed");
        }
        return p;
    }

    // ---- setters of char* fields ----

    public void setVmxSpec(String value) { setString(OFFSET_vmxSpec, value); }
    public void setServerName(String value) { setString(OFFSET_serverName, value); }
    public void setThumbPrint(String value) { setString(OFFSET_thumbPrint, value); }
    public void setVimApiVer(String value) { setString(OFFSET_vimApiVer, value); }

    /** {@code credType = VIXDISKLIB_CRED_UID; creds.uid.userName; creds.uid.password} (the password is copied and the caller may wipe its array). */
    public void setUidCredentials(String userName, char[] password) {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
        clearCreds();
        setCredType(VixDiskLibConstants.VIXDISKLIB_CRED_UID);
        setString(OFFSET_creds_uid_userName, userName);
        setSecret(OFFSET_creds_uid_password, password);
    }

    /** {@code credType = VIXDISKLIB_CRED_SESSIONID; creds.sessionId.cookie, userName, key} (cookie and key are treated as secrets). */
    public void setSessionIdCredentials(char[] cookie, String userName, char[] key) {
        Objects.requireNonNull(cookie, "cookie");
        Objects.requireNonNull(userName, "userName");
        clearCreds();
        setCredType(VixDiskLibConstants.VIXDISKLIB_CRED_SESSIONID);
        setSecret(OFFSET_creds_sessionId_cookie, cookie);
        setString(OFFSET_creds_sessionId_userName, userName);
        if (key != null) {
            setSecret(OFFSET_creds_sessionId_key, key);
        }
    }

    /** {@code spec.vStorageObjSpec} (first-class disk) and {@code specType = VIXDISKLIB_SPEC_VSTORAGE_OBJECT}. */
    public void setVStorageObjSpec(String id, String datastoreMoRef, String ssId) {
        clearSpec();
        setString(OFFSET_spec_vStorageObjSpec_id, id);
        setString(OFFSET_spec_vStorageObjSpec_datastoreMoRef, datastoreMoRef);
        setString(OFFSET_spec_vStorageObjSpec_ssId, ssId);
        setSpecType(VixDiskLibConstants.VIXDISKLIB_SPEC_VSTORAGE_OBJECT);
    }

    /** {@code spec.dsSpec} (VDDK 8.0.1+) and {@code specType = VIXDISKLIB_SPEC_DATASTORE}. */
    public void setDsSpec(String datastoreMoRef, String diskFolder) {
        if (vddkMajor < 8) {
            throw new UnsupportedOperationException("spec.dsSpec needs VDDK 8.0.1 or later; the loaded VDDK is " + vddkMajor);
        }
        clearSpec();
        setString(OFFSET_spec_dsSpec_datastoreMoRef, datastoreMoRef);
        setString(OFFSET_spec_dsSpec_diskFolder, diskFolder);
        setSpecType(VixDiskLibConstants.VIXDISKLIB_SPEC_DATASTORE);
    }

    /** {@code char *sslCertificate} (PEM) at 128: VDDK 9 only. */
    public void setSslCertificate(String pem) {
        requireSslCertificateField();
        setString(OFFSET_sslCertificate, pem);
    }

    // ---- setters of scalar fields ----

    public void setCredType(int credType) { p().setInt(OFFSET_credType, credType); }
    public void setPort(int port) { p().setInt(OFFSET_port, port); }
    public void setNfcHostPort(int port) { p().setInt(OFFSET_nfcHostPort, port); }
    public void setSpecType(int specType) { p().setInt(OFFSET_specType, specType); }

    // ---- getters ----

    public String getVmxSpec() { return getString(OFFSET_vmxSpec); }
    public String getServerName() { return getString(OFFSET_serverName); }
    public String getThumbPrint() { return getString(OFFSET_thumbPrint); }
    public String getVimApiVer() { return getString(OFFSET_vimApiVer); }
    public int getCredType() { return p().getInt(OFFSET_credType); }
    /** {@code creds.uid.userName} (only meaningful for {@code VIXDISKLIB_CRED_UID}). */
    public String getUidUserName() { return getString(OFFSET_creds_uid_userName); }
    /** {@code creds.sessionId.userName} (only meaningful for {@code VIXDISKLIB_CRED_SESSIONID}). */
    public String getSessionIdUserName() { return getString(OFFSET_creds_sessionId_userName); }
    public int getPort() { return p().getInt(OFFSET_port); }
    public int getNfcHostPort() { return p().getInt(OFFSET_nfcHostPort); }
    public int getSpecType() { return p().getInt(OFFSET_specType); }
    public String getVStorageObjId() { return getString(OFFSET_spec_vStorageObjSpec_id); }
    public String getVStorageObjDatastoreMoRef() { return getString(OFFSET_spec_vStorageObjSpec_datastoreMoRef); }
    public String getVStorageObjSsId() { return getString(OFFSET_spec_vStorageObjSpec_ssId); }
    public String getDsSpecDatastoreMoRef() { return getString(OFFSET_spec_dsSpec_datastoreMoRef); }
    public String getDsSpecDiskFolder() { return getString(OFFSET_spec_dsSpec_diskFolder); }

    /** {@code sslCertificate}: VDDK 9 only. */
    public String getSslCertificate() {
        requireSslCertificateField();
        return getString(OFFSET_sslCertificate);
    }

    /** Whether a secret ({@code password}, {@code cookie}, {@code key}) is currently held in Java-owned native memory. */
    public boolean holdsSecrets() {
        return secret.values().stream().anyMatch(Boolean::booleanValue);
    }

    // ---- release ----

    /**
     * Zeroes every secret this object copied, writes NULL into every field it set, and frees its
     * copies. The struct itself stays allocated (free it with {@code VixDiskLib_FreeConnectParams}).
     * Idempotent.
     */
    public void wipeAndFree() {
        Pointer p = getPointer();
        for (Map.Entry<Long, Memory> e : owned.entrySet()) {
            if (p != null) {
                p.setPointer(e.getKey(), null);
            }
            release(e.getValue(), Boolean.TRUE.equals(secret.get(e.getKey())));
        }
        owned.clear();
        secret.clear();
    }

    /**
     * {@link #wipeAndFree()} then {@code VixDiskLib_FreeConnectParams}; afterwards this accessor is
     * NULL and any use throws {@link IllegalStateException}. Idempotent.
     */
    public void free(VixDiskLib lib) {
        Pointer p = getPointer();
        wipeAndFree();
        if (p != null) {
            setPointer(null);
            lib.VixDiskLib_FreeConnectParams(new VixDiskLibConnectParams(p, vddkMajor));
        }
    }

    // ---- internals ----

    private void requireSslCertificateField() {
        if (vddkMajor < 9) {
            throw new UnsupportedOperationException(
                    "VixDiskLibConnectParams.sslCertificate exists only in VDDK 9 and later; the loaded VDDK is " + vddkMajor);
        }
    }

    private void clearCreds() {
        for (long off = OFFSET_creds; off < OFFSET_creds + SIZE_creds; off += 8) {
            setString(off, null);
        }
    }

    private void clearSpec() {
        for (long off = OFFSET_spec; off < OFFSET_spec + SIZE_spec; off += 8) {
            setString(off, null);
        }
    }

    private String getString(long offset) {
        Pointer s = p().getPointer(offset);
        return s == null ? null : s.getString(0, "UTF-8");
    }

    private void setString(long offset, String value) {
        Pointer p = p();
        forget(offset);
        if (value == null) {
            p.setPointer(offset, null);
            return;
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("value for offset " + offset + " contains a NUL character, which C strings cannot hold");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        owned.put(offset, m);
        p.setPointer(offset, m);
    }

    private void setSecret(long offset, char[] value) {
        Pointer p = p();
        forget(offset);
        Memory m = utf8Secret(value);
        owned.put(offset, m);
        secret.put(offset, Boolean.TRUE);
        p.setPointer(offset, m);
    }

    private void forget(long offset) {
        Memory old = owned.remove(offset);
        Boolean wasSecret = secret.remove(offset);
        if (old != null) {
            getPointer().setPointer(offset, null);
            release(old, Boolean.TRUE.equals(wasSecret));
        }
    }

    private static void release(Memory m, boolean wipe) {
        if (wipe) {
            m.clear();
        }
        m.close();
    }

    /**
     * Encodes a secret as a NUL-terminated UTF-8 C string straight into native memory: no byte[]
     * or encoder buffer on the Java heap ever holds its bytes (a {@code CharsetEncoder} grows its
     * buffer by copying and drops the old one unwiped, which left a non-ASCII password's first
     * bytes in the heap).
     *
     * @throws IllegalArgumentException for a NUL or half a surrogate pair (message without the secret)
     */
    static Memory utf8Secret(char[] chars) {
        long length = 0;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c == 0) {
                throw new IllegalArgumentException("secret contains a NUL character at index " + i
                        + ", which C strings cannot hold");
            }
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("secret contains half of a UTF-16 surrogate pair at index " + i);
            } else {
                length += 3;
            }
        }
        Memory m = new Memory(length + 1);
        long at = 0;
        for (int i = 0; i < chars.length; i++) {
            int cp = chars[i];
            if (Character.isHighSurrogate(chars[i])) {
                cp = Character.toCodePoint(chars[i], chars[++i]);
            }
            if (cp < 0x80) {
                m.setByte(at++, (byte) cp);
            } else if (cp < 0x800) {
                m.setByte(at++, (byte) (0xC0 | cp >> 6));
                m.setByte(at++, (byte) (0x80 | cp & 0x3F));
            } else if (cp < 0x10000) {
                m.setByte(at++, (byte) (0xE0 | cp >> 12));
                m.setByte(at++, (byte) (0x80 | cp >> 6 & 0x3F));
                m.setByte(at++, (byte) (0x80 | cp & 0x3F));
            } else {
                m.setByte(at++, (byte) (0xF0 | cp >> 18));
                m.setByte(at++, (byte) (0x80 | cp >> 12 & 0x3F));
                m.setByte(at++, (byte) (0x80 | cp >> 6 & 0x3F));
                m.setByte(at++, (byte) (0x80 | cp & 0x3F));
            }
        }
        m.setByte(at, (byte) 0);
        return m;
    }
}
