package io.github.vddk4j.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link VixDiskLibFunction} is the Java side of {@code native-stubs/api/functions.tsv}, the one list
 * of the C API: same functions, same introducing versions, same required/optional split; and
 * {@link VixDiskLib} declares exactly those functions.
 */
class VixDiskLibFunctionTableTest {
    private static final Path TABLE = Path.of("native-stubs/api/functions.tsv");

    private static Map<String, String> tableRows() throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(TABLE);
        boolean header = true;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (header) {
                assertEquals("function\tintroduced\tvddk4j", line, "header of " + TABLE);
                header = false;
                continue;
            }
            String[] f = line.split("\t");
            assertEquals(3, f.length, "row of " + TABLE + ": " + line);
            rows.put(f[0], f[1] + " " + f[2]);
        }
        return rows;
    }

    @Test
    void theEnumListsEveryFunctionOfTheTableInItsOrderWithItsVersionAndRequirement() throws Exception {
        Map<String, String> fromEnum = new LinkedHashMap<>();
        for (VixDiskLibFunction f : VixDiskLibFunction.values()) {
            fromEnum.put(f.cName(), f.elfVersion() + " " + (f.required() ? "required" : "optional"));
        }
        assertEquals(tableRows(), fromEnum, "VixDiskLibFunction must agree with " + TABLE);
    }

    @Test
    void theRawInterfaceDeclaresExactlyTheFunctionsOfTheTable() throws Exception {
        TreeSet<String> declared = new TreeSet<>();
        for (Method m : VixDiskLib.class.getDeclaredMethods()) {
            declared.add(m.getName());
        }
        assertEquals(new TreeSet<>(tableRows().keySet()), declared, "VixDiskLib must declare every function of " + TABLE);
    }

    @Test
    void versionsParseIntoMajorAndMinor() {
        List<String> seen = new ArrayList<>();
        for (VixDiskLibFunction f : VixDiskLibFunction.values()) {
            seen.add(f.introducedMajor() + "." + f.introducedMinor());
            assertEquals("VDDK " + f.introducedMajor() + "." + f.introducedMinor(), f.introducedIn());
        }
        assertEquals(VixDiskLibFunction.values().length, seen.size());
        assertEquals("VDDK 6.7", VixDiskLibFunction.VixDiskLib_AllocateConnectParams.introducedIn());
    }
}
