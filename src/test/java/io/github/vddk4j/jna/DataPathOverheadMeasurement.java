package io.github.vddk4j.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
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
        try (RawStubDisk stub = new RawStubDisk(libDir)) {
            LoadedVixDiskLib l = stub.loaded;
            VixDiskLib lib = l.lib();
            VixDiskLibHandle handle = stub.handle;
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
        }
    }
}
