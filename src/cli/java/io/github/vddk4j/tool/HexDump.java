package io.github.vddk4j.tool;

import java.io.PrintStream;
import java.nio.ByteBuffer;

/**
 * Canonical hex+ASCII dump ({@code hexdump -C} style): 16 bytes per line with their absolute byte
 * offset; a run of lines identical to the one before is shown once as {@code *}.
 */
final class HexDump {
    private HexDump() {}

    /**
     * Writes {@code data} (position to limit, not consumed) labelled from {@code baseOffset}, then a
     * last line with the offset just past the end.
     */
    static void write(ByteBuffer data, long baseOffset, PrintStream out) {
        ByteBuffer b = data.duplicate();
        byte[] line = new byte[16];
        byte[] previous = null;
        boolean starred = false;
        long offset = baseOffset;
        while (b.hasRemaining()) {
            int n = Math.min(16, b.remaining());
            byte[] current = n == 16 ? line : new byte[n];
            b.get(current, 0, n);
            if (previous != null && n == 16 && java.util.Arrays.equals(previous, current)) {
                if (!starred) {
                    out.println("*");
                    starred = true;
                }
            } else {
                out.println(formatLine(offset, current, n));
                starred = false;
            }
            previous = current.clone();
            offset += n;
        }
        out.println(String.format("%016x", offset));
    }

    static String formatLine(long offset, byte[] bytes, int n) {
        StringBuilder s = new StringBuilder(80);
        s.append(String.format("%016x ", offset));
        for (int i = 0; i < 16; i++) {
            if (i == 8) {
                s.append(' ');
            }
            if (i < n) {
                s.append(' ').append(Character.forDigit((bytes[i] >> 4) & 0xF, 16))
                        .append(Character.forDigit(bytes[i] & 0xF, 16));
            } else {
                s.append("   ");
            }
        }
        s.append("  |");
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return s.append('|').toString();
    }
}
