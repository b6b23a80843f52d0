package io.github.vddk4j.jna;

import com.sun.jna.InvocationMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and loads {@code libvixDiskLib} and binds {@link VixDiskLib} and {@link VixDiskLibDataPath} to it.
 *
 * <p>Search order:
 * <ol>
 *   <li>With a {@code libDir} (the VDDK distribution root, the folder that holds {@code lib64/}):
 *       {@code libDir/lib64/libvixDiskLib.so.9}, {@code .8}, {@code .7}, {@code .6}, then
 *       {@code libDir/lib64/libvixDiskLib.so}, then {@code libDir/libvixDiskLib.so*} (highest version first;
 *       this also accepts a lib64 folder given as libDir, whose parent then becomes the distribution root).</li>
 *   <li>Without one: the same search in the system property {@value #LIB_DIR_PROPERTY}, then in the
 *       environment variable {@value #LIB_DIR_ENV}, then {@code libvixDiskLib.so.9..6} and
 *       {@code libvixDiskLib.so} by bare name on the system library path ({@code LD_LIBRARY_PATH},
 *       {@code /etc/ld.so.cache}, default directories).</li>
 * </ol>
 *
 * <p>Bundled dependencies (docs/vddk-behaviour.md, "VDDK's bundled libraries must be found first"): real VDDK ships libssl, libcrypto, libstdc++ and others in lib64, and the
 * dynamic linker does not look there when the library is opened by absolute path. Before opening a
 * {@code libvixDiskLib} file the loader reads its ELF {@code DT_NEEDED} list and preloads (with
 * {@code RTLD_GLOBAL}, dependencies first, recursively) every needed library that exists in the same
 * folder; the dynamic linker then resolves those names to the already-loaded copies by SONAME. No
 * environment variable needs to change, and nothing of VDDK lands on other programs' library path.
 *
 * <p>The pieces: {@link LibraryVersion} (which VDDK a file is), {@link BundledDependencies}
 * (preloading lib64's libraries), {@link LoadFailures} (the reports), {@link UnsupportedFunctionMapper}
 * (optional functions the library lacks). This class searches and binds.
 *
 * <p>Data path: {@link DirectVixDiskLibDataPath} (JNA direct mapping), or on Java 22+ with the
 * multi-release jar an FFM one ({@code META-INF/versions/22}); {@value #DATA_PATH_PROPERTY} forces
 * one, and {@link LoadedVixDiskLib#dataPathChoice()} says which was chosen and why.
 *
 * <p>Version: from the file name ({@code libvixDiskLib.so.N}, after resolving symlinks), else the
 * ELF SONAME, else the ELF version definitions ({@link LibraryVersion}).
 *
 * <p>Failures raise {@link VixDiskLibLoadException} listing every path tried; a library whose own
 * dependency is missing names it; a library without a function vddk4j requires
 * ({@link VixDiskLibFunction#required()}, e.g. VDDK before 6.7) is refused. Calling an optional
 * function the library lacks raises {@link UnsupportedOperationException} naming the VDDK release
 * that introduced it.
 */
public final class VixDiskLibLoader {
    /** System property naming the VDDK distribution root. */
    public static final String LIB_DIR_PROPERTY = "vddk4j.libDir";
    /** Environment variable naming the VDDK distribution root. */
    public static final String LIB_DIR_ENV = "VDDK_LIBDIR";
    /**
     * System property that forces the data path: {@code jna} (JNA direct mapping), {@code ffm}
     * (Foreign Function &amp; Memory downcalls; the load fails where they cannot work) or {@code auto}
     * (the default: FFM on Java 22+ with the multi-release jar, else JNA; see {@link VixDiskLibDataPathChoice}).
     */
    public static final String DATA_PATH_PROPERTY = "vddk4j.dataPath";

    private static final int[] MAJORS = {9, 8, 7, 6};
    private static final String BASE = "libvixDiskLib.so";
    /** The oldest VDDK vddk4j supports (it needs VixDiskLib_AllocateConnectParams). */
    static final String MIN_SUPPORTED = "6.7";

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    /** A loader that reads the real system properties and environment. */
    public VixDiskLibLoader() {
        this(System::getProperty, System::getenv);
    }

    /** A loader with injected property and environment lookups (for tests). */
    VixDiskLibLoader(Function<String, String> systemProperties, Function<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** {@code load(null)}: searches the system property, the environment variable, then the system path. */
    public LoadedVixDiskLib load() {
        return load(null);
    }

    /**
     * Loads libvixDiskLib.
     *
     * @param libDir the VDDK distribution root, or {@code null} to search the property, environment and system path
     * @throws VixDiskLibLoadException if no candidate loads; the message lists every path tried
     */
    public LoadedVixDiskLib load(Path libDir) {
        List<String> attempts = new ArrayList<>();
        if (libDir != null) {
            LoadedVixDiskLib r = searchDir(libDir, "libDir", attempts);
            if (r != null) {
                return r;
            }
            throw LoadFailures.notFound(attempts);
        }
        String prop = systemProperties.apply(LIB_DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            LoadedVixDiskLib r = searchDir(Path.of(prop), "system property " + LIB_DIR_PROPERTY, attempts);
            if (r != null) {
                return r;
            }
        } else {
            attempts.add("system property " + LIB_DIR_PROPERTY + ": not set");
        }
        String env = environment.apply(LIB_DIR_ENV);
        if (env != null && !env.isBlank()) {
            LoadedVixDiskLib r = searchDir(Path.of(env), "environment variable " + LIB_DIR_ENV, attempts);
            if (r != null) {
                return r;
            }
        } else {
            attempts.add("environment variable " + LIB_DIR_ENV + ": not set");
        }
        List<String> names = new ArrayList<>();
        for (int m : MAJORS) {
            names.add(BASE + "." + m);
        }
        names.add(BASE);
        for (String name : names) {
            String where = name + " (system library path)";
            try {
                return bind(name, null, null, attempts);
            } catch (UnsatisfiedLinkError e) {
                String dep = LoadFailures.missingDependency(e.getMessage(), name);
                if (dep != null) {
                    attempts.add(where + ": found, but its dependency " + dep + " is missing");
                    throw LoadFailures.dependencyMissing(name, dep, attempts, e);
                }
                attempts.add(where + ": not found");
            }
        }
        throw LoadFailures.notFound(attempts);
    }

    // ---- search ----

    private LoadedVixDiskLib searchDir(Path dir, String origin, List<String> attempts) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            attempts.add(abs + " (" + origin + "): " + (Files.exists(abs)
                    ? "is a file, not a directory (give the distribution directory that holds lib64/)"
                    : "not a directory"));
            return null;
        }
        Path lib64 = abs.resolve("lib64");
        List<Path> candidates = new ArrayList<>();
        for (int m : MAJORS) {
            candidates.add(lib64.resolve(BASE + "." + m));
        }
        candidates.add(lib64.resolve(BASE));
        candidates.addAll(globInDir(abs));
        Set<Path> seen = new HashSet<>();
        for (Path c : candidates) {
            if (!seen.add(c)) {
                continue;
            }
            if (!Files.exists(c)) {
                attempts.add(c + ": does not exist");
                continue;
            }
            Path distribRoot = c.getParent().equals(lib64) ? abs
                    : ("lib64".equals(abs.getFileName() == null ? "" : abs.getFileName().toString())
                            && abs.getParent() != null ? abs.getParent() : abs);
            List<NativeLibrary> preloaded = BundledDependencies.preload(c, attempts);
            try {
                return bind(c.toString(), distribRoot, c, attempts, preloaded);
            } catch (UnsatisfiedLinkError e) {
                String dep = LoadFailures.missingDependency(e.getMessage(), c.toString());
                if (dep != null) {
                    attempts.add(c + ": exists, but its dependency " + dep + " could not be found");
                    throw LoadFailures.dependencyMissing(c.toString(), dep, attempts, e);
                }
                attempts.add(c + ": exists but cannot be loaded: " + LoadFailures.firstLine(e.getMessage(), c.toString()));
                throw new VixDiskLibLoadException("libvixDiskLib at " + c + " exists but cannot be loaded: "
                        + LoadFailures.firstLine(e.getMessage(), c.toString())
                        + ". It is not a usable 64-bit Linux shared library (damaged download, wrong platform?)."
                        + " Reinstall the VDDK distribution for x86-64 Linux.\nTried:\n  " + String.join("\n  ", attempts),
                        attempts, null, e);
            }
        }
        return null;
    }

    private static List<Path> globInDir(Path dir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, BASE + "*")) {
            ds.forEach(found::add);
        } catch (IOException e) {
            return found;
        }
        found.sort(Comparator.comparing((Path p) -> LibraryVersion.majorOfFileName(p.getFileName().toString()).orElse(-1)).reversed()
                .thenComparing(Path::toString));
        return found;
    }

    // ---- binding ----

    private LoadedVixDiskLib bind(String name, Path distribRoot, Path file, List<String> attempts) {
        return bind(name, distribRoot, file, attempts, List.of());
    }

    private LoadedVixDiskLib bind(String name, Path distribRoot, Path file, List<String> attempts,
                                  List<NativeLibrary> preloaded) {
        UnsupportedFunctionMapper mapper = new UnsupportedFunctionMapper();
        Map<String, Object> options = new HashMap<>();
        options.put(Library.OPTION_STRING_ENCODING, "UTF-8");
        options.put(Library.OPTION_OPEN_FLAGS, BundledDependencies.RTLD_LAZY | BundledDependencies.RTLD_GLOBAL);
        options.put(Library.OPTION_INVOCATION_MAPPER, mapper);
        NativeLibrary library = NativeLibrary.getInstance(name, options);
        String loadedPath = library.getFile() != null ? library.getFile().getAbsolutePath() : name;
        Path real = resolveReal(file != null ? file : (library.getFile() != null ? library.getFile().toPath() : null));
        Optional<ElfDynamicInfo> elf = real == null ? Optional.empty() : ElfDynamicInfo.read(real);
        LibraryVersion version = LibraryVersion.of(name, file, real, elf, loadedPath, attempts);
        if (!exports(library, "VixDiskLib_Read") || !exports(library, "VixDiskLib_Write")) {
            attempts.add(loadedPath + ": loaded, but it does not export VixDiskLib_Read/VixDiskLib_Write");
            throw new VixDiskLibLoadException(loadedPath + " is a shared library but not libvixDiskLib: it does not export "
                    + "VixDiskLib_Read/VixDiskLib_Write. " + LoadFailures.WHAT_TO_DO + "\nTried:\n  " + String.join("\n  ", attempts),
                    attempts, null, null);
        }
        Set<VixDiskLibFunction> exported = EnumSet.noneOf(VixDiskLibFunction.class);
        List<String> missingRequired = new ArrayList<>();
        for (VixDiskLibFunction f : VixDiskLibFunction.values()) {
            if (exports(library, f.cName())) {
                exported.add(f);
            } else if (f.required()) {
                missingRequired.add(f.cName() + " (" + f.introducedIn() + ")");
            }
        }
        if (!missingRequired.isEmpty()) {
            attempts.add(loadedPath + ": loaded, but it lacks " + String.join(", ", missingRequired));
            throw new VixDiskLibLoadException("libvixDiskLib at " + loadedPath + " (VDDK " + version.major() + ", from "
                    + version.source().description() + ") lacks functions vddk4j requires: "
                    + String.join(", ", missingRequired) + ". vddk4j supports VDDK " + MIN_SUPPORTED
                    + " to 9.x: install one of those and pass its distribution directory as libDir.\nTried:\n  "
                    + String.join("\n  ", attempts), attempts, null, null);
        }
        mapper.bind(loadedPath, version.major() + "." + version.minor());
        VixDiskLib lib = Native.load(name, VixDiskLib.class, options);
        DataPathSelection dataPath = DataPathSelection.select(library, version.major(),
                systemProperties.apply(DATA_PATH_PROPERTY));
        Path root = distribRoot;
        if (root == null && real != null && real.getParent() != null
                && "lib64".equals(String.valueOf(real.getParent().getFileName()))) {
            root = real.getParent().getParent();
        }
        attempts.add(loadedPath + ": loaded (VDDK " + version.major() + "." + version.minor() + ", from "
                + version.source().description() + ")");
        return new LoadedVixDiskLib(lib, dataPath.dataPath(), dataPath.choice(), library, loadedPath, root, version.major(), version.minor(),
                version.source(), exported, preloaded, options);
    }

    static Path resolveReal(Path p) {
        if (p == null) {
            return null;
        }
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static boolean exports(NativeLibrary library, String function) {
        try {
            library.getFunction(function);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

}
