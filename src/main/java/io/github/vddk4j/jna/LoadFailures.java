package io.github.vddk4j.jna;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The loader's failure reports: what was tried, what is missing, and what to do. */
final class LoadFailures {
    private static final Pattern CANNOT_OPEN = Pattern.compile("([^\\s:'\"]+): cannot open shared object file");
    static final String WHAT_TO_DO = "What to do: pass the VDDK distribution directory (the folder that "
            + "holds lib64/, e.g. /usr/local/vmware-vix-disklib-distrib) as libDir, or set the system property -D"
            + VixDiskLibLoader.LIB_DIR_PROPERTY + "=<dir> or the environment variable " + VixDiskLibLoader.LIB_DIR_ENV + "=<dir>.";

    private LoadFailures() {
    }

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
    static String firstLine(String message, String path) {
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

    static VixDiskLibLoadException notFound(List<String> attempts) {
        return new VixDiskLibLoadException("VDDK library libvixDiskLib.so not found. Tried:\n  "
                + String.join("\n  ", attempts) + "\n" + WHAT_TO_DO, attempts, null, null);
    }

    static VixDiskLibLoadException dependencyMissing(String lib, String dep, List<String> attempts,
                                                             Throwable cause) {
        return new VixDiskLibLoadException("VDDK library " + lib + " was found but cannot be loaded: its dependency "
                + dep + " cannot be found (cannot open shared object file). Real VDDK bundles its dependencies in "
                + "lib64/ next to libvixDiskLib.so and this loader preloads those that are there; " + dep
                + " is neither bundled there nor installed on the system. What to do: use a complete VDDK "
                + "distribution (re-extract the tarball), or install the package that provides " + dep
                + " (do not put VDDK's lib64 on LD_LIBRARY_PATH globally: it breaks other programs).\nTried:\n  "
                + String.join("\n  ", attempts), attempts, dep, cause);
    }
}
