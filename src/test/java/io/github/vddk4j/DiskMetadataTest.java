package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metadata view's two-call size protocol and checks, over mocks. */
class DiskMetadataTest {
    @RegisterExtension
    final FakeVddk vddk = new FakeVddk();
    private DiskLib lib;

    private DiskHandle open(OpenOption... options) {
        lib = vddk.open(8);
        return lib.connect(ConnectParams.local()).open("/a.vmdk", options);
    }

    /** Answers like VDDK: 24 and requiredLen when the buffer is too small, else the bytes. */
    private static long answer(byte[] value, Pointer buf, long len, LongByReference required) {
        required.setValue(value.length);
        if (buf == null || len < value.length) {
            return 24L;
        }
        buf.write(0, value, 0, value.length);
        return 0L;
    }

    @Test
    void keysUseTheSizeQueryThenOneRead() {
        byte[] keys = "adapterType\0geometry.cylinders\0uuid\0\0".getBytes(StandardCharsets.UTF_8);
        doAnswer(inv -> answer(keys, inv.getArgument(1), inv.getArgument(2), inv.getArgument(3)))
                .when(vddk.lib).VixDiskLib_GetMetadataKeys(any(), any(), anyLong(), any());
        DiskHandle d = open();
        assertEquals(List.of("adapterType", "geometry.cylinders", "uuid"), d.metadata().keys());
        verify(vddk.lib, times(2)).VixDiskLib_GetMetadataKeys(any(), any(), anyLong(), any());
    }

    @Test
    void aValueThatGrowsBetweenTheCallsIsReadAgain() {
        AtomicInteger calls = new AtomicInteger();
        doAnswer(inv -> {
            byte[] v = (calls.incrementAndGet() < 2 ? "short\0" : "much longer value\0").getBytes(StandardCharsets.UTF_8);
            return answer(v, inv.getArgument(2), inv.getArgument(3), inv.getArgument(4));
        }).when(vddk.lib).VixDiskLib_ReadMetadata(any(), eq("comment"), any(), anyLong(), any());
        DiskHandle d = open();
        assertEquals(Optional.of("much longer value"), d.metadata().get("comment"));
        assertEquals(3, calls.get(), "size query, a read that was too small, a read of the new size");
    }

    @Test
    void aMissingKeyIsEmptyAndOtherErrorsThrow() {
        doAnswer(inv -> 16052L).when(vddk.lib).VixDiskLib_ReadMetadata(any(), eq("nope"), any(), anyLong(), any());
        doAnswer(inv -> 13L).when(vddk.lib).VixDiskLib_ReadMetadata(any(), eq("denied"), any(), anyLong(), any());
        DiskHandle d = open();
        assertEquals(Optional.empty(), d.metadata().get("nope"));
        VddkCallException e = assertThrows(VddkCallException.class, () -> d.metadata().get("denied"));
        assertEquals("VixDiskLib_ReadMetadata", e.function());
        assertEquals(13, e.code());
    }

    @Test
    void toMapReadsEveryKeyInOrder() {
        byte[] keys = "b\0a\0\0".getBytes(StandardCharsets.UTF_8);
        doAnswer(inv -> answer(keys, inv.getArgument(1), inv.getArgument(2), inv.getArgument(3)))
                .when(vddk.lib).VixDiskLib_GetMetadataKeys(any(), any(), anyLong(), any());
        doAnswer(inv -> answer((inv.getArgument(1) + "-value\0").getBytes(StandardCharsets.UTF_8),
                inv.getArgument(2), inv.getArgument(3), inv.getArgument(4)))
                .when(vddk.lib).VixDiskLib_ReadMetadata(any(), anyString(), any(), anyLong(), any());
        DiskHandle d = open();
        assertEquals(List.of(Map.entry("b", "b-value"), Map.entry("a", "a-value")),
                List.copyOf(d.metadata().toMap().entrySet()));
    }

    @Test
    void putChecksKeyValueAndReadOnlyBeforeVddk() {
        DiskHandle d = open();
        d.metadata().put("acme.backup", "42");
        verify(vddk.lib).VixDiskLib_WriteMetadata(any(), eq("acme.backup"), eq("42"));
        assertThrows(IllegalArgumentException.class, () -> d.metadata().put("", "x"));
        assertThrows(IllegalArgumentException.class, () -> d.metadata().put("a=b", "x"));
        assertThrows(IllegalArgumentException.class, () -> d.metadata().put("k", "line\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> d.metadata().put("k", "quote\""));
        assertThrows(NullPointerException.class, () -> d.metadata().put("k", null));
        DiskHandle ro = lib.connect(ConnectParams.local()).open("/b.vmdk", OpenOption.READ_ONLY);
        assertThrows(IllegalStateException.class, () -> ro.metadata().put("k", "v"));
        verify(vddk.lib, times(1)).VixDiskLib_WriteMetadata(any(), anyString(), anyString());
        verify(vddk.lib, never()).VixDiskLib_WriteMetadata(any(), eq("k"), anyString());
    }
}
