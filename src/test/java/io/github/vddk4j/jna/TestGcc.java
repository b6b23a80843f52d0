package io.github.vddk4j.jna;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds tiny shared libraries for loader tests with the system C compiler (tests are skipped without one). */
final class TestGcc {
    private TestGcc() {}

    /**
     * C definitions (returning 0) of every function vddk4j requires that {@code source} does not
     * define itself, so that a fake library passes the loader's required-function check.
     */
    static String otherRequiredFunctions(String source) {
        StringBuilder c = new StringBuilder();
        for (VixDiskLibFunction f : VixDiskLibFunction.values()) {
            if (f.required() && !source.contains(" " + f.cName() + "(")) {
                c.append("unsigned long ").append(f.cName()).append("(void) { return 0; }\n");
            }
        }
        return c.toString();
    }

    /** Compiles {@code source} into the shared library {@code out}; extra arguments go after the source file. */
    static void sharedLibrary(Path out, String source, String... extraArgs) throws IOException, InterruptedException {
        Path src = Files.createTempFile(out.getParent(), "src", ".c");
        try {
            Files.writeString(src, source);
            List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-o", out.toString(), src.toString()));
            cmd.addAll(List.of(extraArgs));
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                Assumptions.abort("gcc is not available (" + e.getMessage() + "): skipping a test that builds a shared library");
                return;
            }
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("gcc failed: " + cmd + "\n" + output);
            }
        } finally {
            Files.deleteIfExists(src);
        }
    }
}
