package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library (what vddk4j.jar ships: the public API, config, logging, jna) compiles together
 * with the CLI and the test kit but must not use them: no library class file names a class of
 * {@code io.github.vddk4j.tool} or {@code io.github.vddk4j.testkit}.
 */
class LibraryLayeringTest {
    private static final List<String> FORBIDDEN = List.of("io/github/vddk4j/tool/", "io/github/vddk4j/testkit/");

    @Test
    void libraryClassesNeverReferToTheCliOrTheTestKit() throws IOException, URISyntaxException {
        Path classes = Path.of(DiskLib.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("io/github/vddk4j");
        List<Path> library;
        try (Stream<Path> files = Files.walk(root)) {
            library = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !root.relativize(p).toString().startsWith("tool/"))
                    .filter(p -> !root.relativize(p).toString().startsWith("testkit/"))
                    .collect(Collectors.toList());
        }
        assertTrue(library.size() > 50, "found the library's classes under " + root);
        List<String> offenders = library.stream().filter(LibraryLayeringTest::refersToForbidden)
                .map(p -> root.relativize(p).toString()).collect(Collectors.toList());
        assertEquals(List.of(), offenders, "library classes that use the CLI or the test kit");
    }

    private static boolean refersToForbidden(Path classFile) {
        try {
            String constantPool = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return FORBIDDEN.stream().anyMatch(constantPool::contains);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
