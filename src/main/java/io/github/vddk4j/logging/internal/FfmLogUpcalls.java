package io.github.vddk4j.logging.internal;

import java.lang.invoke.MethodHandle;

/**
 * Makes Foreign Function &amp; Memory upcall stubs for the log functions, and the FFM downcall of
 * {@code vsnprintf} that formats their messages. This is the Java 17 build of the class: it has
 * neither, and {@link NativeLogFunctions} uses JNA callbacks, {@link LibcVaListFormatter} JNA's
 * direct mapping. The multi-release
 * jar carries a Java 22 build ({@code META-INF/versions/22}) that Java 22+ loads instead.
 */
final class FfmLogUpcalls {
    private FfmLogUpcalls() {
    }

    /** Whether this build of the class can make upcall stubs (false: Java 17 build). */
    static boolean available() {
        return false;
    }

    /**
     * Always fails in this build.
     *
     * @throws UnsupportedOperationException saying why there are no FFM upcalls here
     */
    static UpcallStub stub(MethodHandle target) {
        throw new UnsupportedOperationException("Java " + Runtime.version().feature()
                + " or vddk4j's Java 17 classes only: no FFM log upcalls");
    }

    /**
     * Always fails in this build.
     *
     * @throws UnsupportedOperationException saying why there is no FFM downcall here
     */
    static Vsnprintf vsnprintf() {
        throw new UnsupportedOperationException("Java " + Runtime.version().feature()
                + " or vddk4j's Java 17 classes only: no FFM downcalls");
    }
}
