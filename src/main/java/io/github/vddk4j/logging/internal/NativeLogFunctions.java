package io.github.vddk4j.logging.internal;

import io.github.vddk4j.logging.LogChannel;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.github.vddk4j.jna.VixDiskLibGenericLogFunc;

import java.util.Objects;

/**
 * The three {@link VixDiskLibGenericLogFunc} callbacks (log, warn, panic) to pass to
 * {@code VixDiskLib_InitEx}, bridged to a {@link LogBridge}: what VDDK's log functions do. The raw
 * layer only declares the callback type; this class is vddk4j's wiring (used by {@code DiskLib},
 * and by tests that call InitEx through the raw layer), not an API for applications.
 *
 * <p>The owner (DiskLib) must keep this object strongly referenced from before InitEx until after
 * Exit: JNA holds callbacks weakly, and a collected callback crashes VDDK or silently drops messages.
 *
 * <p>Each callback: asks the bridge whether the channel is wanted on this thread and returns at once
 * if not (no formatting); otherwise formats {@code fmt} + {@code va_list} once with
 * {@link VaListFormatter} (libc {@code vsnprintf}), removes the trailing newline, and delivers the
 * text. Nothing it throws reaches native code. Native threads that VDDK starts are attached to the
 * JVM once, as daemon threads named {@value #NATIVE_THREAD_NAME}, and stay attached until they end
 * ({@link CallbackThreadInitializer} with detach = false).
 */
public final class NativeLogFunctions {
    /** Name given to VDDK worker threads when they first call a log function. */
    public static final String NATIVE_THREAD_NAME = "vddk-native";

    /**
     * JNA creates a direct callback's native trampoline only when the callback is passed to a
     * direct-mapped native method. {@code memmove(dest, src, 0)} returns {@code dest} and touches no
     * memory: passing the callback as {@code dest} yields the trampoline's address.
     */
    static final class Trampolines {
        private Trampolines() {}

        static native long memmove(Callback dest, long src, long n);

        static {
            Native.register(Trampolines.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }
    }

    private final LogBridge bridge;
    private final VaListFormatter formatter;
    private final Bridged[] bridged;
    private final VixDiskLibGenericLogFunc log;
    private final VixDiskLibGenericLogFunc warn;
    private final VixDiskLibGenericLogFunc panic;

    /** Callbacks formatting with libc {@code vsnprintf}. */
    public NativeLogFunctions(LogBridge bridge) {
        this(bridge, new LibcVaListFormatter());
    }

    /** Callbacks with an injected formatter (tests). */
    public NativeLogFunctions(LogBridge bridge, VaListFormatter formatter) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
        if (Native.POINTER_SIZE != 8) {
            throw new UnsupportedOperationException("VDDK log callbacks need a 64-bit JVM (VDDK is 64-bit only)");
        }
        CallbackThreadInitializer init = new CallbackThreadInitializer(true, false, NATIVE_THREAD_NAME);
        this.bridged = new Bridged[] {new Bridged(LogChannel.LOG), new Bridged(LogChannel.WARN), new Bridged(LogChannel.PANIC)};
        for (Bridged b : bridged) {
            Native.setCallbackThreadInitializer(b, init); // before JNA creates the trampoline
        }
        this.log = nativeFunction(bridged[0]);
        this.warn = nativeFunction(bridged[1]);
        this.panic = nativeFunction(bridged[2]);
    }

    /**
     * The direct trampoline of {@code callback} as a {@link VixDiskLibGenericLogFunc}: JNA passes a
     * function proxy on as its native address, so InitEx receives the direct trampoline.
     */
    private static VixDiskLibGenericLogFunc nativeFunction(Bridged callback) {
        long trampoline = Trampolines.memmove(callback, 0, 0);
        if (trampoline == 0) {
            throw new IllegalStateException("JNA gave no native trampoline for the VDDK log callback");
        }
        return (VixDiskLibGenericLogFunc) CallbackReference.getCallback(VixDiskLibGenericLogFunc.class, new Pointer(trampoline));
    }

    /** The {@code log} argument of InitEx. */
    public VixDiskLibGenericLogFunc log() {
        return log;
    }

    /** The {@code warn} argument of InitEx. */
    public VixDiskLibGenericLogFunc warn() {
        return warn;
    }

    /** The {@code panic} argument of InitEx. */
    public VixDiskLibGenericLogFunc panic() {
        return panic;
    }

    /** The bridge messages go to. */
    public LogBridge bridge() {
        return bridge;
    }

    /** Removes trailing line terminators ({@code \n}, {@code \r\n}). */
    static String trimTrailingNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    /**
     * The Java side of one log function: {@code void (const char *fmt, va_list args)} with both
     * pointers as 64-bit addresses. JNA calls it as a <em>direct</em> callback (the JNI method
     * directly, no {@code Object[]} of arguments, no {@link Pointer} objects, no reflection). It
     * implements {@link Callback} itself, not an interface declaring {@code invoke}, and has no other
     * public method: JNA then takes this final class's {@code invoke} as the callback method, and
     * each upcall calls it without the interface method lookup JNI does for an interface's method.
     */
    private final class Bridged implements Callback {
        private final LogChannel channel;

        Bridged(LogChannel channel) {
            this.channel = channel;
        }

        /** Called by VDDK, through JNA, for each message of this channel. */
        public void invoke(long fmt, long vaList) {
            try {
                if (!bridge.wants(channel)) {
                    return;
                }
                String text;
                try {
                    text = formatter.formatLine(fmt, vaList);
                } catch (Throwable t) {
                    bridge.reportFailure("formatting a VDDK " + channel + " message failed", t);
                    text = "[vddk4j: could not format VDDK message: " + t + "]";
                }
                bridge.deliver(channel, text);
            } catch (Throwable t) {
                try {
                    bridge.reportFailure("VDDK " + channel + " callback failed", t);
                } catch (Throwable ignored) {
                    // nothing may escape into native code
                }
            }
        }
    }
}
