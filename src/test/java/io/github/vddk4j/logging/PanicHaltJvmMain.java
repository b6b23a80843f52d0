package io.github.vddk4j.logging;

import io.github.vddk4j.logging.internal.LogBridge;

import io.github.vddk4j.jna.LoadedVixDiskLib;
import io.github.vddk4j.jna.VixDiskLibLoader;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import io.github.vddk4j.testkit.VixDiskLibStub;

import java.nio.file.Path;

/** Child JVM of {@link PanicHaltJvmTest}: InitEx with {@code PanicPolicy.haltJvm(71)}, then a panic. */
public final class PanicHaltJvmMain {
    private PanicHaltJvmMain() {}

    public static void main(String[] args) {
        LoadedVixDiskLib loaded = new VixDiskLibLoader().load(Path.of(args[0]));
        VddkLogSink stdout = new VddkLogSink() {
            @Override
            public boolean isEnabled(LogChannel c) {
                return c == LogChannel.PANIC;
            }

            @Override
            public void accept(LogChannel c, String m) {
                System.out.println("sink " + c + ": " + m);
                System.out.flush();
            }
        };
        NativeLogFunctions f = new NativeLogFunctions(new LogBridge(stdout, PanicPolicy.haltJvm(71)));
        loaded.lib().VixDiskLib_InitEx(loaded.vddkMajor(), 0, f.log(), f.warn(), f.panic(), args[0], null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        VixDiskLibStub.load(loaded.path()).VixDiskLibStub_EmitTestLogs(VixDiskLibStub.VIXDISKLIBSTUB_PANIC, 0, 1, 3);
        System.out.println("panic returned");
    }
}
