package io.github.vddk4j.logging.internal;

import io.github.vddk4j.logging.LogChannel;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.github.vddk4j.jna.DirectCallbacks;
import io.github.vddk4j.jna.VixDiskLibDataPathChoice;
import io.github.vddk4j.jna.VixDiskLibGenericLogFunc;
import io.github.vddk4j.jna.VixDiskLibLoader;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import java.util.Objects;

/**
 * The three {@link VixDiskLibGenericLogFunc} callbacks (log, warn, panic) to pass to
 * {@code VixDiskLib_InitEx}, bridged to a {@link LogBridge}: what VDDK's log functions do. The raw
 * layer only declares the callback type; this class is vddk4j's wiring (used by {@code DiskLib},
 * and by tests that call InitEx through the raw layer), not an API for applications.
 *
 * <p>How VDDK calls Java: on Java 22+ with the multi-release jar, through Foreign Function &amp;
 * Memory upcall stubs ({@link FfmLogUpcalls}: far cheaper per call, see docs/performance.md); otherwise, or with
 * {@code -Dvddk4j.dataPath=jna}, or if making the stubs fails (native access denied), through JNA
 * direct callbacks. Both call the same Java method. {@link #implementation()} says which.
 *
 * <p>The owner (DiskLib) must keep this object strongly referenced from before InitEx until after
 * Exit: JNA holds callbacks weakly and the upcall stubs are freed with this object, and a collected
 * callback crashes VDDK or silently drops messages.
 *
 * <p>Each callback: asks the bridge whether the channel is wanted on this thread and returns at once
 * if not (no formatting); otherwise formats {@code fmt} + {@code va_list} once with
 * {@link VaListFormatter} (libc {@code vsnprintf}), removes the trailing newline, and delivers the
 * text. Nothing it throws reaches native code (an exception escaping an FFM upcall would end the
 * JVM). Native threads that VDDK starts are attached to the JVM once, as daemon threads named
 * {@value #NATIVE_THREAD_NAME}, and stay attached until they end (JNA: {@link CallbackThreadInitializer}
 * with detach = false; FFM: the JVM attaches them as daemons and this class names them).
 */
public final class NativeLogFunctions {
    /** Name given to VDDK worker threads when they first call a log function. */
    public static final String NATIVE_THREAD_NAME = "vddk-native";
    /** {@code Bridged.invoke(long, long)}: the target of the FFM upcall stubs. */
    private static final MethodHandle INVOKE = invokeHandle();

    private static MethodHandle invokeHandle() {
        try {
            return MethodHandles.lookup().findVirtual(Bridged.class, "invoke",
                    MethodType.methodType(void.class, long.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LogBridge bridge;
    private final VaListFormatter formatter;
    private final Bridged[] bridged;
    private final VixDiskLibGenericLogFunc log;
    private final VixDiskLibGenericLogFunc warn;
    private final VixDiskLibGenericLogFunc panic;
    /** The FFM upcall stubs VDDK calls (kept reachable: they are freed with them); null with JNA. */
    private final UpcallStub[] upcallStubs;
    private final String implementation;

    /** Callbacks formatting with libc {@code vsnprintf}. */
    public NativeLogFunctions(LogBridge bridge) {
        this(bridge, System.getProperty(VixDiskLibLoader.DATA_PATH_PROPERTY));
    }

    /** Callbacks and their formatter following one reading of the property. */
    private NativeLogFunctions(LogBridge bridge, String requested) {
        this(bridge, new LibcVaListFormatter(requested), requested);
    }

    /** Callbacks with an injected formatter (tests). */
    public NativeLogFunctions(LogBridge bridge, VaListFormatter formatter) {
        this(bridge, formatter, System.getProperty(VixDiskLibLoader.DATA_PATH_PROPERTY));
    }

    /**
     * @param requested {@code jna} to use JNA callbacks even where FFM upcalls are available
     *                  (the value of {@value VixDiskLibLoader#DATA_PATH_PROPERTY}), or null
     */
    NativeLogFunctions(LogBridge bridge, VaListFormatter formatter, String requested) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
        if (Native.POINTER_SIZE != 8) {
            throw new UnsupportedOperationException("VDDK log callbacks need a 64-bit JVM (VDDK is 64-bit only)");
        }
        this.bridged = new Bridged[] {new Bridged(LogChannel.LOG), new Bridged(LogChannel.WARN), new Bridged(LogChannel.PANIC)};
        Mechanism m = mechanism(bridged, requested);
        UpcallStub[] stubs = m.upcallStubs();
        this.upcallStubs = stubs;
        this.implementation = m.description();
        if (stubs == null) {
            CallbackThreadInitializer init = new CallbackThreadInitializer(true, false, NATIVE_THREAD_NAME);
            for (Bridged b : bridged) {
                Native.setCallbackThreadInitializer(b, init); // before JNA creates the trampoline
            }
        }
        this.log = stubs == null ? nativeFunction(bridged[0]) : function(stubs[0].address());
        this.warn = stubs == null ? nativeFunction(bridged[1]) : function(stubs[1].address());
        this.panic = stubs == null ? nativeFunction(bridged[2]) : function(stubs[2].address());
    }

    /** How VDDK will call Java: FFM upcall stubs, or null for JNA callbacks; and why. */
    private record Mechanism(UpcallStub[] upcallStubs, String description) {
    }

    private static Mechanism mechanism(Bridged[] bridged, String requested) {
        if (!FfmLogUpcalls.available()) {
            return new Mechanism(null, "JNA callbacks: no FFM upcalls on Java " + Runtime.version().feature()
                    + " or with vddk4j's Java 17 classes");
        }
        if (!ffmWanted(requested)) {
            return new Mechanism(null, "JNA callbacks: forced by -D" + VixDiskLibLoader.DATA_PATH_PROPERTY + "=jna");
        }
        try {
            UpcallStub[] stubs = new UpcallStub[bridged.length];
            for (int i = 0; i < bridged.length; i++) {
                stubs[i] = FfmLogUpcalls.stub(INVOKE.bindTo(bridged[i]));
            }
            return new Mechanism(stubs, "FFM upcalls (Java " + Runtime.version().feature() + ")");
        } catch (RuntimeException | LinkageError e) {
            // IllegalCallerException (native access denied), UnsupportedOperationException: JNA instead
            return new Mechanism(null, "JNA callbacks: FFM upcalls failed (" + e + ")");
        }
    }

    /**
     * Whether FFM is to be tried for the log functions: this build has it (Java 22+ with the
     * multi-release jar) and {@code requested}, the value of
     * {@value VixDiskLibLoader#DATA_PATH_PROPERTY}, is not {@code jna}.
     */
    static boolean ffmWanted(String requested) {
        return FfmLogUpcalls.available() && !VixDiskLibDataPathChoice.requested(requested).equals(VixDiskLibDataPathChoice.JNA);
    }

    /** Whether VDDK calls Java through FFM upcall stubs (else: JNA direct callbacks). */
    public boolean usesFfm() {
        return upcallStubs != null;
    }

    /** Which mechanism VDDK calls Java through, and why (for diagnostics and tests). */
    public String implementation() {
        return implementation;
    }

    /**
     * The direct trampoline of {@code callback} as a {@link VixDiskLibGenericLogFunc}: JNA passes a
     * function proxy on as its native address, so InitEx receives the direct trampoline.
     */
    private static VixDiskLibGenericLogFunc nativeFunction(Bridged callback) {
        return function(DirectCallbacks.trampoline(callback));
    }

    /** The native function at {@code address} as the raw layer's callback type (passed on as the address). */
    private static VixDiskLibGenericLogFunc function(long address) {
        return (VixDiskLibGenericLogFunc) CallbackReference.getCallback(VixDiskLibGenericLogFunc.class, new Pointer(address));
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

    /**
     * A native thread that calls an FFM upcall stub is attached by the JVM as a daemon named
     * {@code Thread-N}; it gets {@value #NATIVE_THREAD_NAME}, as JNA's thread initializer gives it.
     * Such a thread has no Java frame below the callback; a Java thread that VDDK calls back on
     * (messages logged during a call) has, and keeps its name. Costs a string comparison per
     * message, and one stack walk per thread named {@code Thread-N}.
     */
    private static void nameIfAttachedByUpcall() {
        Thread t = Thread.currentThread();
        if (t.getName().startsWith("Thread-") && !CHECKED_FOR_UPCALL_ATTACH.get()) {
            CHECKED_FOR_UPCALL_ATTACH.set(Boolean.TRUE);
            // this method and invoke: nothing called into VDDK from Java on this thread
            long javaFrames = StackWalker.getInstance().walk(frames -> frames.limit(3).count());
            if (javaFrames == 2) {
                t.setName(NATIVE_THREAD_NAME);
            }
        }
    }

    private static final ThreadLocal<Boolean> CHECKED_FOR_UPCALL_ATTACH = ThreadLocal.withInitial(() -> Boolean.FALSE);

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

        /** Called by VDDK, through JNA or an FFM upcall stub, for each message of this channel. */
        public void invoke(long fmt, long vaList) {
            try {
                if (upcallStubs != null) {
                    nameIfAttachedByUpcall();
                }
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
