package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A huge value quoted in an exception message is cut to its start and end (through the stub). */
class BoundedMessageStubTest extends LocalStubConnectionTest {

    @Test
    void openingA100000CharacterPathGivesAShortMessageNamingItsLength() {
        String path = dir.resolve("x".repeat(100_000) + "-end.vmdk").toString();
        VddkCallException e = assertThrows(VddkCallException.class, () -> conn.open(path));
        assertTrue(e.getMessage().length() < 2000, "message of " + e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("characters omitted"), e.getMessage());
        assertTrue(e.getMessage().contains("-end.vmdk"), "the end of the path (the file name) is kept");
        assertEquals(path, e.context(), "the full value stays available");
    }

    @Test
    void hugeVddkLogLinesAndManyOfThemAreBoundedInTheMessage() {
        List<String> log = Collections.nCopies(1000, "w".repeat(10_000));
        VddkCallException e = new VddkCallException("VixDiskLib_Open", "a.vmdk", 4, "A file was not found", log);
        assertTrue(e.getMessage().length() < 4000, "message of " + e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("992 more lines"), e.getMessage());
        assertEquals(1000, e.vddkLog().size());
    }

    @Test
    void aBadPathIsEchoedBounded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conn.open("a\0" + "b".repeat(100_000)));
        assertTrue(e.getMessage().length() < 1000, "message of " + e.getMessage().length() + " characters");
    }
}
