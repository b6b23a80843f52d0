package io.github.vddk4j.bench;

import io.github.vddk4j.jna.VixDiskLibLoader;
import io.github.vddk4j.jna.VixErrors;
import io.github.vddk4j.testkit.VixDiskLibStub;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The log callback's cost in CPU time of the thread VDDK logs from, which the machine's load
 * does not inflate the way it inflates wall time: {@code VixDiskLibStub_EmitTestLogs} with no
 * thread of its own sends the messages on the calling thread (attached to the JVM already, so no
 * attach cost is counted), and the thread's CPU time is read before and after. Prints, per round,
 * ns of CPU per message with the LOG level enabled and disabled, then the median and the best
 * (lowest) round: the best is the least disturbed by other processes sharing the cores.
 *
 * <p>{@code java -cp ... -Dvddk4j.bench.libDir=DIR io.github.vddk4j.bench.LogCallbackCpuTime [ROUNDS [MESSAGES]]}
 * (defaults 7 and 200000). Needs the stub.
 */
public final class LogCallbackCpuTime {
    private LogCallbackCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        BenchSetup.lib();
        VixDiskLibStub stub = VixDiskLibStub.load(new VixDiskLibLoader().load(BenchSetup.libDir()).path());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] ns = new double[2][rounds];
        for (int warm = 0; warm < 3; warm++) {
            emit(stub, true, messages / 4);
            emit(stub, false, messages / 4);
        }
        for (int r = 0; r < rounds; r++) {
            for (int e = 0; e < 2; e++) {
                boolean enabled = e == 0;
                long t0 = mx.getCurrentThreadCpuTime();
                emit(stub, enabled, messages);
                ns[e][r] = (mx.getCurrentThreadCpuTime() - t0) / (double) messages;
            }
            System.out.printf(Locale.ROOT, "round %d: enabled %.0f ns, disabled %.0f ns CPU per message%n",
                    r, ns[0][r], ns[1][r]);
        }
        System.out.printf(Locale.ROOT, "median: enabled %.0f ns, disabled %.0f ns; best: enabled %.0f ns, disabled %.0f ns CPU per message%n",
                median(ns[0]), median(ns[1]), Arrays.stream(ns[0]).min().orElseThrow(), Arrays.stream(ns[1]).min().orElseThrow());
        BenchSetup.SINK.levelEnabled = null;
    }

    private static void emit(VixDiskLibStub stub, boolean enabled, int messages) {
        BenchSetup.SINK.levelEnabled = enabled;
        long err = stub.VixDiskLibStub_EmitTestLogs(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 0, messages, 16);
        if (err != VixErrors.VIX_OK) {
            throw new IllegalStateException("EmitTestLogs failed: " + err);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
