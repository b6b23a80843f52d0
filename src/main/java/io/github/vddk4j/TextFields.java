package io.github.vddk4j;

/**
 * Checks of the text fields that become C strings in {@code VixDiskLibConnectParams} and other
 * arguments, done when the Java value is built so that the error names the field (not a struct
 * offset at connect time). Secrets are never shown in a message.
 */
final class TextFields {
    private TextFields() {
    }

    /**
     * @return {@code value}
     * @throws IllegalArgumentException naming {@code field} if it is null, blank, holds a NUL
     *     (C strings end there) or half a surrogate pair (not encodable as UTF-8)
     */
    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be null or blank");
        }
        check(value, field);
        return value;
    }

    /**
     * @return {@code secret} (not copied)
     * @throws NullPointerException naming {@code field} if it is null
     * @throws IllegalArgumentException naming {@code field} and the index (never the content) if
     *     it holds a NUL or half a surrogate pair
     */
    static char[] requireSecret(char[] secret, String field) {
        if (secret == null) {
            throw new NullPointerException(field + " must not be null");
        }
        check(java.nio.CharBuffer.wrap(secret), field);
        return secret;
    }

    private static void check(CharSequence s, String field) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException(field + " contains a NUL character at index " + i
                        + ", which C strings cannot hold");
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " contains half of a UTF-16 surrogate pair at index " + i
                        + ", which UTF-8 cannot encode");
            }
        }
    }
}
