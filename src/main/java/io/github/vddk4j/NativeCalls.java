package io.github.vddk4j;

import com.sun.jna.Pointer;
import io.github.vddk4j.jna.VixDiskLib;
import io.github.vddk4j.jna.VixDiskLibDataPath;
import io.github.vddk4j.jna.VixDiskLibFunction;
import io.github.vddk4j.jna.VixDiskLibHandle;
import io.github.vddk4j.jna.VixErrors;
import io.github.vddk4j.logging.LogBridge;
import io.github.vddk4j.logging.LogCapture;
import java.util.List;
import java.util.Objects;
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
    final int vddkMajor;
    final VddkCapabilities capabilities;
    private final LogBridge bridge;

    NativeCalls(VixDiskLib lib, VixDiskLibDataPath dataPath, VddkCapabilities capabilities, LogBridge bridge) {
        this.lib = Objects.requireNonNull(lib, "lib");
        this.dataPath = Objects.requireNonNull(dataPath, "dataPath");
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
        long err;
        List<String> log;
        try (LogCapture capture = bridge.capture()) {
            err = call.getAsLong();
            log = err == VixErrors.VIX_OK ? List.of() : capture.messages();
        }
        if (err != VixErrors.VIX_OK) {
            throw failure(function, context, err, log);
        }
    }

    /**
     * {@code VixDiskLib_Read} or {@code VixDiskLib_Write} of {@code numSectors} at the native
     * address {@code buffer}: {@link #check} for the data path, without a lambda or an allocation
     * (the thread's reusable log capture collects what VDDK logs meanwhile).
     *
     * @throws VddkCallException if the call returns anything but VIX_OK
     */
    void readOrWrite(boolean write, VixDiskLibHandle handle, String context, long startSector, long numSectors,
                     long buffer) {
        long err;
        List<String> log = List.of();
        LogCapture capture = bridge.captureCall();
        try {
            err = write ? dataPath.write(handle, startSector, numSectors, buffer)
                    : dataPath.read(handle, startSector, numSectors, buffer);
            if (err != VixErrors.VIX_OK) {
                log = capture.messages();
            }
        } finally {
            capture.close();
        }
        if (err != VixErrors.VIX_OK) {
            throw failure(write ? "VixDiskLib_Write" : "VixDiskLib_Read", context, err, log);
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

    /** {@code VixDiskLib_GetErrorText(err, NULL)} copied, then {@code VixDiskLib_FreeErrorText}; null if none. */
    String errorText(long err) {
        Pointer text = lib.VixDiskLib_GetErrorText(err, null);
        if (text == null) {
            return null;
        }
        try {
            return text.getString(0, "UTF-8");
        } finally {
            lib.VixDiskLib_FreeErrorText(text);
        }
    }
}
