package io.github.vddk4j.jna;

import org.junit.jupiter.api.Tag;
import io.github.vddk4j.testsupport.OwnJvm;
import com.sun.jna.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding and loading libvixDiskLib, version detection, and clear failures. */
@Tag(OwnJvm.TAG)
class VixDiskLibLoaderTest {
    /** A fake libvixDiskLib exporting every function vddk4j requires (Flush returns 42). */
    private static final String FAKE_VDDK = fakeVddk(f -> f.required());

    private static String fakeVddk(java.util.function.Predicate<VixDiskLibFunction> exported) {
        StringBuilder c = new StringBuilder("""
                #include <stdint.h>
                uint64_t VixDiskLib_Read(void *h, uint64_t s, uint64_t n, uint8_t *b) { return 0; }
                uint64_t VixDiskLib_Write(void *h, uint64_t s, uint64_t n, const uint8_t *b) { return 0; }
                uint64_t VixDiskLib_Flush(void *h) { return 42; }
                """);
        for (VixDiskLibFunction f : VixDiskLibFunction.values()) {
            if (exported.test(f) && !List.of("VixDiskLib_Read", "VixDiskLib_Write", "VixDiskLib_Flush").contains(f.cName())) {
                c.append("uint64_t ").append(f.cName()).append("(void) { return 0; }\n");
            }
        }
        return c.toString();
    }

    /** A linker version script defining these symbol versions (each empty, chained), all symbols in the first. */
    private static Path versionScript(Path dir, String... versions) throws Exception {
        StringBuilder s = new StringBuilder(versions[0] + " { global: *; };\n");
        for (int i = 1; i < versions.length; i++) {
            s.append(versions[i]).append(" { } ").append(versions[i - 1]).append(";\n");
        }
        return Files.writeString(dir.resolve("versions.map"), s.toString());
    }

    private static VixDiskLibLoader loaderWith(String property, String env) {
        return new VixDiskLibLoader(k -> VixDiskLibLoader.LIB_DIR_PROPERTY.equals(k) ? property : null,
                k -> VixDiskLibLoader.LIB_DIR_ENV.equals(k) ? env : null);
    }

    @Test
    void aMissingLibraryListsEveryPathTriedAndWhatToDo(@TempDir Path dir) {
        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class, () -> new VixDiskLibLoader().load(dir));
        for (String name : List.of("lib64/libvixDiskLib.so.9", "lib64/libvixDiskLib.so.8", "lib64/libvixDiskLib.so.7",
                "lib64/libvixDiskLib.so.6", "lib64/libvixDiskLib.so")) {
            assertTrue(e.getMessage().contains(dir.resolve(name) + ": does not exist"), e.getMessage());
        }
        assertEquals(5, e.attempts().size());
        assertTrue(e.getMessage().contains("What to do"), e.getMessage());
        assertTrue(e.getMessage().contains(VixDiskLibLoader.LIB_DIR_PROPERTY) && e.getMessage().contains(VixDiskLibLoader.LIB_DIR_ENV));
        assertNull(e.missingDependency());
    }

    @Test
    void aLibDirThatIsNotADirectoryIsReported(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope");
        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class, () -> new VixDiskLibLoader().load(missing));
        assertTrue(e.getMessage().contains(missing + " (libDir): not a directory"), e.getMessage());
        Path file = Files.writeString(dir.resolve("libvixDiskLib.so.8"), "x");
        VixDiskLibLoadException f = assertThrows(VixDiskLibLoadException.class, () -> new VixDiskLibLoader().load(file));
        assertTrue(f.getMessage().contains("is a file, not a directory"), f.getMessage());
    }

    @Test
    void theSystemPropertyLibDirIsUsedWhenNoLibDirIsGiven() {
        LoadedVixDiskLib l = loaderWith(StubTestSupport.libDir().toString(), null).load();
        assertEquals(StubTestSupport.libDir(), l.libDir());
        assertEquals(8, l.vddkMajor());
    }

    @Test
    void aFileThatIsNotAnElfLibraryIsReportedAsUnusable(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        Files.writeString(lib64.resolve("libvixDiskLib.so.8"), "this is not a shared library\n");
        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class, () -> new VixDiskLibLoader().load(dir));
        assertTrue(e.getMessage().contains(lib64.resolve("libvixDiskLib.so.8") + " exists but cannot be loaded"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid ELF header") || e.getMessage().contains("file too short"), e.getMessage());
        assertTrue(e.getMessage().contains("lib64/libvixDiskLib.so.9: does not exist"), "earlier candidates listed too");
    }

    @Test
    void aSharedLibraryThatIsNotVixDiskLibIsRejectedClearly(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so.8"), "int something_else(void) { return 0; }");
        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class, () -> new VixDiskLibLoader().load(dir));
        assertTrue(e.getMessage().contains("not libvixDiskLib: it does not export VixDiskLib_Read"), e.getMessage());
    }

    @Test
    void aLibraryWhoseDependencyIsMissingNamesTheDependency(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        Path build = Files.createDirectories(dir.resolve("build"));
        TestGcc.sharedLibrary(build.resolve("libvddk4jgone.so.1"), "int gone(void) { return 1; }",
                "-Wl,-soname,libvddk4jgone.so.1");
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so.8"), FAKE_VDDK + "int gone(void);\nint use(void) { return gone(); }\n",
                "-L" + build, "-l:libvddk4jgone.so.1");
        Files.delete(build.resolve("libvddk4jgone.so.1"));

        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class, () -> new VixDiskLibLoader().load(dir));
        assertEquals("libvddk4jgone.so.1", e.missingDependency());
        assertTrue(e.getMessage().contains("its dependency libvddk4jgone.so.1 cannot be found"), e.getMessage());
        assertTrue(e.getMessage().contains("What to do"), e.getMessage());
    }

    @Test
    void dependenciesBundledInLib64ArePreloadedSoTheLibraryLoadsByAbsolutePath(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        // libvddk4jbase <- libvddk4jmid <- libvixDiskLib: a chain, as libssl needs libcrypto
        TestGcc.sharedLibrary(lib64.resolve("libvddk4jbase.so.3"), "int base(void) { return 40; }",
                "-Wl,-soname,libvddk4jbase.so.3");
        TestGcc.sharedLibrary(lib64.resolve("libvddk4jmid.so.3"), "int base(void);\nint mid(void) { return base() + 1; }",
                "-Wl,-soname,libvddk4jmid.so.3", "-L" + lib64, "-l:libvddk4jbase.so.3");
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so.7"),
                FAKE_VDDK + "int mid(void);\nuint64_t VixDiskLib_Wait(void *h) { return (uint64_t) mid() + 1; }\n",
                "-Wl,-soname,libvixDiskLib.so.7", "-L" + lib64, "-l:libvddk4jmid.so.3");

        LoadedVixDiskLib l = new VixDiskLibLoader().load(dir);
        assertEquals(2, l.preloaded().size());
        assertEquals(42, l.lib().VixDiskLib_Wait(new VixDiskLibHandle()), "calls through the preloaded chain");
        assertEquals(dir.toAbsolutePath(), l.libDir());
    }

    @Test
    void theMajorVersionComesFromTheFileName(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so.7"), FAKE_VDDK);
        LoadedVixDiskLib l = new VixDiskLibLoader().load(dir);
        assertEquals(7, l.vddkMajor());
        assertEquals(LoadedVixDiskLib.VersionSource.FILE_NAME, l.versionSource());
        assertEquals(lib64.resolve("libvixDiskLib.so.7").toString(), l.path());
        assertEquals(42, l.lib().VixDiskLib_Flush(new VixDiskLibHandle()));
    }

    @Test
    void anUnversionedSymlinkTakesTheVersionOfItsTarget(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(dir.resolve("libvixDiskLib.so.6.7.3"), FAKE_VDDK);
        Files.createSymbolicLink(lib64.resolve("libvixDiskLib.so"), dir.resolve("libvixDiskLib.so.6.7.3"));
        LoadedVixDiskLib l = new VixDiskLibLoader().load(dir);
        assertEquals(6, l.vddkMajor());
        assertEquals(LoadedVixDiskLib.VersionSource.FILE_NAME, l.versionSource());
    }

    @Test
    void anUnversionedFileTakesTheVersionOfItsSoname(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so"), FAKE_VDDK, "-Wl,-soname,libvixDiskLib.so.9");
        LoadedVixDiskLib l = new VixDiskLibLoader().load(dir);
        assertEquals(9, l.vddkMajor());
        assertEquals(LoadedVixDiskLib.VersionSource.SONAME, l.versionSource());
    }

    @Test
    void withoutVersionInNameOrSonameTheElfVersionDefinitionsDecide(@TempDir Path dir) throws Exception {
        Path seven = Files.createDirectories(dir.resolve("seven/lib64"));
        TestGcc.sharedLibrary(seven.resolve("libvixDiskLib.so"), FAKE_VDDK, "-Wl,--version-script="
                + versionScript(seven, "VIXDISKLIB_1.0", "VIXDISKLIB_1.1", "VIXDISKLIB_6.7", "VIXDISKLIB_7.0"));
        LoadedVixDiskLib l = new VixDiskLibLoader().load(dir.resolve("seven"));
        assertEquals(7, l.vddkMajor(), "a VDDK 7 without a version in its name is not read as 6");
        assertEquals(0, l.vddkMinor());
        assertEquals(LoadedVixDiskLib.VersionSource.VERSION_DEFINITIONS, l.versionSource());

        Path sixSeven = Files.createDirectories(dir.resolve("sixseven/lib64"));
        TestGcc.sharedLibrary(sixSeven.resolve("libvixDiskLib.so"), FAKE_VDDK, "-Wl,--version-script="
                + versionScript(sixSeven, "VIXDISKLIB_1.0", "VIXDISKLIB_6.5", "VIXDISKLIB_6.7"));
        LoadedVixDiskLib l67 = new VixDiskLibLoader().load(dir.resolve("sixseven"));
        assertEquals(6, l67.vddkMajor());
        assertEquals(7, l67.vddkMinor());
    }

    @Test
    void aLibraryThatSaysNoVersionAnywhereIsRefused(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so"), FAKE_VDDK);
        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class, () -> new VixDiskLibLoader().load(dir));
        assertTrue(e.getMessage().contains("cannot tell which VDDK"), e.getMessage());
    }

    @Test
    void aVddkOlderThan67IsRefusedAtLoadNamingWhatItLacks(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so.6"),
                fakeVddk(f -> f.required() && f != VixDiskLibFunction.VixDiskLib_AllocateConnectParams));
        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class, () -> new VixDiskLibLoader().load(dir));
        assertTrue(e.getMessage().contains("lacks functions vddk4j requires: VixDiskLib_AllocateConnectParams (VDDK 6.7)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("vddk4j supports VDDK 6.7 to 9.x"), e.getMessage());
    }

    @Test
    void theLoadedLibraryReportsTheFunctionsItExports(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so.8"),
                fakeVddk(f -> f.required() || f == VixDiskLibFunction.VixDiskLib_QueryAllocatedBlocks));
        LoadedVixDiskLib l = new VixDiskLibLoader().load(dir);
        assertTrue(l.functions().contains(VixDiskLibFunction.VixDiskLib_QueryAllocatedBlocks));
        assertFalse(l.functions().contains(VixDiskLibFunction.VixDiskLib_OpenEx));
        for (VixDiskLibFunction f : VixDiskLibFunction.values()) {
            if (f.required()) {
                assertTrue(l.functions().contains(f), f.cName());
            }
        }
    }

    @Test
    void aLib64FolderGivenAsLibDirIsAcceptedAndItsParentIsTheDistributionRoot(@TempDir Path dir) throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so.8"), FAKE_VDDK);
        LoadedVixDiskLib l = new VixDiskLibLoader().load(lib64);
        assertEquals(8, l.vddkMajor());
        assertEquals(dir.toAbsolutePath(), l.libDir());
    }

    @Test
    void aFunctionAbsentFromTheLibraryRaisesUnsupportedOperationExceptionNamingItsVddkReleaseAtCallTime(@TempDir Path dir)
            throws Exception {
        Path lib64 = Files.createDirectories(dir.resolve("lib64"));
        TestGcc.sharedLibrary(lib64.resolve("libvixDiskLib.so.6"), FAKE_VDDK);
        LoadedVixDiskLib l = new VixDiskLibLoader().load(dir); // optional functions are not checked at load
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> l.lib().VixDiskLib_QueryAllocatedBlocks(new VixDiskLibHandle(), 0, 0, 128, null));
        assertTrue(e.getMessage().contains("VixDiskLib_QueryAllocatedBlocks"), e.getMessage());
        assertTrue(e.getMessage().contains("introduced in VDDK 6.7"), e.getMessage());
        assertTrue(e.getMessage().contains("(VDDK 6.0)"), e.getMessage());
        UnsupportedOperationException open = assertThrows(UnsupportedOperationException.class,
                () -> l.lib().VixDiskLib_OpenEx(new VixDiskLibConnection(), null, null));
        assertTrue(open.getMessage().contains("introduced in VDDK 9.0"), open.getMessage());
        UnsupportedOperationException async = assertThrows(UnsupportedOperationException.class,
                () -> l.dataPath().readAsync(new VixDiskLibHandle(), 0, 0, 0, 0, 0));
        assertTrue(async.getMessage().contains("VixDiskLib_ReadAsync") && async.getMessage().contains("VDDK 6.0"));
        // the functions it has still work
        assertEquals(42, l.lib().VixDiskLib_Flush(new VixDiskLibHandle()));
    }

    @Test
    void everyFunctionTheStubLacksRaisesUnsupportedOperationExceptionWithItsRelease() throws Exception {
        LoadedVixDiskLib l = StubTestSupport.load();
        List<String> checked = new ArrayList<>();
        for (Method m : VixDiskLib.class.getMethods()) {
            if (!m.getName().startsWith("VixDiskLib_") || exports(l, m.getName())) {
                continue;
            }
            Object[] args = new Object[m.getParameterCount()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                args[i] = defaultValue(types[i]);
            }
            Throwable t = assertThrows(Throwable.class, () -> m.invoke(l.lib(), args)).getCause();
            assertTrue(t instanceof UnsupportedOperationException, m.getName() + ": " + t);
            assertTrue(t.getMessage().contains("introduced in " + VixDiskLibFunction.valueOf(m.getName()).introducedIn()),
                    t.getMessage());
            checked.add(m.getName());
        }
        if (!exports(l, "VixDiskLib_QueryAllocatedBlocks")) {
            assertTrue(checked.contains("VixDiskLib_QueryAllocatedBlocks"));
        }
    }

    private static boolean exports(LoadedVixDiskLib l, String name) {
        try {
            Function f = l.library().getFunction(name);
            return f != null;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    private static Object defaultValue(Class<?> c) {
        if (c == int.class) {
            return 0;
        } else if (c == long.class) {
            return 0L;
        } else if (c == byte.class) {
            return (byte) 0;
        }
        return null;
    }

    @Test
    void fileNameVersionsAndDlerrorParsing() {
        assertEquals(8, LibraryVersion.majorOfFileName("libvixDiskLib.so.8").orElseThrow());
        assertEquals(8, LibraryVersion.majorOfFileName("libvixDiskLib.so.8.0.3").orElseThrow());
        assertTrue(LibraryVersion.majorOfFileName("libvixDiskLib.so").isEmpty());
        assertTrue(LibraryVersion.majorOfFileName("libvixDiskLibVim.so.8").isEmpty());
        assertEquals("libssl.so.3", LoadFailures.missingDependency(
                "Unable to load library '/v/lib64/libvixDiskLib.so.8':\nlibssl.so.3: cannot open shared object file: "
                        + "No such file or directory", "/v/lib64/libvixDiskLib.so.8"));
        assertNull(LoadFailures.missingDependency(
                "/v/lib64/libvixDiskLib.so.8: cannot open shared object file: No such file or directory",
                "/v/lib64/libvixDiskLib.so.8"));
        assertTrue(Map.of().isEmpty());
    }

    @Test
    void elfDynamicInfoReadsTheStubsSonameAndNeeded() {
        ElfDynamicInfo info = ElfDynamicInfo.read(StubTestSupport.libDir().resolve("lib64/libvixDiskLib.so.8")).orElseThrow();
        assertEquals("libvixDiskLib.so.8", info.soname());
        assertTrue(info.needed().stream().anyMatch(n -> n.startsWith("libc.so")), info.needed().toString());
        assertTrue(ElfDynamicInfo.read(Path.of("pom.xml")).isEmpty());
    }
}
