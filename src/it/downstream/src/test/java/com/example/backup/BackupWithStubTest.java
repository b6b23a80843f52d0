package com.example.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Connection;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.VddkException;
import io.github.vddk4j.VixErrorCode;
import io.github.vddk4j.testkit.StubEnvironment;
import io.github.vddk4j.testkit.StubVddk;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a product team writes: its backup code under test against the stub VDDK from the test kit. */
@StubVddk
class BackupWithStubTest {

    /** The product's code under test: copies a disk's first sectors to a file. */
    static void backupFirstSectors(Connection conn, Path disk, Path target, int sectors) throws Exception {
        try (DiskHandle h = conn.open(disk.toString())) {
            ByteBuffer buf = h.allocateBuffer(sectors * DiskHandle.SECTOR_SIZE);
            h.read(0, buf);
            buf.flip();
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            Files.write(target, bytes);
        }
    }

    @Test
    void backsUpWhatWasWritten(StubEnvironment stub) throws Exception {
        Path disk = stub.createDisk("vm1.vmdk", 8 << 20);
        try (Connection conn = stub.diskLib().connect(ConnectParams.local())) {
            try (DiskHandle h = conn.open(disk.toString())) {
                ByteBuffer data = h.allocateBuffer(4096);
                data.put("customer data".getBytes(StandardCharsets.UTF_8)).clear();
                h.write(0, data);
                h.flush();
            }
            Path target = stub.scratchDir().resolve("vm1.raw");
            backupFirstSectors(conn, disk, target, 8);
            assertTrue(new String(Files.readAllBytes(target), StandardCharsets.UTF_8).startsWith("customer data"));
        }
        assertEquals(0, stub.control().counter("handles"));
    }

    @Test
    void reportsAFailingOpen(StubEnvironment stub) {
        Path disk = stub.createDisk("vm2.vmdk", 1 << 20);
        stub.control().injectFault("VixDiskLib_Open", 1, VixErrorCode.VIX_E_FILE_ACCESS_ERROR);
        try (Connection conn = stub.diskLib().connect(ConnectParams.local())) {
            VddkException e = assertThrows(VddkException.class,
                    () -> backupFirstSectors(conn, disk, stub.scratchDir().resolve("vm2.raw"), 8));
            assertTrue(e.getMessage().contains("VIX_E_FILE_ACCESS_ERROR"), e.getMessage());
        }
    }
}
