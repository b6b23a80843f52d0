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
 * <p>Bundled dependencies: real VDDK ships libssl, libcrypto, libstdc++ and others in lib64, and the
 * dynamic linker does not look there when the library is opened by absolute path. Before opening a
 * {@code libvixDiskLib} file the loader reads its ELF {@code DT_NEEDED} list and preloads (with
 * {@code RTLD_GLOBAL}, dependencies first, recursively) every needed library that exists in the same
 * folder; the dynamic linker then resolves those names to the already-loaded copies by SONAME. No
 * environment variable needs to change, and nothing of VDDK lands on other programs' library path.
 *
 * <p>Major version: from the file name ({@code libvixDiskLib.so.N}, after resolving symlinks), else the
 * ELF SONAME, else a symbol probe (see {@link LoadedVixDiskLib.VersionSource#SYMBOL_PROBE}).
 *
 * <p>Failures raise {@link VixDiskLibLoadException} listing every path tried; a library whose own
 * dependency is missing names it. Functions absent from an older VDDK are not checked at load: calling
 * one raises {@link UnsupportedOperationException} naming the VDDK release that introduced it.
 */
public final class VixDiskLibLoader {
    /** System property naming the VDDK distribution root. */
    public static final String LIB_DIR_PROPERTY = "vddk4j.libDir";
    /** Environment variable naming the VDDK distribution root. */
    public static final String LIB_DIR_ENV = "VDDK_LIBDIR";

    private static final int RTLD_LAZY = 0x1;
    private static final int RTLD_GLOBAL = 0x100;
    private static final int[] MAJORS = {9, 8, 7, 6};
    private static final String BASE = "libvixDiskLib.so";
    private static final Pattern VERSIONED = Pattern.compile("libvixDiskLib\\.so\\.(\\d+)(?:\\..*)?");
    private static final Pattern API_VERSION = Pattern.compile("VIXDISKLIB_(\\d+)\\.(\\d+)");
    /** The oldest VDDK vddk4j supports (it needs VixDiskLib_AllocateConnectParams). */
    static final String MIN_SUPPORTED = "6.7";
    private static final Pattern CANNOT_OPEN = Pattern.compile("([^\\s:'\"]+): cannot open shared object file");
    private static final String WHAT_TO_DO = "What to do: pass the VDDK distribution directory (the folder that "
            + "holds lib64/, e.g. /usr/local/vmware-vix-disklib-distrib) as libDir, or set the system property -D"
            + LIB_DIR_PROPERTY + "=<dir> or the environment variable " + LIB_DIR_ENV + "=<dir>.";

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
            throw notFound(attempts);
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
                String dep = missingDependency(e.getMessage(), name);
                if (dep != null) {
                    attempts.add(where + ": found, but its dependency " + dep + " is missing");
                    throw dependencyMissing(name, dep, attempts, e);
                }
                attempts.add(where + ": not found");
            }
        }
        throw notFound(attempts);
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
            List<NativeLibrary> preloaded = preloadBundledDependencies(c, attempts);
            try {
                return bind(c.toString(), distribRoot, c, attempts, preloaded);
            } catch (UnsatisfiedLinkError e) {
                String dep = missingDependency(e.getMessage(), c.toString());
                if (dep != null) {
                    attempts.add(c + ": exists, but its dependency " + dep + " could not be found");
                    throw dependencyMissing(c.toString(), dep, attempts, e);
                }
                attempts.add(c + ": exists but cannot be loaded: " + firstLine(e.getMessage(), c.toString()));
                throw new VixDiskLibLoadException("libvixDiskLib at " + c + " exists but cannot be loaded: "
                        + firstLine(e.getMessage(), c.toString())
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
        found.sort(Comparator.comparing((Path p) -> versionOf(p.getFileName().toString()).orElse(-1)).reversed()
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
        options.put(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_GLOBAL);
        options.put(Library.OPTION_INVOCATION_MAPPER, mapper);
        NativeLibrary library = NativeLibrary.getInstance(name, options);
        String loadedPath = library.getFile() != null ? library.getFile().getAbsolutePath() : name;
        Path real = resolveReal(file != null ? file : (library.getFile() != null ? library.getFile().toPath() : null));
        Optional<ElfDynamicInfo> elf = real == null ? Optional.empty() : ElfDynamicInfo.read(real);
        VddkVersion version = version(name, file, real, elf, loadedPath, attempts);
        if (!exports(library, "VixDiskLib_Read") || !exports(library, "VixDiskLib_Write")) {
            attempts.add(loadedPath + ": loaded, but it does not export VixDiskLib_Read/VixDiskLib_Write");
            throw new VixDiskLibLoadException(loadedPath + " is a shared library but not libvixDiskLib: it does not export "
                    + "VixDiskLib_Read/VixDiskLib_Write. " + WHAT_TO_DO + "\nTried:\n  " + String.join("\n  ", attempts),
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
        VixDiskLibDataPath dataPath = new DirectVixDiskLibDataPath(library, version.major());
        Path root = distribRoot;
        if (root == null && real != null && real.getParent() != null
                && "lib64".equals(String.valueOf(real.getParent().getFileName()))) {
            root = real.getParent().getParent();
        }
        attempts.add(loadedPath + ": loaded (VDDK " + version.major() + "." + version.minor() + ", from "
                + version.source().description() + ")");
        return new LoadedVixDiskLib(lib, dataPath, library, loadedPath, root, version.major(), version.minor(),
                version.source(), exported, preloaded, options);
    }

    /** A major.minor version and where it came from. */
    private record VddkVersion(int major, int minor, LoadedVixDiskLib.VersionSource source) {
    }

    /**
     * The library's VDDK version: the major from the file name ({@code libvixDiskLib.so.N}, after
     * resolving symlinks), else the SONAME, else the highest {@code VIXDISKLIB_x.y} ELF version
     * definition; the minor from the highest version definition of that major (0 if none).
     *
     * @throws VixDiskLibLoadException if none of them says
     */
    private static VddkVersion version(String name, Path file, Path real, Optional<ElfDynamicInfo> elf,
                                       String loadedPath, List<String> attempts) {
        List<int[]> defined = new ArrayList<>();
        elf.ifPresent(i -> i.versionDefinitions().forEach(d -> apiVersionOf(d).ifPresent(defined::add)));
        defined.sort(Comparator.<int[]>comparingInt(v -> v[0]).thenComparingInt(v -> v[1]));
        Optional<Integer> major = real == null ? versionOf(name) : versionOf(real.getFileName().toString());
        if (major.isEmpty() && file != null) {
            major = versionOf(file.getFileName().toString());
        }
        LoadedVixDiskLib.VersionSource source = LoadedVixDiskLib.VersionSource.FILE_NAME;
        if (major.isEmpty()) {
            major = elf.map(ElfDynamicInfo::soname).flatMap(VixDiskLibLoader::versionOf);
            source = LoadedVixDiskLib.VersionSource.SONAME;
        }
        if (major.isEmpty() && !defined.isEmpty()) {
            major = Optional.of(defined.get(defined.size() - 1)[0]);
            source = LoadedVixDiskLib.VersionSource.VERSION_DEFINITIONS;
        }
        if (major.isEmpty()) {
            attempts.add(loadedPath + ": loaded, but neither its file name, its SONAME nor its ELF version "
                    + "definitions (VIXDISKLIB_x.y) say which VDDK it is");
            throw new VixDiskLibLoadException("cannot tell which VDDK " + loadedPath + " is: its file name and SONAME "
                    + "carry no version (libvixDiskLib.so.N) and it defines no VIXDISKLIB_x.y symbol versions. Use the "
                    + "library file of a VDDK distribution (lib64/libvixDiskLib.so.N).\nTried:\n  "
                    + String.join("\n  ", attempts), attempts, null, null);
        }
        int m = major.get();
        int minor = 0;
        for (int[] v : defined) {
            if (v[0] == m) {
                minor = Math.max(minor, v[1]);
            }
        }
        return new VddkVersion(m, minor, source);
    }

    /** {@code VIXDISKLIB_6.7} as {6, 7}; empty for other names. */
    static Optional<int[]> apiVersionOf(String versionDefinition) {
        Matcher m = API_VERSION.matcher(versionDefinition);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Path resolveReal(Path p) {
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

    /** The major version in a file name like {@code libvixDiskLib.so.8} or {@code libvixDiskLib.so.8.0.1}. */
    static Optional<Integer> versionOf(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        Matcher m = VERSIONED.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---- bundled dependencies ----

    /**
     * Preloads, dependencies first, every {@code DT_NEEDED} library of {@code file} (recursively) that
     * exists in the same folder. Failures are recorded and otherwise ignored: the main load reports.
     */
    static List<NativeLibrary> preloadBundledDependencies(Path file, List<String> attempts) {
        Path dir = resolveReal(file).getParent();
        List<NativeLibrary> loaded = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        Optional<ElfDynamicInfo> info = ElfDynamicInfo.read(file);
        if (info.isEmpty() || dir == null) {
            return loaded;
        }
        for (String needed : info.get().needed()) {
            preload(dir, needed, visiting, loaded, attempts);
        }
        return loaded;
    }

    private static void preload(Path dir, String name, Set<String> visited, List<NativeLibrary> loaded,
                                List<String> attempts) {
        if (!visited.add(name) || name.startsWith("libvixDiskLib.so")) {
            return;
        }
        Path dep = dir.resolve(name);
        if (!Files.isRegularFile(dep)) {
            return; // not bundled: the system provides it
        }
        ElfDynamicInfo.read(dep).ifPresent(i -> i.needed().forEach(n -> preload(dir, n, visited, loaded, attempts)));
        try {
            loaded.add(NativeLibrary.getInstance(dep.toString(),
                    Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_GLOBAL)));
        } catch (UnsatisfiedLinkError e) {
            attempts.add(dep + ": bundled dependency could not be preloaded: " + firstLine(e.getMessage(), dep.toString()));
        }
    }

    // ---- errors ----

    /** The missing dependency named in a dlerror text, ignoring the library itself; {@code null} if none. */
    static String missingDependency(String message, String libraryItself) {
        if (message == null) {
            return null;
        }
        String self = Path.of(libraryItself).getFileName().toString();
        Matcher m = CANNOT_OPEN.matcher(message);
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals(libraryItself) && !name.endsWith("/" + self) && !name.equals(self)) {
                return name;
            }
        }
        return null;
    }

    /** The dlerror line about {@code path} from a JNA message, without JNA's resource-path noise. */
    private static String firstLine(String message, String path) {
        if (message == null) {
            return "unknown error";
        }
        for (String line : message.split("\n")) {
            String l = line.trim();
            if (l.startsWith(path + ":") || l.contains("ELF") || l.contains("undefined symbol")
                    || l.contains("version `")) {
                return l;
            }
        }
        return message.split("\n")[0].trim();
    }

    private static VixDiskLibLoadException notFound(List<String> attempts) {
        return new VixDiskLibLoadException("VDDK library libvixDiskLib.so not found. Tried:\n  "
                + String.join("\n  ", attempts) + "\n" + WHAT_TO_DO, attempts, null, null);
    }

    private static VixDiskLibLoadException dependencyMissing(String lib, String dep, List<String> attempts,
                                                             Throwable cause) {
        return new VixDiskLibLoadException("VDDK library " + lib + " was found but cannot be loaded: its dependency "
                + dep + " cannot be found (cannot open shared object file). Real VDDK bundles its dependencies in "
                + "lib64/ next to libvixDiskLib.so and this loader preloads those that are there; " + dep
                + " is neither bundled there nor installed on the system. What to do: use a complete VDDK "
                + "distribution (re-extract the tarball), or install the package that provides " + dep
                + " (do not put VDDK's lib64 on LD_LIBRARY_PATH globally: it breaks other programs).\nTried:\n  "
                + String.join("\n  ", attempts), attempts, dep, cause);
    }

    // ---- unsupported functions ----

    /** Turns a function the library does not export into UnsupportedOperationException at call time. */
    static final class UnsupportedFunctionMapper implements InvocationMapper {
        private volatile String libraryPath = "?";
        private volatile String version = "?";

        void bind(String libraryPath, String version) {
            this.libraryPath = libraryPath;
            this.version = version;
        }

        @Override
        public InvocationHandler getInvocationHandler(NativeLibrary lib, Method m) {
            if (m.getDeclaringClass() == Object.class) {
                return null;
            }
            try {
                lib.getFunction(m.getName());
                return null;
            } catch (UnsatisfiedLinkError e) {
                String msg = VixDiskLibFunction.byCName(m.getName())
                        .map(f -> f.unsupportedMessage(libraryPath, version))
                        .orElse(m.getName() + " is not exported by the loaded library " + libraryPath);
                return (proxy, method, args) -> {
                    throw new UnsupportedOperationException(msg);
                };
            }
        }
    }
}
