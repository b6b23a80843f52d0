package io.github.vddk4j.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a stub variant exports, computed from the one table: the functions of
 * {@code native-stubs/api/functions.tsv} introduced up to a VDDK release, minus those
 * {@code native-stubs/tests/pending-functions.txt} still lists (what {@code tests/check_symbols.sh} checks).
 */
public final class FunctionTable {
    private FunctionTable() {
    }

    /**
     * @param major the release's major version, e.g. 6
     * @param minor the release's minor version, e.g. 7 (VDDK 6.7)
     * @return the C names of the functions whose ELF version ({@code VIXDISKLIB_x.y}) is at most {@code major.minor}
     */
    public static Set<String> exportedUpTo(int major, int minor) throws IOException {
        Set<String> pending = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("native-stubs/tests/pending-functions.txt"))) {
            if (line.startsWith("VixDiskLib_")) {
                pending.add(line.trim());
            }
        }
        Set<String> exported = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("native-stubs/api/functions.tsv"))) {
            String[] f = line.split("\t");
            if (!f[0].startsWith("VixDiskLib_") || pending.contains(f[0])) {
                continue;
            }
            String[] v = f[1].substring("VIXDISKLIB_".length()).split("\\.");
            int fMajor = Integer.parseInt(v[0]);
            int fMinor = Integer.parseInt(v[1]);
            if (fMajor < major || (fMajor == major && fMinor <= minor)) {
                exported.add(f[0]);
            }
        }
        return exported;
    }
}
