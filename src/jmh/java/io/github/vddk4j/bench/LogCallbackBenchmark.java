package io.github.vddk4j.bench;

import io.github.vddk4j.jna.VixDiskLibLoader;
import io.github.vddk4j.jna.VixErrors;
import io.github.vddk4j.testkit.VixDiskLibStub;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * VDDK's log callback from a native thread, per message: the stub's control function
 * {@code VixDiskLibStub_EmitTestLogs} starts one native thread that logs {@value #MESSAGES}
 * messages through the log function given to InitEx (vddk4j's callback, bridged to a sink). With
 * the LOG level enabled, each message is formatted (libc vsnprintf) and handed to the sink; with
 * it disabled, the callback must return before formatting. The thread start (and JNA attaching the
 * thread to the JVM on its first message) is amortized over the messages: as many per thread as the
 * C baseline sends ({@code vddkbench LIBDIR log 20000}). Needs the stub (real VDDK has no control API).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class LogCallbackBenchmark {
    static final int MESSAGES = 20_000;

    @Param({"true", "false"})
    public boolean enabled;

    VixDiskLibStub stub;

    @Setup
    public void open() {
        BenchSetup.lib();
        BenchSetup.SINK.levelEnabled = enabled;
        stub = VixDiskLibStub.load(new VixDiskLibLoader().load(BenchSetup.libDir()).path());
    }

    @TearDown
    public void close() {
        BenchSetup.SINK.levelEnabled = null;
    }

    /** One message through the LOG function from one native thread. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void logFromNativeThread() {
        long err = stub.VixDiskLibStub_EmitTestLogs(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 1, MESSAGES, 16);
        if (err != VixErrors.VIX_OK) {
            throw new IllegalStateException("EmitTestLogs failed: " + err);
        }
    }
}
