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
}
