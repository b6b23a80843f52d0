package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.vddk4j.testsupport.SharedDiskLib;
import org.junit.jupiter.api.Test;

/** Cleanup with local parameters behaves as VDDK does (through the stub): VIX_OK, counts untouched. */
class LocalCleanupStubTest {

    @Test
    void cleanupOfLocalParamsReturnsNothingCleanedUpAndNothingRemaining() {
        CleanupResult r = SharedDiskLib.get().cleanup(ConnectParams.local());
        assertEquals(0, r.numCleanedUp());
        assertEquals(0, r.numRemaining());
    }
}
