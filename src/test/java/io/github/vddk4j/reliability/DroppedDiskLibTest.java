package io.github.vddk4j.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 3: a DiskLib dropped without close() keeps its log callbacks reachable while
 * VDDK can call them (a GC does not collect them under VDDK's threads), until the safety net closes
 * it; then the process slot is released and a new open() gets the one-InitEx-per-process refusal,
 * not "already open".
 */
class DroppedDiskLibTest {
    @Test
    void callbacksOfADroppedDiskLibSurviveGarbageCollectionWhileVddkStillCallsThem() throws Exception {
        ChildJvm.Result r = ChildJvm.run(DroppedDiskLibMain.class, List.of("-Xmx128m", "-XX:+UseSerialGC"), 120);
        assertEquals(0, r.exitStatus(), r.output());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("emitted (\\d+) received (\\d+)").matcher(r.output());
        assertTrue(m.find(), r.output());
        int emitted = Integer.parseInt(m.group(1));
        int received = Integer.parseInt(m.group(2));
        assertTrue(emitted >= 100, r.output());
        // all but the last round: the stub's test threads (not a vddk4j call) may still be logging
        // when the safety net's Exit runs, and what they log after Exit goes to VDDK's own stderr
        assertTrue(received >= emitted - 100, "messages VDDK's threads logged before Exit reached the sink: "
                + received + " of " + emitted);
        if (r.output().contains("became unreachable without close()")) { // the safety net ran Exit
            assertTrue(r.output().contains("reopen refused: VDDK cannot be initialised again"), r.output());
        }
    }
}
