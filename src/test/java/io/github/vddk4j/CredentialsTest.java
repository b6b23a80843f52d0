package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void passwordIsCopiedDefensively() {
        char[] mine = "hunter2".toCharArray();
        Credentials.UserPassword c = Credentials.userPassword("u", mine);
        mine[0] = 'X';
        assertArrayEquals("hunter2".toCharArray(), c.password());
        char[] handedOut = c.password();
        handedOut[0] = 'Y';
        assertArrayEquals("hunter2".toCharArray(), c.password());
    }

    @Test
    void destroyWipesAndRefusesLaterUse() {
        Credentials.UserPassword c = Credentials.userPassword("u", "hunter2".toCharArray());
        assertFalse(c.isDestroyed());
        c.destroy();
        assertTrue(c.isDestroyed());
        assertThrows(IllegalStateException.class, c::password);
        assertThrows(IllegalStateException.class, c::copy);
        assertTrue(c.toString().contains("destroyed"));
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        Credentials.SessionCookie c = Credentials.sessionCookie("ck", "u", "k".toCharArray());
        Credentials.SessionCookie copy = c.copy();
        assertNotSame(c, copy);
        c.destroy();
        assertArrayEquals("ck".toCharArray(), copy.cookie());
        assertArrayEquals("k".toCharArray(), copy.key());
        assertEquals("u", copy.userName());
    }

    @Test
    void sessionCookieKeyIsOptional() {
        assertNull(Credentials.sessionCookie("ck", "u").key());
    }

    @Test
    void toStringHidesSecrets() {
        assertFalse(Credentials.userPassword("u", "hunter2".toCharArray()).toString().contains("hunter2"));
        String s = Credentials.sessionCookie("vmware_soap_session=abc", "u", "kk1".toCharArray()).toString();
        assertFalse(s.contains("abc"), s);
        assertFalse(s.contains("kk1"), s);
    }

    @Test
    void blankUserIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Credentials.userPassword(" ", new char[0]));
        assertThrows(IllegalArgumentException.class, () -> Credentials.sessionCookie("", "u"));
    }

    private static void rejectedNaming(String field, org.junit.jupiter.api.function.Executable call, String secret) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(field + " contains"), e.getMessage());
        if (secret != null) {
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }

    @Test
    void nulInAnyFieldIsRefusedWhenBuiltNamingTheFieldNotTheSecret() {
        rejectedNaming("userName", () -> Credentials.userPassword("ad\0min", "pw".toCharArray()), null);
        rejectedNaming("password", () -> Credentials.userPassword("admin", "S3cr\0t".toCharArray()), "S3cr");
        rejectedNaming("cookie", () -> Credentials.sessionCookie("abc\0def", "u"), "abc");
        rejectedNaming("userName", () -> Credentials.sessionCookie("abc", "u\0"), null);
        rejectedNaming("key", () -> Credentials.sessionCookie("abc", "u", "k\0ey".toCharArray()), null);
    }

    @Test
    void halfASurrogatePairIsRefusedWhenBuiltNamingTheField() {
        rejectedNaming("password", () -> Credentials.userPassword("admin", "pw\uD800".toCharArray()), "pw");
        rejectedNaming("userName", () -> Credentials.userPassword("\uDC00admin", "pw".toCharArray()), null);
        assertEquals("pw\uD83D\uDD11", new String(Credentials.userPassword("a", "pw\uD83D\uDD11".toCharArray()).password()));
    }

    @Test
    void nullPasswordIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Credentials.userPassword("a", null));
        assertTrue(e.getMessage().contains("password"), e.getMessage());
    }
}
