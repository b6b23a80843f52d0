package io.github.vddk4j.jna;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Preloading of the libraries a VDDK distribution bundles in {@code lib64/} (libssl, libcrypto,
 * libcurl, ...): the dynamic linker does not look there when {@code libvixDiskLib} is opened by
 * absolute path (docs/vddk-behaviour.md, "VDDK's bundled libraries must be found first").
 */
final class BundledDependencies {
    static final int RTLD_LAZY = 0x1;
    static final int RTLD_GLOBAL = 0x100;

    private BundledDependencies() {
    }

    /**
     * Preloads, dependencies first, every {@code DT_NEEDED} library of {@code file} (recursively) that
     * exists in the same folder. Failures are recorded and otherwise ignored: the main load reports.
     */
    static List<NativeLibrary> preload(Path file, List<String> attempts) {
        Path dir = VixDiskLibLoader.resolveReal(file).getParent();
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
            attempts.add(dep + ": bundled dependency could not be preloaded: " + LoadFailures.firstLine(e.getMessage(), dep.toString()));
        }
    }
}
