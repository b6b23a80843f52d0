package io.github.vddk4j.jna;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading library-owned structures. */
class VixDiskLibStructuresTest {
    @Test
    void infoBeforeVddk7ReadsOnlyThe56BytesThatExist() {
        try (Memory m = new Memory(56)) { // a bounds-checked 56-byte block: reading byte 56 would throw
            m.clear();
            m.setInt(12, 130);
            m.setLong(24, 131072);
            m.setInt(32, VixDiskLibConstants.VIXDISKLIB_ADAPTER_IDE);
            m.setInt(36, 1);
            VixDiskLibInfo info = VixDiskLibInfo.read(m, 6);
            assertEquals(130, info.physGeo.cylinders);
            assertEquals(131072, info.capacity);
            assertEquals(1, info.numLinks);
            assertEquals(0, info.logicalSectorSize);
            assertFalse(info.hasSectorSizes());
            assertThrows(RuntimeException.class, () -> VixDiskLibInfo.read(m, 7), "7+ reads 64 bytes: out of bounds here");
        }
    }

    @Test
    void infoFromVddk7ReadsTheSectorSizes() {
        try (Memory m = new Memory(64)) {
            m.clear();
            m.setInt(56, 512);
            m.setInt(60, 4096);
            VixDiskLibInfo info = VixDiskLibInfo.read(m, 8);
            assertEquals(512, info.logicalSectorSize);
            assertEquals(4096, info.physicalSectorSize);
            assertTrue(info.hasSectorSizes());
        }
    }

    @Test
    void blockListReadsEveryBlockOfTheVariableLengthList() {
        try (Memory m = new Memory(8 + 3 * 16)) {
            m.setInt(0, 3);
            for (int i = 0; i < 3; i++) {
                m.setLong(8 + i * 16, i * 1000L);
                m.setLong(16 + i * 16, 128L * (i + 1));
            }
            List<VixDiskLibBlock> blocks = VixDiskLibBlockList.readBlocks(m);
            assertEquals(3, blocks.size());
            assertEquals(2000, blocks.get(2).offset);
            assertEquals(384, blocks.get(2).length);
        }
    }

    @Test
    void aCorruptBlockCountIsRejectedBeforeReading() {
        try (Memory m = new Memory(8)) {
            m.setInt(0, -1);
            assertThrows(IllegalStateException.class, () -> VixDiskLibBlockList.readBlocks(m));
        }
    }

    @Test
    void errorCodeHelpers() {
        long err = (7L << 32) | 16007;
        assertEquals(16007, VixErrors.code(err));
        assertEquals(25000, VixErrors.code(VixErrors.VIX_ASYNC));
    }

    @Test
    void functionVersionsNameTheVddkRelease() {
        assertEquals("VDDK 6.7", VixDiskLibFunction.VixDiskLib_QueryAllocatedBlocks.introducedIn());
        assertEquals("VDDK 9.0", VixDiskLibFunction.VixDiskLib_OpenEx.introducedIn());
        assertEquals("VIXDISKLIB_1.1", VixDiskLibFunction.VixDiskLib_InitEx.elfVersion());
    }
}
