package io.github.vddk4j.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public logging package is API only: no public or protected member names a JNA type, and the
 * bridge's machinery (LogBridge, LogCapture, the native callbacks, the va_list formatter) is not in it.
 */
class LoggingApiTest {

    private static List<Class<?>> apiClasses() throws Exception {
        Path dir = Path.of(VddkLogSink.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/github/vddk4j/logging");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                classes.add(Class.forName("io.github.vddk4j.logging." + name, false,
                        LoggingApiTest.class.getClassLoader()));
            }
        }
        return classes;
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean jna(Class<?> type) {
        return type.getName().startsWith("com.sun.jna.") || type.getName().startsWith("io.github.vddk4j.jna.");
    }

    @Test
    void noPublicMemberOfTheLoggingPackageNamesAJnaType() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> c : apiClasses()) {
            if (!exposed(c.getModifiers())) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (exposed(m.getModifiers()) && (jna(m.getReturnType())
                        || Stream.of(m.getParameterTypes()).anyMatch(LoggingApiTest::jna))) {
                    offenders.add(m.toString());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (exposed(k.getModifiers()) && Stream.of(k.getParameterTypes()).anyMatch(LoggingApiTest::jna)) {
                    offenders.add(k.toString());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (exposed(f.getModifiers()) && jna(f.getType())) {
                    offenders.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theBridgeMachineryIsNotInThePublicPackage() throws Exception {
        List<String> names = apiClasses().stream().map(Class::getSimpleName).toList();
        assertTrue(names.contains("VddkLogSink"), String.valueOf(names));
        for (String internal : List.of("LogBridge", "LogCapture", "NativeLogFunctions", "VaListFormatter",
                "LibcVaListFormatter")) {
            assertTrue(!names.contains(internal), internal + " is in the public logging package");
        }
    }
}
