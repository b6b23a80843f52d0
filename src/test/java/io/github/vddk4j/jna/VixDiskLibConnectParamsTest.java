package io.github.vddk4j.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** The ConnectParams accessor over a struct Java did not allocate (here: zeroed native memory standing in). */
class VixDiskLibConnectParamsTest {
    private final Memory struct = new Memory(136);

    {
        struct.clear();
    }

    @AfterEach
    void release() {
        struct.close();
    }

    @Test
    void settersWriteCStringsAtTheCOffsets() {
        VixDiskLibConnectParams p = VixDiskLibConnectParams.at(struct, 9);
        p.setVmxSpec("moref=vm-1");
        p.setServerName("vc.example.com");
        p.setThumbPrint("AA:BB");
        p.setSessionIdCredentials("cookie".toCharArray(), "user", "key".toCharArray());
        p.setVStorageObjSpec("id-1", "datastore-2", "ss-3");
        p.setSslCertificate("-----BEGIN CERTIFICATE-----");
        assertEquals("moref=vm-1", struct.getPointer(0).getString(0));
        assertEquals("vc.example.com", struct.getPointer(8).getString(0));
        assertEquals(VixDiskLibConstants.VIXDISKLIB_CRED_SESSIONID, struct.getInt(32));
        assertEquals("cookie", struct.getPointer(40).getString(0));
        assertEquals("user", struct.getPointer(48).getString(0));
        assertEquals("key", struct.getPointer(56).getString(0));
        assertEquals("id-1", struct.getPointer(96).getString(0));
        assertEquals("datastore-2", struct.getPointer(104).getString(0));
        assertEquals("ss-3", struct.getPointer(112).getString(0));
        assertEquals(VixDiskLibConstants.VIXDISKLIB_SPEC_VSTORAGE_OBJECT, struct.getInt(120));
        assertEquals("-----BEGIN CERTIFICATE-----", struct.getPointer(128).getString(0));
        assertEquals("user", p.getSessionIdUserName());
        p.wipeAndFree();
    }

    @Test
    void switchingCredentialsClearsTheWholeUnion() {
        VixDiskLibConnectParams p = VixDiskLibConnectParams.at(struct, 8);
        p.setSessionIdCredentials("c".toCharArray(), "u", "k".toCharArray());
        p.setUidCredentials("alice", "pw".toCharArray());
        assertEquals("alice", struct.getPointer(40).getString(0));
        assertEquals("pw", struct.getPointer(48).getString(0));
        assertNull(struct.getPointer(56), "sessionId.key from the previous credentials is gone");
        p.wipeAndFree();
    }

    @Test
    void wipeAndFreeNullsEveryFieldJavaSetAndKeepsTheRest() {
        VixDiskLibConnectParams p = VixDiskLibConnectParams.at(struct, 8);
        p.setServerName("esx");
        p.setUidCredentials("u", "secret".toCharArray());
        p.setPort(443);
        Pointer password = struct.getPointer(48);
        assertEquals("secret", password.getString(0));
        assertTrue(p.holdsSecrets());
        p.wipeAndFree();
        assertNull(struct.getPointer(8));
        assertNull(struct.getPointer(40));
        assertNull(struct.getPointer(48));
        assertEquals(443, struct.getInt(64));
        assertFalse(p.holdsSecrets());
        p.wipeAndFree(); // idempotent
    }

    @Test
    void freeWipesThenCallsFreeConnectParamsOnce() {
        VixDiskLib lib = mock(VixDiskLib.class);
        VixDiskLibConnectParams p = VixDiskLibConnectParams.at(struct, 8);
        p.setUidCredentials("u", "pw".toCharArray());
        p.free(lib);
        p.free(lib);
        verify(lib, times(1)).VixDiskLib_FreeConnectParams(argThat(a -> a.getPointer().equals(struct)));
        assertNull(struct.getPointer(48), "the password pointer was cleared before FreeConnectParams");
        assertThrows(IllegalStateException.class, () -> p.setServerName("x"), "use after free");
    }

    @Test
    void versionDependentFieldsAreRefusedOnOlderVddk() {
        VixDiskLibConnectParams p8 = VixDiskLibConnectParams.at(struct, 8);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> p8.setSslCertificate("pem"));
        assertTrue(e.getMessage().contains("VDDK 9"), e.getMessage());
        assertNull(struct.getPointer(128), "nothing written past the 128-byte struct of VDDK 8");
        VixDiskLibConnectParams p7 = VixDiskLibConnectParams.at(struct, 7);
        assertThrows(UnsupportedOperationException.class, () -> p7.setDsSpec("ds", "folder"));
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        assertThrows(IllegalArgumentException.class, () -> VixDiskLibConnectParams.at(null, 8));
        assertThrows(IllegalArgumentException.class, () -> VixDiskLibConnectParams.at(struct, 5));
        VixDiskLibConnectParams p = VixDiskLibConnectParams.at(struct, 8);
        assertThrows(IllegalArgumentException.class, () -> p.setServerName("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> p.setUidCredentials("u", new char[] {'a', '\0'}));
        assertThrows(IllegalArgumentException.class, () -> p.setUidCredentials("u", new char[] {'\uD800'}));
        assertNull(struct.getPointer(8));
        p.wipeAndFree();
    }

    @Test
    void secretsAreEncodedAsUtf8CStringsStraightIntoNativeMemory() {
        for (String text : new String[] {"", "S3cr3t", "\u00e4\u00f6\u00fc\u00e9\u00df\u20ac", "key \uD83D\uDD11 x", "\u07ff\u0800\uffff"}) {
            Memory m = VixDiskLibConnectParams.utf8Secret(text.toCharArray());
            byte[] expected = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(expected.length + 1, m.size(), text);
            assertTrue(java.util.Arrays.equals(expected, m.getByteArray(0, expected.length)), text);
            assertEquals(0, m.getByte(expected.length));
            m.close();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VixDiskLibConnectParams.utf8Secret("ab\uD800".toCharArray()));
        assertFalse(e.getMessage().contains("ab"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VixDiskLibConnectParams.utf8Secret("a\0b".toCharArray()));
    }
}
