package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.vddk4j.testsupport.Stub;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DiskHandle.allocatedBlocks through the native path: QueryAllocatedBlocks/FreeBlockList on the stub. */
class AllocatedBlocksStubTest extends LocalStubConnectionTest {
    @AfterEach
    void everyBlockListWasFreed() {
        assertEquals(0, Stub.counter("blockLists"));
    }

    private static void writeSectors(DiskHandle d, long sector, int count) {
        ByteBuffer b = d.allocateBuffer(count * 512);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) 0x5a);
        }
        d.write(sector, b);
    }

    @Test
    void aSparseDiskReportsTheGrainsWrittenMergedAndInOrder() {
        Path p = Stub.createSparseDisk(dir.resolve("sparse.vmdk"), 8192);
        try (DiskHandle d = conn.open(p.toString())) {
            assertEquals(List.of(), d.allocatedBlocks());
            writeSectors(d, 0, 1);          // grain 0
            writeSectors(d, 130, 1);        // grain 1: adjacent, merged with grain 0
            writeSectors(d, 4096 + 7, 16);  // grain 32
            assertEquals(List.of(new BlockRange(0, 256), new BlockRange(4096, 128)), d.allocatedBlocks());
            assertEquals(List.of(new BlockRange(4096, 1024)), d.allocatedBlocks(4096, 4096, 1024));
        }
    }

    @Test
    void aPartialTailChunkCountsAsAllocated() {
        Path p = Stub.createSparseDisk(dir.resolve("tail.vmdk"), 1000); // 7 chunks of 128 and 104 sectors
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            assertEquals(List.of(new BlockRange(896, 104)), d.allocatedBlocks());
        }
    }

    @Test
    void aFlatDiskIsAllocatedThroughout() {
        Path p = Stub.createDisk(dir.resolve("flat.vmdk"), 4096);
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            assertEquals(List.of(new BlockRange(0, 4096)), d.allocatedBlocks(0, 4096, 1024));
        }
    }

    @Test
    void aFailedQueryNamesTheFunctionAndTheNextOneWorks() {
        Path p = Stub.createDisk(dir.resolve("fault.vmdk"), 4096);
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            Stub.injectFault("VixDiskLib_QueryAllocatedBlocks", 1, 16000);
            VddkCallException e = assertThrows(VddkCallException.class, d::allocatedBlocks);
            assertEquals("VixDiskLib_QueryAllocatedBlocks", e.function());
            assertEquals(16000, e.code());
            assertEquals(List.of(new BlockRange(0, 4096)), d.allocatedBlocks());
        }
    }
}
