package io.github.vddk4j.jna;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VDDK version of a library file: major from its file name, else its SONAME, else its highest
 * {@code VIXDISKLIB_x.y} ELF version definition; minor from those definitions
 * (docs/vddk-behaviour.md, "The library's version is in its ELF version definitions").
 *
 * @param major  the VDDK major version
 * @param minor  the minor version (0 when the definitions do not say)
 * @param source where the major version came from
 */
record LibraryVersion(int major, int minor, LoadedVixDiskLib.VersionSource source) {
    private static final Pattern VERSIONED = Pattern.compile("libvixDiskLib\\.so\\.(\\d+)(?:\\..*)?");
    private static final Pattern API_VERSION = Pattern.compile("VIXDISKLIB_(\\d+)\\.(\\d+)");

    /**
     * The library's VDDK version: the major from the file name ({@code libvixDiskLib.so.N}, after
     * resolving symlinks), else the SONAME, else the highest {@code VIXDISKLIB_x.y} ELF version
     * definition; the minor from the highest version definition of that major (0 if none).
     *
     * @throws VixDiskLibLoadException if none of them says
     */
    static LibraryVersion of(String name, Path file, Path real, Optional<ElfDynamicInfo> elf,
                             String loadedPath, List<String> attempts) {
        List<int[]> defined = new ArrayList<>();
        elf.ifPresent(i -> i.versionDefinitions().forEach(d -> apiVersionOf(d).ifPresent(defined::add)));
        defined.sort(Comparator.<int[]>comparingInt(v -> v[0]).thenComparingInt(v -> v[1]));
        Optional<Integer> major = real == null ? majorOfFileName(name) : majorOfFileName(real.getFileName().toString());
        if (major.isEmpty() && file != null) {
            major = majorOfFileName(file.getFileName().toString());
        }
        LoadedVixDiskLib.VersionSource source = LoadedVixDiskLib.VersionSource.FILE_NAME;
        if (major.isEmpty()) {
            major = elf.map(ElfDynamicInfo::soname).flatMap(LibraryVersion::majorOfFileName);
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
        return new LibraryVersion(m, minor, source);
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

    /** The major version in a file name like {@code libvixDiskLib.so.8} or {@code libvixDiskLib.so.8.0.1}. */
    static Optional<Integer> majorOfFileName(String fileName) {
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
}
