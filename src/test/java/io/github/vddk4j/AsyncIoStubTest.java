package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Async I/O against the stub's worker threads, through the native path. */
@ExtendWith(StubLeakCheck.class)
class AsyncIoStubTest {
    @TempDir
    Path dir;

    @Test
    void awaitAsyncReturnsOnlyWhenEveryFutureHasCompletedAndItsBufferAdvanced() {
        DiskLib lib = SharedDiskLib.get();
        assumeTrue(lib.capabilities().supportsAsyncIo(), "this stub build has no async I/O");
        Path disk = Stub.createDisk(dir.resolve("async.vmdk"), 2048);
        int notDone = 0;
        int notAdvanced = 0;
        try (Connection c = lib.connect(ConnectParams.local()); DiskHandle d = c.open(disk.toString())) {
            ByteBuffer buf = d.allocateBuffer(4096);
            for (int round = 0; round < 500; round++) {
                buf.clear();
                CompletableFuture<Void> f = d.writeAsync((round % 256) * 8L, buf);
                d.awaitAsync();
                notDone += f.isDone() ? 0 : 1;
                notAdvanced += buf.hasRemaining() ? 1 : 0;
            }
        }
        assertEquals(0, notDone, "futures not done after awaitAsync returned");
        assertEquals(0, notAdvanced, "buffers whose position had not advanced after awaitAsync returned");
    }
}
