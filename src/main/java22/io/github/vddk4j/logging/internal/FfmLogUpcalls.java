package io.github.vddk4j.logging.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Makes Foreign Function &amp; Memory upcall stubs for the log functions, and the FFM downcall of
 * {@code vsnprintf} that formats their messages. This is the Java 22 build of the class
 * ({@code META-INF/versions/22} in the multi-release jar).
 *
 * <p>C: {@code void (*)(const char *fmt, va_list args)}. The stub is linked as
 * {@code (long, long) -> void}: on LP64 platforms (x86-64 System V, AArch64 AAPCS64) a pointer and
 * a 64-bit integer are one INTEGER-class argument in the same register, and on x86-64 Linux the
 * {@code va_list} parameter is a pointer to the {@code __va_list_tag} (on AArch64 Linux and
 * Windows too: a pointer, or a plain {@code char *}). The target is
 * {@code NativeLogFunctions}' callback, which never throws (a throwing upcall would end the JVM).
 * A native thread that calls the stub is attached to the JVM by the JVM itself.
 */
@SuppressWarnings("restricted") // Linker.upcallStub: vddk4j's module needs native access, as JNA does
final class FfmLogUpcalls {
    private static final FunctionDescriptor LOG_FUNC = FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);

    private FfmLogUpcalls() {
    }

    /** Whether this build of the class can make upcall stubs (true: Java 22 build). */
    static boolean available() {
        return true;
    }

    /**
     * An upcall stub calling {@code target} ({@code (long, long) -> void}), alive while the returned
     * {@link UpcallStub} is reachable.
     *
     * @throws IllegalCallerException if native access is denied to vddk4j's module
     * @throws UnsupportedOperationException on a platform whose pointers are not 64-bit
     */
    static UpcallStub stub(MethodHandle target) {
        requireLp64("FFM log upcalls");
        Arena arena = Arena.ofAuto();
        MemorySegment stub = Linker.nativeLinker().upcallStub(target, LOG_FUNC, arena);
        return new UpcallStub(stub.address(), new Object[] {arena, stub});
    }

    /**
     * libc's {@code vsnprintf} as an FFM downcall, linked {@code (long, long, long, long) -> int}
     * (pointers and {@code size_t} as 64-bit integers, as for the upcall). An ordinary downcall, not
     * {@code Linker.Option.critical}: {@code vsnprintf} walks every {@code %s} argument whole to
     * compute the length, however long, and a critical call would hold off every safepoint meanwhile.
     *
     * @throws IllegalCallerException if native access is denied to vddk4j's module
     * @throws UnsupportedOperationException on a platform whose pointers are not 64-bit
     */
    static Vsnprintf vsnprintf() {
        requireLp64("the FFM vsnprintf");
        try {
            Downcall.VSNPRINTF.type(); // links it now: failures surface here, not in a callback
        } catch (ExceptionInInitializerError e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        return Downcall::vsnprintf;
    }

    /** Refuses a platform where a pointer is not passed like a 64-bit integer (see the class comment). */
    private static void requireLp64(String what) {
        if (ValueLayout.ADDRESS.byteSize() != Long.BYTES) {
            throw new UnsupportedOperationException(what + " take pointers as 64-bit integers (LP64),"
                    + " but pointers are " + ValueLayout.ADDRESS.byteSize() + " bytes here");
        }
    }

    /** The downcall in a static final field, so that the JIT compiles its call as a constant. */
    private static final class Downcall {
        static final MethodHandle VSNPRINTF = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("vsnprintf").orElseThrow(
                        () -> new UnsupportedOperationException("the C library has no vsnprintf")),
                FunctionDescriptor.of(ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));

        private Downcall() {
        }

        static int vsnprintf(long buf, long size, long fmt, long vaList) {
            try {
                return (int) VSNPRINTF.invokeExact(buf, size, fmt, vaList);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("unexpected exception from the vsnprintf downcall", t);
            }
        }
    }
}
