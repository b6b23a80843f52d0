package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testkit.VixDiskLibStub;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} with a library that lacks the stub control API (real VDDK) and with remote options. */
class DemoWithoutStubTest {
    @TempDir
    Path cwd;

    /** What the raw layer's stubControl() does on real VDDK: every call raises UnsupportedOperationException. */
    private static VixDiskLibStub realVddk() {
        return (VixDiskLibStub) Proxy.newProxyInstance(VixDiskLibStub.class.getClassLoader(),
                new Class<?>[] {VixDiskLibStub.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName() + " is not in this library");
                });
    }

    @Test
    void demoOnALibraryThatIsNotTheStubSaysItNeedsTheStubAndExitsOne() throws Exception {
        Path lib = Files.createDirectories(cwd.resolve("vmware-vix-disklib-distrib"));
        Main main = new Main(List.of(new DemoCommand(dir -> new DemoCommand.Stub(realVddk(),
                dir.resolve("lib64/libvixDiskLib.so.8").toString()))));
        Set<Path> demoDirsBefore = demoDirs();
        CliRun r = CliRun.run(main, cwd, "demo", "--lib-dir", lib.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("demo needs the vddk4j stub library"), r.toString());
        assertTrue(r.err().contains(lib.resolve("lib64/libvixDiskLib.so.8").toString()), r.toString());
        assertEquals(demoDirsBefore, demoDirs(), "demo left a temporary directory behind");
    }

    private static Set<Path> demoDirs() throws java.io.IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("vddk4j-demo-")).collect(Collectors.toSet());
        }
    }

    @Test
    void demoTakesNoServerAndNoArguments() {
        Main main = new Main(List.of(new DemoCommand(dir -> {
            throw new AssertionError("must not load anything");
        })));
        assertEquals(2, CliRun.run(main, cwd, "demo", "extra").exitCode());
        assertEquals(2, CliRun.run(main, cwd, "demo", "--server", "vc", "--user", "u", "--password-stdin",
                "--vm", "vm-1").exitCode());
    }
}
