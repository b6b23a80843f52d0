package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibDirResolverTest {
    @TempDir
    Path cwd;

    private Optional<LibDirResolver.Choice> resolve(Optional<Path> option, Map<String, String> props,
                                                    Map<String, String> env) {
        return LibDirResolver.resolve(option, props::get, env::get, cwd);
    }

    @Test
    void optionWinsOverPropertyEnvironmentAndBundledStub() throws IOException {
        Files.createDirectories(cwd.resolve("target/vddk-stub"));
        Map<String, String> props = Map.of("vddk4j.libDir", "/from/prop");
        Map<String, String> env = Map.of("VDDK_LIBDIR", "/from/env");
        assertEquals(Path.of("/opt/x"), resolve(Optional.of(Path.of("/opt/x")), props, env).orElseThrow().dir());
        assertEquals(Path.of("/from/prop"), resolve(Optional.empty(), props, env).orElseThrow().dir());
        assertEquals(Path.of("/from/env"), resolve(Optional.empty(), Map.of(), env).orElseThrow().dir());
        LibDirResolver.Choice stub = resolve(Optional.empty(), Map.of(), Map.of()).orElseThrow();
        assertEquals(cwd.resolve("target/vddk-stub"), stub.dir());
        assertTrue(stub.source().contains("bundled stub"));
    }

    @Test
    void stubBesideTheRunningJarIsTheLastResort() throws IOException {
        Path target = Files.createDirectories(cwd.resolve("elsewhere/target"));
        Path jar = Files.createFile(target.resolve("vddk4j.jar"));
        Path other = Files.createDirectories(cwd.resolve("other-dir"));
        assertTrue(LibDirResolver.resolve(Optional.empty(), k -> null, k -> null, other, Optional.of(jar)).isEmpty());
        Files.createDirectory(target.resolve("vddk-stub"));
        LibDirResolver.Choice c = LibDirResolver.resolve(Optional.empty(), k -> null, k -> null, other, Optional.of(jar))
                .orElseThrow();
        assertEquals(target.resolve("vddk-stub"), c.dir());
        assertTrue(c.source().contains("beside vddk4j.jar"), c.source());
    }

    @Test
    void nothingFoundListsWhatWasTried() {
        assertTrue(resolve(Optional.empty(), Map.of(), Map.of()).isEmpty());
        String m = LibDirResolver.notFoundMessage(cwd);
        assertTrue(m.contains("--lib-dir") && m.contains("vddk4j.libDir") && m.contains("VDDK_LIBDIR")
                && m.contains("target/vddk-stub"), m);
    }
}
