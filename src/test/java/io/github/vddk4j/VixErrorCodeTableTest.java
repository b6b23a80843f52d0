package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link VixErrorCode} is the Java side of {@code native-stubs/api/errors.tsv}: every code, same name, same order. */
class VixErrorCodeTableTest {
    private static final Path TABLE = Path.of("native-stubs/api/errors.tsv");

    @Test
    void theEnumListsEveryCodeOfTheTableWithItsName() throws Exception {
        Map<Integer, String> table = new LinkedHashMap<>();
        boolean header = true;
        for (String line : Files.readAllLines(TABLE)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (header) {
                assertEquals("code\tname\ttext", line, "header of " + TABLE);
                header = false;
                continue;
            }
            String[] f = line.split("\t");
            table.put(Integer.parseInt(f[0]), f[1]);
        }
        Map<Integer, String> fromEnum = new LinkedHashMap<>();
        for (VixErrorCode c : VixErrorCode.values()) {
            if (c != VixErrorCode.UNKNOWN) {
                fromEnum.put(c.code(), c.name());
                assertNotNull(c.category(), c.name());
                assertEquals(c, VixErrorCode.of(c.code()));
            }
        }
        assertEquals(table, fromEnum, "VixErrorCode must agree with " + TABLE);
    }
}
