package io.github.vddk4j.jna;

import io.github.vddk4j.testkit.VixDiskLibStub;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.logging.internal.LogBridge;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: a manual measurement of the data path's call overhead against the stub (local "file"
 * transport), comparing the direct-mapped {@link VixDiskLibDataPath} with interface mapping
 * (Pointer buffer) and interface mapping with {@code byte[]} (what the project forbids). 0 sectors
 * measures the pure call overhead (the stub returns VIX_OK at once).
 * Run: {@code java -cp target/test-classes:target/classes:<jna.jar>:<slf4j-api.jar> io.github.vddk4j.jna.DataPathOverheadMeasurement target/vddk-stub}
 */
public final class DataPathOverheadMeasurement {
    private DataPathOverheadMeasurement() {}

    /** Interface mapping with a byte[] buffer: JNA copies the array in and out on every call. */
    public interface ByteArrayRead extends Library {
        long VixDiskLib_Read(VixDiskLibHandle h, long start, long n, byte[] buf);
    }

    public static void main(String[] args) throws Exception {
        Path libDir = Path.of(args.length > 0 ? args[0] : "target/vddk-stub").toAbsolutePath();
        LoadedVixDiskLib l = new VixDiskLibLoader().load(libDir);
        VixDiskLib lib = l.lib();
        NativeLogFunctions logs = new NativeLogFunctions(new LogBridge());
        check(lib.VixDiskLib_InitEx(l.vddkMajor(), 0, logs.log(), logs.warn(), logs.panic(), libDir.toString(), null));
        Path dir = Files.createTempDirectory("vddk4j-measure");
        Path disk = dir.resolve("m.vmdk");
        try {
            check(VixDiskLibStub.load(l.path()).VixDiskLibStub_CreateFlatDisk(disk.toString(), 65536, 1));
            PointerByReference c = new PointerByReference();
            check(lib.VixDiskLib_ConnectEx(null, (byte) 0, null, null, c));
            VixDiskLibConnection conn = new VixDiskLibConnection(c.getValue());
            PointerByReference h = new PointerByReference();
            check(lib.VixDiskLib_Open(conn, disk.toString(), 0, h));
            VixDiskLibHandle handle = new VixDiskLibHandle(h.getValue());
            ByteArrayRead byteArray = Native.load(l.path(), ByteArrayRead.class, l.options());
            for (int sectors : new int[] {0, 1, 128, 2048}) {
                ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(1, sectors) * 512);
                Pointer p = Native.getDirectBufferPointer(buf);
                long addr = Pointer.nativeValue(p);
                byte[] array = new byte[sectors * 512];
                int n = sectors <= 1 ? 400_000 : sectors == 128 ? 40_000 : 4_000;
                for (int round = 0; round < 3; round++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        l.dataPath().read(handle, 0, sectors, addr);
                    }
                    long t1 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        lib.VixDiskLib_Read(handle, 0, sectors, p);
                    }
                    long t2 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        byteArray.VixDiskLib_Read(handle, 0, sectors, array);
                    }
                    long t3 = System.nanoTime();
                    if (round == 2) {
                        System.out.printf("%5d sectors: direct %8.0f ns/call, interface(Pointer) %8.0f ns/call, interface(byte[]) %8.0f ns/call%n",
                                sectors, (t1 - t0) / (double) n, (t2 - t1) / (double) n, (t3 - t2) / (double) n);
                    }
                }
            }
            check(lib.VixDiskLib_Close(handle));
            check(lib.VixDiskLib_Disconnect(conn));
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

    private static void check(long err) {
        if (err != VixErrors.VIX_OK) {
            throw new IllegalStateException("VixError " + err + " (code " + VixErrors.code(err) + ")");
        }
    }
}
