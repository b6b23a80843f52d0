package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HexDumpTest {

    private static String dump(byte[] data, long base) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        HexDump.write(ByteBuffer.wrap(data), base, out);
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void lineShowsOffsetHexInTwoGroupsAndPrintableAscii() {
        byte[] b = "Hello, VDDK!\u0000\u0001\u007f~".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("0000000000000200  48 65 6c 6c 6f 2c 20 56  44 44 4b 21 00 01 7f 7e  |Hello, VDDK!...~|\n"
                + "0000000000000210\n", dump(b, 0x200));
    }

    @Test
    void repeatedLinesCollapseToOneStar() {
        byte[] b = new byte[64];
        b[63] = 1;
        assertEquals("0000000000000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
                + "*\n"
                + "0000000000000030  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 01  |................|\n"
                + "0000000000000040\n", dump(b, 0));
    }

    @Test
    void shortLastLineIsPadded() {
        assertEquals("0000000000000000  41 42 43                                          |ABC|\n"
                + "0000000000000003\n", dump(new byte[] {'A', 'B', 'C'}, 0));
    }

    @Test
    void bufferPositionIsNotConsumed() {
        ByteBuffer buf = ByteBuffer.wrap(new byte[16]);
        HexDump.write(buf, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, buf.position());
    }
}
