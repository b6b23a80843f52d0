package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VddkExceptionTest {

    @Test
    void messageNamesFunctionCodeTextAndLog() {
        VddkCallException e = new VddkCallException("VixDiskLib_Open", null, 4, "A file was not found",
                List.of("DISKLIB-LINK : Opening failed"));
        assertEquals("VixDiskLib_Open failed: VIX_E_FILE_NOT_FOUND (4): A file was not found"
                + " [VDDK log: DISKLIB-LINK : Opening failed]", e.getMessage());
        assertEquals(VixErrorCode.VIX_E_FILE_NOT_FOUND, e.errorCode());
        assertEquals("VixDiskLib_Open", e.function());
    }

    @Test
    void fullSixtyFourBitErrorIsKeptAndCodeIsLowSixteenBits() {
        long vixError = 0x0000_0123_0000_1E61L; // 7777 (not a VIX code) in the low bits, extra bits above
        VddkCallException e = new VddkCallException("VixDiskLib_Read", "[ds] a.vmdk", vixError, null, List.of());
        assertEquals(vixError, e.vixError());
        assertEquals(7777, e.code());
        assertEquals(VixErrorCode.UNKNOWN, e.errorCode());
        assertTrue(e.getMessage().contains("VixError 0x12300001e61"), e.getMessage());
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

    @Test
    void categoriesAndRetryTellABackupProductWhatToDo() {
        VddkCallException locked = new VddkCallException("VixDiskLib_Open", "a.vmdk", 20006, null, List.of());
        assertEquals(VixErrorCategory.LOCKED, locked.category());
        assertTrue(locked.retryable());
        VddkCallException auth = new VddkCallException("VixDiskLib_ConnectEx", "vc", 3014, null, List.of());
        assertEquals(VixErrorCategory.PERMISSION, auth.category());
        assertEquals(false, auth.retryable());
        assertEquals(VixErrorCategory.AUTHENTICATION, VixErrorCode.VIX_E_AUTHENTICATION_FAIL.category());
        assertEquals(VixErrorCategory.NETWORK, VixErrorCode.VIX_E_NET_HTTP_OPERATION_TIMEDOUT.category());
        assertTrue(VixErrorCode.VIX_E_HOST_SERVER_NOT_FOUND.retryable());
        assertEquals(VixErrorCategory.NOT_FOUND, VixErrorCode.VIX_E_FILE_NOT_FOUND.category());
        assertEquals(VixErrorCategory.DISK_FULL, VixErrorCode.VIX_E_DISK_FULL.category());
        assertEquals(VixErrorCategory.INVALID_ARGUMENT, VixErrorCode.VIX_E_DISK_OUTOFRANGE.category());
        assertEquals(VixErrorCategory.UNSUPPORTED, VixErrorCode.VIX_E_NOT_SUPPORTED.category());
        assertEquals(VixErrorCategory.CANCELLED, VixErrorCode.VIX_E_CANCELLED.category());
        assertEquals(VixErrorCategory.CORRUPT, VixErrorCode.VIX_E_DISK_INVALIDDISK.category());
        assertEquals(VixErrorCategory.SUCCESS, VixErrorCode.VIX_ASYNC.category());
        assertEquals(VixErrorCategory.INTERNAL, VixErrorCode.VIX_E_FAIL.category());
    }

    @Test
    void everyVddkProblemIsOneSealedHierarchy() {
        assertEquals(java.util.Set.of(VddkCallException.class, VddkLoadException.class, VddkUnsupportedException.class),
                java.util.Set.of(VddkException.class.getPermittedSubclasses()));
    }
}
