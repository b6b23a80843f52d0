package io.github.vddk4j;

import com.sun.jna.Pointer;
import io.github.vddk4j.jna.VixDiskLib;
import io.github.vddk4j.jna.VixDiskLibDataPath;
import io.github.vddk4j.jna.VixDiskLibFunction;
import io.github.vddk4j.jna.VixDiskLibHandle;
import io.github.vddk4j.jna.VixErrors;
import io.github.vddk4j.logging.internal.LogBridge;
import io.github.vddk4j.logging.internal.LogCapture;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * One DiskLib's access to the native library: the raw function proxy, the direct-mapped data
 * path, the VDDK major version, and the translation of a failed {@code VixError} into a
 * {@link VddkCallException} that carries GetErrorText's text and the warnings VDDK logged on the
 * calling thread during the call.
 */
final class NativeCalls {
    final VixDiskLib lib;
    final VixDiskLibDataPath dataPath;
    /** Which implementation {@link #dataPath} is. */
    final DataPathImplementation dataPathImplementation;
    final int vddkMajor;
    final VddkCapabilities capabilities;
    /** Where async completion work (futures, error texts) runs; never VDDK's thread. */
    final Executor completionExecutor;
    /** Whether resources capture where they were opened, for the {@link SafetyNet}'s report. */
    final boolean trackUnclosed;
    /** Call statistics and trace, or null when the DiskLib does not observe its calls. */
    final CallObserver observer;
    private final LogBridge bridge;
    /**
     * Read-held around VixDiskLib calls made off the lifecycle path (async completion work);
     * write-held by {@link #exit(Runnable)}: after Exit no such call runs.
     */
    private final ReentrantReadWriteLock exitLock = new ReentrantReadWriteLock();
    private boolean exited;

    NativeCalls(VixDiskLib lib, VixDiskLibDataPath dataPath, VddkCapabilities capabilities, LogBridge bridge) {
        this(lib, dataPath, DataPathImplementation.JNA, capabilities, bridge, ForkJoinPool.commonPool(),
                SafetyNet.trackingByDefault(), null);
    }

    NativeCalls(VixDiskLib lib, VixDiskLibDataPath dataPath, DataPathImplementation dataPathImplementation,
                VddkCapabilities capabilities, LogBridge bridge, Executor completionExecutor, boolean trackUnclosed,
                CallObserver observer) {
        this.trackUnclosed = trackUnclosed;
        this.observer = observer;
        this.completionExecutor = Objects.requireNonNull(completionExecutor, "completionExecutor");
        this.lib = Objects.requireNonNull(lib, "lib");
        this.dataPath = Objects.requireNonNull(dataPath, "dataPath");
        this.dataPathImplementation = Objects.requireNonNull(dataPathImplementation, "dataPathImplementation");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.vddkMajor = capabilities.major();
        this.bridge = Objects.requireNonNull(bridge, "bridge");
    }

    /**
     * Runs one VixDiskLib call that returns a {@code VixError}, collecting what VDDK logs at WARN
     * or PANIC on this thread meanwhile.
     *
     * @param function the C function, for the exception
     * @param context  what the call is about (path, server), never a secret; may be null
     * @throws VddkCallException if the call returns anything but VIX_OK
     */
    void check(String function, String context, LongSupplier call) {
        check(function, context, 0, call);
    }

    /**
     * {@link #check(String, String, LongSupplier)} for a data-path call that moves {@code bytes}
     * (counted in the call statistics when they are on).
     */
    void check(String function, String context, long bytes, LongSupplier call) {
        long err;
        List<String> log;
        CallObserver o = observer;
        long start = o == null ? 0 : System.nanoTime();
        try (LogCapture capture = bridge.capture()) {
            err = InsideVddk.call(function, call);
            log = err == VixErrors.VIX_OK ? List.of() : capture.messages();
        }
        if (o != null) {
            o.record(function, context, err == VixErrors.VIX_OK ? bytes : 0, err, System.nanoTime() - start);
        }
        if (err != VixErrors.VIX_OK) {
            throw failure(function, context, err, log);
        }
    }

    /**
     * {@code VixDiskLib_Read} or {@code VixDiskLib_Write} of {@code numSectors} at the native
     * address {@code buffer}: {@link #check} for the data path (same log capture, re-entry mark and
     * call statistics), without a lambda or an allocation: the thread's reusable log capture
     * collects what VDDK logs meanwhile.
     *
     * @throws VddkCallException if the call returns anything but VIX_OK
     */
    void readOrWrite(boolean write, VixDiskLibHandle handle, String context, long startSector, long numSectors,
                     long buffer) {
        String function = write ? "VixDiskLib_Write" : "VixDiskLib_Read";
        long err;
        List<String> log = List.of();
        CallObserver o = observer;
        long start = o == null ? 0 : System.nanoTime();
        String[] inside = InsideVddk.mark();
        String outer = inside[0];
        LogCapture capture = bridge.captureCall();
        try {
            inside[0] = function;
            err = write ? dataPath.write(handle, startSector, numSectors, buffer)
                    : dataPath.read(handle, startSector, numSectors, buffer);
            if (err != VixErrors.VIX_OK) {
                log = capture.messages();
            }
        } finally {
            inside[0] = outer;
            capture.close();
        }
        if (o != null) {
            o.record(function, context, err == VixErrors.VIX_OK ? numSectors * 512 : 0, err, System.nanoTime() - start);
        }
        if (err != VixErrors.VIX_OK) {
            throw failure(function, context, err, log);
        }
    }

    /** The exception for a failed call: GetErrorText copied, then FreeErrorText, always. */
    VddkCallException failure(String function, String context, long err, List<String> vddkLog) {
        return new VddkCallException(function, context, err, errorText(err), vddkLog);
    }

    /**
     * Refuses an operation whose function the loaded VDDK lacks, before any native call.
     *
     * @throws VddkUnsupportedException naming the release that introduced the function
     */
    void require(VixDiskLibFunction function) {
        if (!capabilities.supports(function.cName())) {
            throw new VddkUnsupportedException(function.cName(), function.introducedIn(), capabilities.version());
        }
    }

    /**
     * Runs {@code exitCall} ({@code VixDiskLib_Exit}) once no off-lifecycle call is running, and
     * refuses every later one: no VixDiskLib call may run after Exit.
     */
    void exit(Runnable exitCall) {
        exitLock.writeLock().lock(); // held only for the length of one GetErrorText by others
        try {
            exited = true;
            exitCall.run();
        } finally {
            exitLock.writeLock().unlock();
        }
    }

    /**
     * {@code VixDiskLib_GetErrorText(err, NULL)} copied, then {@code VixDiskLib_FreeErrorText}; null if
     * none, or if the library has exited (then no VixDiskLib call may run).
     */
    String errorText(long err) {
        exitLock.readLock().lock();
        try {
            return exited ? null : errorTextNow(err);
        } finally {
            exitLock.readLock().unlock();
        }
    }

    private String errorTextNow(long err) {
        Pointer text = InsideVddk.get("VixDiskLib_GetErrorText", () -> lib.VixDiskLib_GetErrorText(err, null));
        if (text == null) {
            return null;
        }
        try {
            return text.getString(0, "UTF-8");
        } finally {
            InsideVddk.run("VixDiskLib_FreeErrorText", () -> lib.VixDiskLib_FreeErrorText(text));
        }
    }
}
