package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VddkExceptionTest {

    @Test
    void messageNamesFunctionCodeTextAndLog() {
        VddkException e = new VddkException("VixDiskLib_Open", null, 4, "A file was not found",
                List.of("DISKLIB-LINK : Opening failed"));
        assertEquals("VixDiskLib_Open failed: VIX_E_FILE_NOT_FOUND (4): A file was not found"
                + " [VDDK log: DISKLIB-LINK : Opening failed]", e.getMessage());
        assertEquals(VixErrorCode.VIX_E_FILE_NOT_FOUND, e.errorCode());
        assertEquals("VixDiskLib_Open", e.function());
    }

    @Test
    void fullSixtyFourBitErrorIsKeptAndCodeIsLowSixteenBits() {
        long vixError = 0x0000_0123_0000_3E8FL; // 16015 in the low bits, extra bits above
        VddkException e = new VddkException("VixDiskLib_Read", "[ds] a.vmdk", vixError, null, List.of());
        assertEquals(vixError, e.vixError());
        assertEquals(0x3E8F, e.code());
        assertEquals(VixErrorCode.UNKNOWN, e.errorCode());
        assertTrue(e.getMessage().contains("VixError 0x12300003e8f"), e.getMessage());
        assertTrue(e.getMessage().contains("(no error text)"), e.getMessage());
        assertTrue(e.getMessage().contains("([ds] a.vmdk)"), e.getMessage());
    }

    @Test
    void typedCodesCoverTheDocumentedTable() {
        assertEquals(VixErrorCode.VIX_E_DISK_OUTOFRANGE, VixErrorCode.of(16007));
        assertEquals(VixErrorCode.VIX_E_FILE_READ_ONLY, VixErrorCode.of(11));
        assertEquals(VixErrorCode.VIX_E_HOST_USER_PERMISSIONS, VixErrorCode.of(3014));
        assertEquals(VixErrorCode.VIX_E_NET_HTTP_OPERATION_TIMEDOUT, VixErrorCode.of(30028));
        assertEquals(VixErrorCode.UNKNOWN, VixErrorCode.of(7777));
    }
}
