package io.github.vddk4j;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Credentials for a remote connection ({@code VixDiskLibConnectParams.credType} and its union).
 * Secrets are held as {@code char[]} copies that {@link #destroy()} overwrites; they never appear
 * in {@code toString}, logs or exception messages. vddk4j copies them into native memory only for
 * the duration of one VixDiskLib call and zeroes that copy right after it.
 */
public sealed interface Credentials extends Destroyable permits Credentials.UserPassword, Credentials.SessionCookie {

    /**
     * {@code VIXDISKLIB_CRED_UID}: user name and password.
     *
     * @param userName e.g. {@code "backup@vsphere.local"}
     * @param password copied; wipe your own array when you no longer need it
     * @return new credentials
     * @throws IllegalArgumentException if the user name is blank, or the user name or password
     *     holds a NUL character or half a surrogate pair (the message names the field, never the secret)
     * @throws NullPointerException if the password is null
     */
    static UserPassword userPassword(String userName, char[] password) {
        return new UserPassword(userName, password);
    }

    /**
     * {@code VIXDISKLIB_CRED_SESSIONID}: a vSphere session cookie obtained elsewhere (e.g. from
     * the vSphere API), with its user name and an optional key.
     *
     * @param cookie   the session cookie (a secret: never printed)
     * @param userName the user the session belongs to
     * @param key      the session key, or null; copied
     * @return new credentials
     * @throws IllegalArgumentException if the cookie or user name is blank, or a field holds a NUL
     *     character or half a surrogate pair (the message names the field, never the secret)
     */
    static SessionCookie sessionCookie(String cookie, String userName, char[] key) {
        return new SessionCookie(cookie, userName, key);
    }

    /** {@link #sessionCookie(String, String, char[])} without a key. */
    static SessionCookie sessionCookie(String cookie, String userName) {
        return new SessionCookie(cookie, userName, null);
    }

    /** The user name (not a secret). */
    String userName();

    /** Overwrites the secret copies held here; later use of these credentials is refused. */
    @Override
    void destroy();

    /** Whether {@link #destroy()} was called. */
    @Override
    boolean isDestroyed();

    /** An independent copy (its own secret arrays), used by leases that outlive the caller's. */
    Credentials copy();

    /** User name and password ({@code VIXDISKLIB_CRED_UID}). */
    final class UserPassword implements Credentials {
        private final String userName;
        private final char[] password;
        private volatile boolean destroyed;

        private UserPassword(String userName, char[] password) {
            this.userName = requireText(userName, "userName");
            this.password = TextFields.requireSecret(password, "password").clone();
        }

        @Override
        public String userName() {
            return userName;
        }

        /**
         * A copy of the password; wipe it after use.
         *
         * @throws IllegalStateException after {@link #destroy()}
         */
        public char[] password() {
            checkAlive(destroyed);
            return password.clone();
        }

        @Override
        public void destroy() {
            destroyed = true;
            Arrays.fill(password, '\0');
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public UserPassword copy() {
            checkAlive(destroyed);
            return new UserPassword(userName, password);
        }

        /** Shows the user name only. */
        @Override
        public String toString() {
            return "UserPassword[userName=" + userName + ", password=***" + (destroyed ? ", destroyed" : "") + "]";
        }
    }

    /** A vSphere session cookie ({@code VIXDISKLIB_CRED_SESSIONID}). */
    final class SessionCookie implements Credentials {
        private final char[] cookie;
        private final String userName;
        private final char[] key;
        private volatile boolean destroyed;

        private SessionCookie(String cookie, String userName, char[] key) {
            this(requireText(cookie, "cookie").toCharArray(), userName, key, false);
        }

        private SessionCookie(char[] cookie, String userName, char[] key, boolean copyCookie) {
            this.cookie = copyCookie ? cookie.clone() : cookie;
            this.userName = requireText(userName, "userName");
            this.key = key == null ? null : TextFields.requireSecret(key, "key").clone();
        }

        @Override
        public String userName() {
            return userName;
        }

        /**
         * A copy of the cookie; wipe it after use.
         *
         * @throws IllegalStateException after {@link #destroy()}
         */
        public char[] cookie() {
            checkAlive(destroyed);
            return cookie.clone();
        }

        /**
         * A copy of the key, or null when none was given; wipe it after use.
         *
         * @throws IllegalStateException after {@link #destroy()}
         */
        public char[] key() {
            checkAlive(destroyed);
            return key == null ? null : key.clone();
        }

        @Override
        public void destroy() {
            destroyed = true;
            Arrays.fill(cookie, '\0');
            if (key != null) {
                Arrays.fill(key, '\0');
            }
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public SessionCookie copy() {
            checkAlive(destroyed);
            return new SessionCookie(cookie, userName, key, true);
        }

        /** Shows the user name only. */
        @Override
        public String toString() {
            return "SessionCookie[userName=" + userName + ", cookie=***" + (key != null ? ", key=***" : "")
                    + (destroyed ? ", destroyed" : "") + "]";
        }
    }

    private static String requireText(String value, String name) {
        return TextFields.requireText(value, name);
    }

    private static void checkAlive(boolean destroyed) {
        if (destroyed) {
            throw new IllegalStateException("these credentials were destroyed (Credentials.destroy()); create new ones");
        }
    }
}
