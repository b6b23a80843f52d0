package io.github.vddk4j.jna;

import com.sun.jna.Structure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Java Structure's size and field offsets, and every VixDiskLibConnectParams offset constant,
 * equal the C compiler's layout table from the stub build ({@code vddk4j.test.layoutTable}).
 */
class VixDiskLibLayoutTest {
    /** Structures Java lays out itself (JNA Structure subclasses). */
    private static final List<Class<? extends Structure>> STRUCTURES = List.of(
            VixDiskLibGeometry.class, VixDiskLibInfo.class, VixDiskLibCreateParams.class, VixDiskLibBlock.class,
            VixDiskLibBlockList.class, VixDiskLibOpenParams.class, VixDiskLibQueryChangedAreaParams.class,
            VixDiskLibDiskChangeInfo.class);

    static Properties table(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    static Properties defaultTable() throws IOException {
        String f = System.getProperty("vddk4j.test.layoutTable");
        if (f == null) {
            throw new IllegalStateException("vddk4j.test.layoutTable is not set (run through Maven)");
        }
        return table(Path.of(f));
    }

    static int fieldOffset(Structure s, String field) throws Exception {
        Method m = Structure.class.getDeclaredMethod("fieldOffset", String.class);
        m.setAccessible(true);
        return (Integer) m.invoke(s, field);
    }

    @SuppressWarnings("unchecked")
    static List<String> fieldOrder(Structure s) throws Exception {
        Method m = Structure.class.getDeclaredMethod("getFieldOrder");
        m.setAccessible(true);
        return (List<String>) m.invoke(s);
    }

    /** Field name -> offset from the table for one struct ({@code size} excluded). */
    static Map<String, Integer> entries(Properties t, String struct) {
        Map<String, Integer> m = new TreeMap<>();
        for (String k : t.stringPropertyNames()) {
            if (k.startsWith(struct + ".") && !k.equals(struct + ".size")) {
                m.put(k.substring(struct.length() + 1), Integer.parseInt(t.getProperty(k).trim()));
            }
        }
        return m;
    }

    @Test
    void everyStructureSizeAndFieldOffsetEqualsTheCCompilersLayout() throws Exception {
        Properties t = defaultTable();
        int major = Integer.parseInt(t.getProperty("vddk.major").trim());
        List<String> mismatches = new ArrayList<>();
        for (Class<? extends Structure> c : STRUCTURES) {
            String name = c.getSimpleName();
            Structure s = c.getConstructor().newInstance();
            String size = t.getProperty(name + ".size");
            assertTrue(size != null, "layout table has no " + name + ".size");
            int expectedSize = Integer.parseInt(size.trim());
            if (c == VixDiskLibInfo.class) {
                assertEquals(expectedSize, VixDiskLibInfo.sizeFor(major), "VixDiskLibInfo.sizeFor(" + major + ")");
            }
            if (s.size() != expectedSize) {
                mismatches.add(name + ".size: C " + expectedSize + ", Java " + s.size());
            }
            Map<String, Integer> c_fields = entries(t, name);
            Set<String> javaFields = new TreeSet<>(fieldOrder(s));
            assertEquals(c_fields.keySet(), javaFields, name + ": the same fields in C and Java");
            for (Map.Entry<String, Integer> e : c_fields.entrySet()) {
                int off = fieldOffset(s, e.getKey());
                if (off != e.getValue()) {
                    mismatches.add(name + "." + e.getKey() + ": C offset " + e.getValue() + ", Java " + off);
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void connectParamsOffsetConstantsEqualTheCCompilersLayout() throws Exception {
        checkConnectParams(defaultTable());
    }

    static void checkConnectParams(Properties t) throws Exception {
        int major = Integer.parseInt(t.getProperty("vddk.major").trim());
        assertEquals(Long.parseLong(t.getProperty("VixDiskLibConnectParams.size").trim()),
                VixDiskLibConnectParams.sizeFor(major), "VixDiskLibConnectParams.sizeFor(" + major + ")");
        Map<String, Integer> fields = entries(t, "VixDiskLibConnectParams");
        assertTrue(fields.size() >= 20, "table lists the ConnectParams fields: " + fields.keySet());
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Integer> e : fields.entrySet()) {
            String constant = "OFFSET_" + e.getKey().replace('.', '_');
            long javaOffset;
            try {
                javaOffset = VixDiskLibConnectParams.class.getField(constant).getLong(null);
            } catch (NoSuchFieldException ex) {
                mismatches.add("no constant " + constant + " for C field " + e.getKey());
                continue;
            }
            if (javaOffset != e.getValue()) {
                mismatches.add(e.getKey() + ": C offset " + e.getValue() + ", Java " + constant + " = " + javaOffset);
            }
        }
        assertEquals(List.of(), mismatches);
        if (major < 9) {
            assertTrue(!fields.containsKey("sslCertificate"), "sslCertificate is VDDK 9 only");
        }
    }

    @Test
    void scalarTypesAndConstantsMatch() throws Exception {
        Properties t = defaultTable();
        assertEquals("1", t.getProperty("Bool.size").trim());
        assertEquals("8", t.getProperty("VixError.size").trim());
        assertEquals("8", t.getProperty("VixDiskLibSectorType.size").trim());
        assertEquals(Integer.parseInt(t.getProperty("VIXDISKLIB_SECTOR_SIZE").trim()), VixDiskLibConstants.VIXDISKLIB_SECTOR_SIZE);
    }
}
