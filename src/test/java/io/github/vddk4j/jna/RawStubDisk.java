package io.github.vddk4j.jna;

import io.github.vddk4j.logging.internal.LogBridge;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import io.github.vddk4j.testkit.VixDiskLibStub;
import com.sun.jna.ptr.PointerByReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For the manual measurements (not tests): the stub loaded and initialised through the raw layer,
 * one local connection and one open 32 MiB flat disk in a temporary folder; {@link #close()}
 * closes, disconnects, calls Exit and deletes the folder.
 */
final class RawStubDisk implements AutoCloseable {
    final LoadedVixDiskLib loaded;
    final VixDiskLibHandle handle;
    private final VixDiskLibConnection connection;
    private final Path dir;

    RawStubDisk(Path libDir) throws IOException {
        loaded = new VixDiskLibLoader().load(libDir);
        VixDiskLib lib = loaded.lib();
        NativeLogFunctions logs = new NativeLogFunctions(new LogBridge());
        check(lib.VixDiskLib_InitEx(loaded.vddkMajor(), 0, logs.log(), logs.warn(), logs.panic(), libDir.toString(), null));
        dir = Files.createTempDirectory("vddk4j-measure");
        Path disk = dir.resolve("m.vmdk");
        check(VixDiskLibStub.load(loaded.path()).VixDiskLibStub_CreateFlatDisk(disk.toString(), 65536, 1));
        PointerByReference c = new PointerByReference();
        check(lib.VixDiskLib_ConnectEx(null, (byte) 0, null, null, c));
        connection = new VixDiskLibConnection(c.getValue());
        PointerByReference h = new PointerByReference();
        check(lib.VixDiskLib_Open(connection, disk.toString(), 0, h));
        handle = new VixDiskLibHandle(h.getValue());
    }

    static void check(long err) {
        if (err != VixErrors.VIX_OK) {
            throw new IllegalStateException("VixError " + err + " (code " + VixErrors.code(err) + ")");
        }
    }

    @Override
    public void close() throws IOException {
        VixDiskLib lib = loaded.lib();
        try {
            check(lib.VixDiskLib_Close(handle));
            check(lib.VixDiskLib_Disconnect(connection));
        } finally {
            lib.VixDiskLib_Exit();
            try (var s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
