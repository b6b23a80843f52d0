package io.github.vddk4j;

import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.jna.VixDiskLib;
import io.github.vddk4j.jna.VixDiskLibDataPath;
import io.github.vddk4j.logging.LogBridge;
import io.github.vddk4j.logging.NativeLogFunctions;
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
     * Log callbacks given to an InitEx that failed: VDDK may have kept them, and a collected
     * callback crashes the process, so they are never released (docs/vddk-behaviour.md,
     * "Log callbacks must outlive Exit, even after a failed InitEx").
     */
    private static final List<NativeLogFunctions> RETAINED_AFTER_FAILED_INIT = new CopyOnWriteArrayList<>();

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
     * @throws VddkCallException if InitEx fails (its callbacks are retained forever)
     * @throws UncheckedIOException if the config cannot be written to a temporary file
     */
    static DiskLib initEx(Options o, VixDiskLib lib, VixDiskLibDataPath dataPath, VddkCapabilities capabilities,
                          Path initLibDir, LiveDiskLib slot) {
        LogBridge bridge = LogBridge.queued(o.logSink(), o.panicPolicy());
        NativeLogFunctions logFunctions = new NativeLogFunctions(bridge);
        NativeCalls calls = new NativeCalls(lib, dataPath, capabilities, bridge, o.completionExecutor(),
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
        try {
            LifecycleLock.run(() -> calls.check("VixDiskLib_InitEx",
                    initLibDir == null ? null : "libDir " + initLibDir,
                    () -> lib.VixDiskLib_InitEx(o.majorVersion(), o.minorVersion(), logFunctions.log(),
                            logFunctions.warn(), logFunctions.panic(), initLibDir == null ? null : initLibDir.toString(),
                            effectiveConfig == null ? null : effectiveConfig.toAbsolutePath().toString())));
        } catch (RuntimeException | Error e) {
            RETAINED_AFTER_FAILED_INIT.add(logFunctions);
            throw e;
        } finally {
            // VDDK reads the config file during InitEx only (docs/reliability.md): deleting it now
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
