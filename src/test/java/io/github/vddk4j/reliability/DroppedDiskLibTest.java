package io.github.vddk4j.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 3: a DiskLib dropped without close() keeps its log callbacks reachable while
 * VDDK can call them; a GC does not collect them under VDDK's threads.
 */
class DroppedDiskLibTest {
    @Test
    void callbacksOfADroppedDiskLibSurviveGarbageCollectionWhileVddkStillCallsThem() throws Exception {
        ChildJvm.Result r = ChildJvm.run(DroppedDiskLibMain.class, List.of("-Xmx128m", "-XX:+UseSerialGC"), 120);
        assertEquals(0, r.exitStatus(), r.output());
        assertTrue(r.output().contains("emit 0 received 100"), r.output());
    }
}
