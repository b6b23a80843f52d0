package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.Stub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DiskMetadata through the native path: GetMetadataKeys, ReadMetadata, WriteMetadata on the stub. */
class DiskMetadataStubTest extends LocalStubConnectionTest {
    @Test
    void keysComeWithoutTheDdbPrefixAndReadBack() {
        Path p = Stub.createDisk(dir.resolve("keys.vmdk"), 2048);
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            List<String> keys = d.metadata().keys();
            assertTrue(keys.contains("adapterType"), keys.toString());
            assertTrue(keys.contains("geometry.cylinders"), keys.toString());
            assertTrue(keys.stream().noneMatch(k -> k.startsWith("ddb.")), keys.toString());
            assertEquals(Optional.of("ide"), d.metadata().get("adapterType"));
            Map<String, String> all = d.metadata().toMap();
            assertEquals(keys, List.copyOf(all.keySet()));
            assertEquals(Optional.empty(), d.metadata().get("no.such.key"));
        }
    }

    @Test
    void writtenValuesPersistInTheDescriptor() throws Exception {
        Path p = Stub.createDisk(dir.resolve("write.vmdk"), 2048);
        String longValue = "x".repeat(5000); // beyond any first guess of a buffer size
        try (DiskHandle d = conn.open(p.toString())) {
            d.metadata().put("acme.lastBackup", "2026-11-30T12:00:00Z");
            d.metadata().put("acme.long", longValue);
            d.metadata().put("acme.lastBackup", "2026-12-01T12:00:00Z");
        }
        String descriptor = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(descriptor.contains("ddb.acme.lastBackup = \"2026-12-01T12:00:00Z\""), descriptor);
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            assertEquals(Optional.of("2026-12-01T12:00:00Z"), d.metadata().get("acme.lastBackup"));
            assertEquals(Optional.of(longValue), d.metadata().get("acme.long"));
            assertEquals(1, d.metadata().keys().stream().filter("acme.lastBackup"::equals).count());
            assertThrows(IllegalStateException.class, () -> d.metadata().put("acme.x", "y"));
        }
    }

    @Test
    void aKeyTheDescriptorCannotHoldIsRefusedByVddk() {
        Path p = Stub.createDisk(dir.resolve("badkey.vmdk"), 2048);
        try (DiskHandle d = conn.open(p.toString())) {
            VddkCallException e = assertThrows(VddkCallException.class, () -> d.metadata().put("acme/slash", "v"));
            assertEquals("VixDiskLib_WriteMetadata", e.function());
            assertEquals(VixErrorCode.VIX_E_INVALID_ARG, e.errorCode());
        }
    }

    @Test
    void anInjectedFaultInTheSizeQueryNamesTheFunction() {
        Path p = Stub.createDisk(dir.resolve("fault.vmdk"), 2048);
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            Stub.injectFault("VixDiskLib_GetMetadataKeys", 1, 13);
            VddkCallException e = assertThrows(VddkCallException.class, () -> d.metadata().keys());
            assertEquals("VixDiskLib_GetMetadataKeys", e.function());
            assertEquals(13, e.code());
            Stub.injectFault("VixDiskLib_ReadMetadata", 2, 2);
            VddkCallException r = assertThrows(VddkCallException.class, () -> d.metadata().get("adapterType"));
            assertEquals("VixDiskLib_ReadMetadata", r.function());
            assertEquals(2, r.code());
            assertEquals(Optional.of("ide"), d.metadata().get("adapterType"));
        }
    }
}
