package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No file of the repository cites a file outside it (the team's fact sheets, a shared reference
 * directory, absolute work paths): what the code relies on is stated in docs/ with its source.
 */
class SelfContainedSourcesTest {
    /** Spelled in pieces so that this file does not cite them itself. */
    private static final List<String> OUTSIDE_REFERENCES = List.of(
            "VDDK-" + "FACTS", "shared/" + "reference", "../" + "shared", "/work" + "/",
            "vix-errors" + ".tsv", "USAGE-" + "SKETCH", "vddk-guide-" + "excerpt");
    private static final List<Path> ROOTS = List.of(Path.of("README.md"), Path.of("pom.xml"),
            Path.of("src"), Path.of("native-stubs"), Path.of("docs"), Path.of(".ci"));

    @Test
    void noFileCitesAFileOutsideTheRepository() throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path root : ROOTS) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    scan(file, hits);
                }
            }
        }
        assertEquals(List.of(), hits, "cite docs/ or name the source in words instead");
    }

    private static void scan(Path file, List<String> hits) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.indexOf('\0') >= 0) {
            return;                                   // binary (none is tracked; be safe)
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String reference : OUTSIDE_REFERENCES) {
                if (lines[i].contains(reference)) {
                    hits.add(file + ":" + (i + 1) + ": " + reference);
                }
            }
        }
    }
}
