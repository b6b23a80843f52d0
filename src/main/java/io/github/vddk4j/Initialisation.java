package io.github.vddk4j;

import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.jna.VixDiskLib;
import io.github.vddk4j.jna.VixDiskLibDataPath;
import io.github.vddk4j.logging.internal.LogBridge;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import io.github.vddk4j.logging.PanicPolicy;
import io.github.vddk4j.logging.VddkLogSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.LoggerFactory;

/**
 * The InitEx wiring of {@link DiskLib.Builder#open()}: the log bridge and its native callbacks, the
 * native-call context, the temporary config file, and {@code VixDiskLib_InitEx} itself under the
 * process-wide lock. The process slot and the loading are the builder's.
 */
final class Initialisation {
    /**
     * Every set of log callbacks ever given to InitEx, kept for the life of the process: VDDK calls
     * them from its own threads until Exit has returned (or forever after a failed InitEx), a
     * collected callback crashes the process or silently drops messages, and a caller may drop a
     * DiskLib without closing it. One InitEx per process makes this one set in practice
     * (docs/vddk-behaviour.md, "Log callbacks must outlive Exit, even after a failed InitEx").
     */
    private static final List<NativeLogFunctions> CALLBACKS_GIVEN_TO_VDDK = new CopyOnWriteArrayList<>();

    /** What the builder was told. */
    record Options(VddkConfig config, Path configFile, VddkLogSink logSink, PanicPolicy panicPolicy,
                   Executor completionExecutor, boolean trackUnclosed, boolean observeCalls, int majorVersion,
                   int minorVersion) {
    }

    private Initialisation() {
    }

    /**
     * Calls InitEx with callbacks bridged to the options' sink and returns the initialised DiskLib.
     *
     * @throws VddkCallException if InitEx fails (callbacks are retained for the life of the process anyway)
     * @throws UncheckedIOException if the config cannot be written to a temporary file
     */
    static DiskLib initEx(Options o, VixDiskLib lib, VixDiskLibDataPath dataPath,
                          DataPathImplementation dataPathImplementation, VddkCapabilities capabilities,
                          Path initLibDir, LiveDiskLib slot) {
        LogBridge bridge = LogBridge.queued(o.logSink(), o.panicPolicy());
        NativeLogFunctions logFunctions = new NativeLogFunctions(bridge);
        NativeCalls calls = new NativeCalls(lib, dataPath, dataPathImplementation, capabilities, bridge,
                o.completionExecutor(),
                o.trackUnclosed(), o.observeCalls() ? new CallObserver() : null);
        Path tempConfig = null;
        if (o.config() != null) {
            try {
                tempConfig = o.config().writeTempFile();
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the VDDK config to a temporary file", e);
            }
        }
        Path effectiveConfig = tempConfig != null ? tempConfig : o.configFile();
        CALLBACKS_GIVEN_TO_VDDK.add(logFunctions); // before InitEx: reachable whatever happens next
        try {
            LifecycleLock.run(() -> calls.check("VixDiskLib_InitEx",
                    initLibDir == null ? null : "libDir " + initLibDir,
                    () -> lib.VixDiskLib_InitEx(o.majorVersion(), o.minorVersion(), logFunctions.log(),
                            logFunctions.warn(), logFunctions.panic(), initLibDir == null ? null : initLibDir.toString(),
                            effectiveConfig == null ? null : effectiveConfig.toAbsolutePath().toString())));
        } finally {
            // VDDK reads the config file during InitEx only (docs/vddk-behaviour.md): deleting it now
            // means a process killed later leaves nothing behind
            deleteTempConfig(tempConfig);
        }
        return new DiskLib(calls, bridge, logFunctions, slot);
    }

    private static void deleteTempConfig(Path tempConfigFile) {
        if (tempConfigFile != null) {
            try {
                Files.deleteIfExists(tempConfigFile);
            } catch (IOException e) {
                // left for VddkConfig.deleteStaleTempFiles of a later process
                LoggerFactory.getLogger(DiskLib.class).warn("could not delete the temporary VDDK config file {}: {}",
                        tempConfigFile, e.toString());
            }
        }
    }
}
