package io.github.vddk4j.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, defect 5: after a connect, close and {@code Credentials.destroy()}, a heap dump of the
 * process (unreachable objects included) holds no UTF-8 copy of the password, ASCII or not.
 */
class SecretHeapDumpTest {
    /** The non-ASCII tail; in UTF-8 it is 14 bytes for 6 characters, so an encoder's buffer must grow. */
    static final String TAIL = "\u00e4\u00f6\u00fc\u00e9\u00df\u20ac";

    @TempDir
    Path dir;

    /** The password: the ASCII seed, then the tail {@code repeat} times (0 = ASCII only). */
    static char[] password(String seed, int repeat) {
        return (seed + TAIL.repeat(repeat)).toCharArray();
    }

    @ParameterizedTest(name = "non-ASCII repeats: {0}")
    @ValueSource(ints = {0, 1, 8})
    void heapDumpAfterCloseAndDestroyHoldsNoUtf8CopyOfThePassword(int repeat) throws Exception {
        String seed = "pw" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dump = dir.resolve("heap.hprof");
        ChildJvm.Result r = ChildJvm.run(SecretHeapDumpMain.class, List.of("-Xmx64m", "-XX:+UseSerialGC"), 120,
                seed, Integer.toString(repeat), dump.toString());
        assertEquals(0, r.exitStatus(), r.output());
        assertTrue(r.output().contains("dumped"), r.output());
        byte[] heap = Files.readAllBytes(dump);
        // The seed is ASCII and appears as Latin-1 text (the child's argument); what must not appear
        // is the seed followed by the first bytes of the password's UTF-8 encoding.
        String pw = new String(password(seed, repeat));
        byte[] utf8 = pw.getBytes(StandardCharsets.UTF_8);
        byte[] needle = java.util.Arrays.copyOf(utf8, Math.min(utf8.length, seed.length() + 4));
        if (repeat == 0) {
            needle = (seed + "\0").getBytes(StandardCharsets.US_ASCII); // a C-string copy would end in NUL
        }
        assertEquals(-1, indexOf(heap, needle), "the password's UTF-8 bytes are in the heap dump");
        Files.delete(dump);
    }

    private static int indexOf(byte[] hay, byte[] needle) throws IOException {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
