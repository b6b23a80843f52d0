package io.github.vddk4j.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Not a test: alternates the raw JNA direct-mapped data path and the FFM one (Java 22+, from the
 * multi-release jar) in one process, on one handle of one stub disk, round by round, and prints the
 * best round of each in ns per read, with the ratio. Run on JDK 22+ with the jars (a classes
 * directory ignores META-INF/versions):
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/vddk4j.jar:target/vddk4j-testkit.jar:target/test-classes:<jna.jar>:<slf4j-api.jar> io.github.vddk4j.jna.FfmDataPathMeasurement target/vddk-stub}
 */
public final class FfmDataPathMeasurement {
    private FfmDataPathMeasurement() {}

    public static void main(String[] args) throws Exception {
        Path libDir = Path.of(args.length > 0 ? args[0] : "target/vddk-stub").toAbsolutePath();
        try (RawStubDisk stub = new RawStubDisk(libDir)) {
            LoadedVixDiskLib l = stub.loaded;
            if (!l.dataPathChoice().implementation().equals(VixDiskLibDataPathChoice.FFM)) {
                throw new IllegalStateException("no FFM data path here: " + l.dataPathChoice().reason());
            }
            VixDiskLibDataPath ffm = l.dataPath();
            VixDiskLibDataPath jna = new DirectVixDiskLibDataPath(l.library(), l.vddkMajor());
            System.out.printf("Java %s, %s; best of 7 alternated rounds%n", Runtime.version(), l.dataPathChoice().reason());
            for (int sectors : new int[] {0, 1, 8, 2048}) {
                ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(1, sectors) * 512);
                long addr = Pointer.nativeValue(Native.getDirectBufferPointer(buf));
                int n = sectors <= 8 ? 1_000_000 : 10_000;
                double bestJna = Double.MAX_VALUE;
                double bestFfm = Double.MAX_VALUE;
                for (int round = 0; round < 7; round++) {
                    bestJna = Math.min(bestJna, perCall(jna, stub.handle, sectors, addr, n));
                    bestFfm = Math.min(bestFfm, perCall(ffm, stub.handle, sectors, addr, n));
                }
                System.out.printf("%5d sectors: jna %8.1f ns/read, ffm %8.1f ns/read, ffm/jna %.3f%n",
                        sectors, bestJna, bestFfm, bestFfm / bestJna);
            }
        }
    }

    /** ns per read of {@code n} reads (sectors at 0) through {@code path}. */
    private static double perCall(VixDiskLibDataPath path, VixDiskLibHandle handle, int sectors, long addr, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            RawStubDisk.check(path.read(handle, 0, sectors, addr));
        }
        return (System.nanoTime() - t0) / (double) n;
    }
}
