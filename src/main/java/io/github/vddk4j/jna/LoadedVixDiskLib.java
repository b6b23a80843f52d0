package io.github.vddk4j.jna;

import com.sun.jna.NativeLibrary;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * A loaded {@code libvixDiskLib}: what {@link VixDiskLibLoader#load} returns.
 *
 * @param lib           the raw function proxy (functions the library lacks raise
 *                      {@link UnsupportedOperationException} at call time)
 * @param dataPath      Read/Write/ReadAsync/WriteAsync on native addresses (JNA direct mapping, or FFM
 *                      downcalls for Read/Write on Java 22+)
 * @param dataPathChoice which data path implementation {@code dataPath} is, and why
 * @param library       the JNA library the proxy and data path are bound to
 * @param path          the file loaded (absolute path, or the bare name the system library path resolved)
 * @param libDir        the VDDK distribution root to pass to InitEx (the folder holding lib64/), or
 *                      {@code null} when the library came from the system library path
 * @param vddkMajor     the VDDK major version (6..9)
 * @param vddkMinor     the VDDK minor version, from the ELF version definitions (0 if they do not say)
 * @param versionSource how {@code vddkMajor} was learned
 * @param functions     the VixDiskLib functions the library exports (every {@link VixDiskLibFunction#required()} one)
 * @param preloaded     the bundled dependencies preloaded from lib64 (kept referenced)
 * @param options       the JNA library options used (UTF-8 strings, open flags, invocation mapper)
 */
public record LoadedVixDiskLib(VixDiskLib lib, VixDiskLibDataPath dataPath, VixDiskLibDataPathChoice dataPathChoice,
                               NativeLibrary library, String path,
                               Path libDir, int vddkMajor, int vddkMinor, VersionSource versionSource,
                               Set<VixDiskLibFunction> functions, List<NativeLibrary> preloaded,
                               Map<String, ?> options) {

    /** How the major version was determined. */
    public enum VersionSource {
        /** From the loaded file's name ({@code libvixDiskLib.so.N}), after resolving symlinks. */
        FILE_NAME,
        /** From the ELF {@code DT_SONAME} of an unversioned {@code libvixDiskLib.so}. */
        SONAME,
        /**
         * Neither name nor SONAME carries it: the highest {@code VIXDISKLIB_x.y} ELF version definition,
         * which names the newest API version the library implements.
         */
        VERSION_DEFINITIONS;

        /** What the source is, for messages. */
        public String description() {
            return switch (this) {
                case FILE_NAME -> "its file name";
                case SONAME -> "its SONAME";
                case VERSION_DEFINITIONS -> "its ELF version definitions";
            };
        }
    }

    public LoadedVixDiskLib {
        preloaded = List.copyOf(preloaded);
        functions = functions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(functions));
        options = Map.copyOf(options);
    }
}
