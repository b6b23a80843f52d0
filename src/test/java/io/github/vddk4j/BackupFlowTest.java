package io.github.vddk4j;

import org.junit.jupiter.api.Tag;
import io.github.vddk4j.testsupport.OwnJvm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.testsupport.EmulatedWorld;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow of docs/api.md and the usage sketch, end to end against the stub: PrepareForAccess,
 * a read-only snapshot connection with preferred transports, a whole-disk read in 1 MiB chunks
 * whose SHA-256 matches what was written, EndAccess; then a restore over nbdssl.
 */
@Tag(OwnJvm.TAG)
@ExtendWith(StubLeakCheck.class)
class BackupFlowTest {
    @TempDir
    Path base;

    @Test
    void backupThroughASnapshotAndRestoreKeepTheDisksChecksum() throws Exception {
        EmulatedWorld.define(base);
        long sectors = EmulatedWorld.DISK_SECTORS;
        String disk = EmulatedWorld.diskPath(EmulatedWorld.SAN_DS);
        String restoreTarget = EmulatedWorld.diskPath(EmulatedWorld.LOCAL_DS);
        VddkConfig config = VddkConfig.builder().transportLogLevel(3).nfcReadTimeout(Duration.ofSeconds(60)).build();
        ConnectParams vm = EmulatedWorld.vcenter();

        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).config(config).open()) {
            byte[] original = new byte[(int) sectors * 512];
            new Random(7).nextBytes(original);
            try (Connection conn = lib.connect(vm); DiskHandle d = conn.open(disk)) {     // the VM writes its disk
                d.write(0, ByteBuffer.wrap(original));
            }

            MessageDigest backup = MessageDigest.getInstance("SHA-256");
            try (AccessLease lease = lib.prepareForAccess(vm, "acme-backup")) {
                assertEquals(1, Stub.accessRecords(EmulatedWorld.VCENTER));
                String snapshot = "snapshot-7";                                           // vSphere API, outside VDDK
                try (Connection conn = lib.connect(vm.withSnapshot(snapshot).readOnly(true)
                             .transports(TransportMode.HOTADD, TransportMode.NBDSSL));
                     DiskHandle d = conn.open(disk, OpenOption.READ_ONLY)) {
                    assertEquals(TransportMode.HOTADD, d.transportMode());
                    ByteBuffer buf = d.allocateBuffer(1 << 20);
                    for (long s = 0; s < d.capacitySectors(); s += 2048) {
                        buf.clear().limit((int) Math.min(2048, d.capacitySectors() - s) * 512);
                        d.read(s, buf);
                        backup.update(buf.flip());
                    }
                }
            }
            assertEquals(0, Stub.accessRecords(EmulatedWorld.VCENTER));
            byte[] backupSum = backup.digest();
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(original), backupSum);

            try (Connection conn = lib.connect(vm.transports("nbdssl:nbd"));
                 DiskHandle d = conn.open(restoreTarget)) {
                assertEquals(TransportMode.NBD, d.transportMode(), "nbdssl needs a snapshot: without one VDDK takes the next preferred mode");
                d.write(0, ByteBuffer.wrap(original));
                d.flush();
                ByteBuffer all = ByteBuffer.allocate(original.length);
                d.read(0, all);
                assertArrayEquals(backupSum, MessageDigest.getInstance("SHA-256").digest(all.array()));
            }
        }
    }
}
