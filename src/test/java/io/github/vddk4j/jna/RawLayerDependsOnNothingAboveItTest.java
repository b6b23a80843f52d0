package io.github.vddk4j.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The raw mirror knows no wrapper, config or logging class: arrows go downward only (its Java 17
 * sources and its Java 22 ones, the FFM data path).
 */
class RawLayerDependsOnNothingAboveItTest {
    private static final Pattern VDDK4J_REFERENCE = Pattern.compile("io\\.github\\.vddk4j\\.(\\w+)");

    @Test
    void noSourceOfTheRawLayerNamesAPackageAboveIt() throws Exception {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("src/main/java/io/github/vddk4j/jna")),
                Files.list(Path.of("src/main/java22/io/github/vddk4j/jna")))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String source = Files.readString(f);
                Matcher m = VDDK4J_REFERENCE.matcher(source);
                while (m.find()) {
                    if (!m.group(1).equals("jna")) {
                        violations.add(f.getFileName() + ": " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
