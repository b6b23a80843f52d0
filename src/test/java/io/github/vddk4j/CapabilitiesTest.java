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
    /**
     * What the stub exports: the functions of native-stubs/api/functions.tsv introduced up to its VDDK version,
     * minus those native-stubs/tests/pending-functions.txt still lists (what tests/check_symbols.sh checks).
     */
    private static Set<String> exportedByTheStub(int major) throws Exception {
        Set<String> pending = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("native-stubs/tests/pending-functions.txt"))) {
            if (line.startsWith("VixDiskLib_")) {
                pending.add(line.trim());
            }
        }
        Set<String> exported = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("native-stubs/api/functions.tsv"))) {
            String[] f = line.split("\t");
            if (f[0].startsWith("VixDiskLib_") && !pending.contains(f[0])
                    && Integer.parseInt(f[1].replaceAll("^VIXDISKLIB_(\\d+)\\..*", "$1")) <= major) {
                exported.add(f[0]);
            }
        }
        return exported;
    }

    @Test
    void capabilitiesListExactlyTheFunctionsTheStubExports() throws Exception {
        Set<String> exported = exportedByTheStub(SharedDiskLib.get().vddkVersion());
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
