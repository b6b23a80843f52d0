package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/api-mapping.md lists exactly the functions of native-stubs/api/functions.tsv, in its
 * order, each with the release that introduced it and a Java counterpart (or the reason for none).
 */
class ApiMappingDocTest {
    private static final Path TABLE = Path.of("native-stubs/api/functions.tsv");
    private static final Path DOC = Path.of("docs/api-mapping.md");

    /** {function, ELF version} rows of functions.tsv. */
    private static List<String[]> functions() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("function\t")) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(new String[] {f[0], f[1]});
        }
        return rows;
    }

    /** The cells of the doc's table rows that name a VixDiskLib function. */
    private static List<String[]> docRows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (line.startsWith("| `VixDiskLib_")) {
                String[] cells = line.substring(1, line.length() - 1).split(" \\| ");
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void theDocListsExactlyTheFunctionsOfTheTableInItsOrder() throws IOException {
        List<String> expected = functions().stream().map(f -> "`" + f[0] + "`").toList();
        List<String> documented = docRows().stream().map(r -> r[0]).toList();
        assertEquals(47, expected.size(), "functions.tsv lists VDDK 9.0's 47 functions");
        assertEquals(expected, documented);
    }

    @Test
    void everyRowNamesTheIntroducingReleaseAndAJavaCounterpartOrAReason() throws IOException {
        List<String[]> table = functions();
        List<String[]> doc = docRows();
        for (int i = 0; i < table.size(); i++) {
            String[] row = doc.get(i);
            assertEquals(4, row.length, "four columns for " + row[0]);
            String elf = table.get(i)[1];
            String release = "VDDK " + elf.substring("VIXDISKLIB_".length());
            assertEquals(release + " (`" + elf + "`)", row[1], "introduced column of " + row[0]);
            assertFalse(row[2].isBlank(), "Java counterpart of " + row[0]);
            assertTrue(!row[2].startsWith("none") || row[2].startsWith("none: "),
                    row[0] + " is unmapped without a reason: " + row[2]);
            assertFalse(row[3].isBlank(), "stub column of " + row[0]);
        }
    }

    @Test
    void everyJavaMethodTheDocNamesExists() throws Exception {
        Pattern member = Pattern.compile("\\b([A-Z][A-Za-z]+)\\.([a-z][A-Za-z]*)\\b");
        int checked = 0;
        for (String[] row : docRows()) {
            Matcher m = member.matcher(row[2]);
            while (m.find()) {
                Class<?> type = Class.forName("io.github.vddk4j." + m.group(1));
                String name = m.group(2);
                assertTrue(java.util.Arrays.stream(type.getMethods()).anyMatch(x -> x.getName().equals(name)),
                        row[0] + ": " + m.group() + " is not a public method");
                checked++;
            }
        }
        assertTrue(checked > 40, "the doc names the Java methods (" + checked + " found)");
    }
}
