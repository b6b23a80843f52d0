package io.github.vddk4j.jna;

import com.sun.jna.NativeLibrary;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Chooses the {@link VixDiskLibDataPath} implementation for a loaded library: FFM downcalls where
 * available (Java 22+ with the multi-release jar), JNA direct mapping otherwise; the system property
 * {@value VixDiskLibLoader#DATA_PATH_PROPERTY} ({@code jna}, {@code ffm} or {@code auto}) forces one.
 *
 * @param dataPath the data path to use
 * @param choice   which one it is and why
 */
record DataPathSelection(VixDiskLibDataPath dataPath, VixDiskLibDataPathChoice choice) {
    private static final String PROPERTY = VixDiskLibLoader.DATA_PATH_PROPERTY;

    /**
     * Binds the JNA data path (always: FFM delegates the async calls to it) and, unless forced to JNA,
     * tries the FFM one.
     *
     * @param requested the property's value, or null
     * @throws VixDiskLibLoadException if the property names no implementation, or forces {@code ffm}
     *         where it cannot work
     */
    static DataPathSelection select(NativeLibrary library, int vddkMajor, String requested) {
        return select(library, vddkMajor, requested, FfmDataPaths::create, FfmDataPaths.available());
    }

    /**
     * {@link #select(NativeLibrary, int, String)} with the FFM factory given (tests).
     *
     * @param ffmBuilt whether this is the Java 22 build of the factory (its failures are fallbacks)
     */
    static DataPathSelection select(NativeLibrary library, int vddkMajor, String requested,
                                    BiFunction<NativeLibrary, DirectVixDiskLibDataPath, VixDiskLibDataPath> ffmFactory,
                                    boolean ffmBuilt) {
        String wanted = VixDiskLibDataPathChoice.requested(requested);
        if (!List.of(VixDiskLibDataPathChoice.AUTO, VixDiskLibDataPathChoice.JNA, VixDiskLibDataPathChoice.FFM).contains(wanted)) {
            throw new VixDiskLibLoadException("-D" + PROPERTY + "=" + requested + " names no data path: use jna, ffm or auto"
                    + " (the default: ffm on Java 22+, else jna)", List.of(), null, null);
        }
        DirectVixDiskLibDataPath jna = new DirectVixDiskLibDataPath(library, vddkMajor);
        if (wanted.equals(VixDiskLibDataPathChoice.JNA)) {
            return new DataPathSelection(jna, new VixDiskLibDataPathChoice(VixDiskLibDataPathChoice.JNA,
                    "forced by -D" + PROPERTY + "=jna", false));
        }
        try {
            VixDiskLibDataPath ffm = ffmFactory.apply(library, jna);
            return new DataPathSelection(ffm, new VixDiskLibDataPathChoice(VixDiskLibDataPathChoice.FFM,
                    "Java " + Runtime.version().feature() + ": FFM downcalls" + (wanted.equals(VixDiskLibDataPathChoice.AUTO) ? "" : ", forced by -D" + PROPERTY + "=ffm"),
                    false));
        } catch (RuntimeException | LinkageError e) {
            // IllegalCallerException (native access denied), UnsupportedOperationException (no FFM
            // here), linkage failures: JNA instead, or a clear refusal when FFM was demanded
            String why = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            if (wanted.equals(VixDiskLibDataPathChoice.FFM)) {
                throw new VixDiskLibLoadException("-D" + PROPERTY + "=ffm, but the FFM data path cannot be used: " + why
                        + ". Run on Java 22+ with the vddk4j jar (multi-release) and --enable-native-access=ALL-UNNAMED,"
                        + " or drop the property (vddk4j then uses JNA where FFM cannot work).", List.of(), null, e);
            }
            boolean fallback = ffmBuilt;
            return new DataPathSelection(jna, new VixDiskLibDataPathChoice(VixDiskLibDataPathChoice.JNA,
                    fallback ? "the FFM data path failed (" + e.getClass().getSimpleName() + ": " + why
                            + "); pass --enable-native-access=ALL-UNNAMED (or the module holding vddk4j) to use it"
                            : why, fallback));
        }
    }
}
