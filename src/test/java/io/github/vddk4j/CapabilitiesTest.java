package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link DiskLib#capabilities()} reports exactly what the loaded library (the stub) exports. */
class CapabilitiesTest {
    @Test
    void capabilitiesListExactlyTheFunctionsTheStubExports() throws Exception {
        Set<String> exported = new TreeSet<>();
        // what the built stub really exports (its list is generated from api/functions.tsv per variant)
        Path so = io.github.vddk4j.testsupport.Stub.libDir().resolve("lib64/libvixDiskLib.so").toRealPath();
        Process nm = new ProcessBuilder("nm", "-D", "--defined-only", so.toString()).redirectErrorStream(true).start();
        for (String line : new String(nm.getInputStream().readAllBytes()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[1].equals("T") && f[2].startsWith("VixDiskLib_")) {
                exported.add(f[2].replaceAll("@.*", ""));
            }
        }
        assertEquals(0, nm.waitFor());
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
