package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportModeTest {

    @Test
    void cNamesAreVddksNames() {
        assertEquals("file:san:hotadd:nbdssl:nbd", TransportMode.join(List.of(TransportMode.values())));
    }

    @Test
    void reportedListSkipsNamesVddk4jDoesNotKnow() {
        assertEquals(List.of(TransportMode.FILE, TransportMode.NBD),
                TransportMode.parseReported("file:future:nbd"));
        assertEquals(List.of(), TransportMode.parseReported(null));
    }

    @Test
    void lookupIsCaseInsensitive() {
        assertEquals(Optional.of(TransportMode.NBDSSL), TransportMode.fromCName("NBDSSL"));
        assertEquals(Optional.empty(), TransportMode.fromCName("nfs"));
    }
}
