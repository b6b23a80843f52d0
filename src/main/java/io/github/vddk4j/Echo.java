package io.github.vddk4j;

/**
 * Bounds a caller's or VDDK's value quoted in an exception message (a path, a VDDK log line), so
 * that a huge value (a 100,000-character path) cannot make a huge message: the start and the end
 * (where a path's file name is) are kept, the middle is replaced by how many characters it had.
 * The full value stays available through the exception's accessors.
 */
final class Echo {
    /** The longest value quoted whole. */
    static final int MAX = 256;
    private static final int HEAD = 160;
    private static final int TAIL = 64;

    private Echo() {
    }

    /** {@code value} if at most {@link #MAX} characters, else its start and end around a count; null stays null. */
    static String bounded(String value) {
        if (value == null || value.length() <= MAX) {
            return value;
        }
        int omitted = value.length() - HEAD - TAIL;
        return value.substring(0, HEAD) + "...[" + omitted + " of " + value.length() + " characters omitted]..."
                + value.substring(value.length() - TAIL);
    }
}
