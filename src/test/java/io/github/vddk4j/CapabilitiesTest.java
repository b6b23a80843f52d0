package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link DiskLib#capabilities()} reports exactly what the loaded library (the stub) exports. */
class CapabilitiesTest {
    @Test
    void capabilitiesListExactlyTheFunctionsTheStubExports() throws Exception {
        Set<String> exported = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("native-stubs/tests/expected-symbols.txt"))) {
            if (line.startsWith("VixDiskLib_")) {
                exported.add(line.split("\\s+")[0]);
            }
        }
        VddkCapabilities caps = SharedDiskLib.get().capabilities();
        assertEquals(exported, new TreeSet<>(caps.functions()));
        assertEquals(SharedDiskLib.get().vddkVersion(), caps.major());
        assertTrue(caps.supports("VixDiskLib_AllocateConnectParams"));
        assertEquals(exported.contains("VixDiskLib_QueryAllocatedBlocks"), caps.supportsAllocatedBlocks());
        assertEquals(exported.contains("VixDiskLib_ReadAsync") && exported.contains("VixDiskLib_Wait"),
                caps.supportsAsyncIo());
        assertFalse(caps.supports("VixDiskLib_NoSuchFunction"));
    }
}
