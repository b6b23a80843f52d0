package io.github.vddk4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Connection;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.VddkException;
import io.github.vddk4j.VixErrorCode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.github.vddk4j.testsupport.OwnJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The {@link StubVddk} extension as a product team uses it: the nested test classes run through
 * JUnit's engine test kit in one launch (one shared DiskLib, as in a real test JVM), and this
 * test checks what each reported. Its own JVM: the extension opens the JVM's one DiskLib.
 */
@Tag(OwnJvm.TAG)
class StubVddkExtensionTest {
    static final List<Path> scratchDirs = new ArrayList<>();
    static DiskHandle leaked;
    static Connection leakedConnection;

    @Test
    void productTestsRunAgainstTheStubAndLeaksFailTheTest() throws Exception {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ProductTests.class), selectClass(LeakingTest.class))
                .execute().testEvents();
        try {
            tests.assertThatEvents()
                    .haveExactly(1, event(test("writesAndReadsADiskThroughTheSharedDiskLib"), finishedSuccessfully()))
                    .haveExactly(1, event(test("injectedFaultSurfacesAsVddkException"), finishedSuccessfully()))
                    .haveExactly(1, event(test("faultsFromAnEarlierTestAreCleared"), finishedSuccessfully()))
                    .haveExactly(1, event(test("leavesAHandleOpen"), finishedWithFailure(instanceOf(AssertionError.class),
                            message(m -> m.contains("1 handles") && m.contains("1 connections")))));
            assertEquals(4, tests.finished().count());
        } finally {
            if (leaked != null) {
                leaked.close();
                leakedConnection.close();
            }
        }
        assertFalse(scratchDirs.isEmpty());
        for (Path dir : scratchDirs) {
            assertFalse(Files.exists(dir), "scratch directory removed after the test: " + dir);
        }
    }

    @Test
    void extractsTheBundledStubAsAVddkDistribution() throws Exception {
        Path dir = Files.createTempDirectory("vddk4j-extract-");
        try {
            StubDistribution.extractTo(dir);
            Path link = dir.resolve("lib64/libvixDiskLib.so");
            assertTrue(Files.isSymbolicLink(link));
            Path file = StubDistribution.libraryFile(dir);
            assertTrue(file.getFileName().toString().matches("libvixDiskLib\\.so\\.[6-9]"), file.toString());
            Path built = StubDistribution.libraryFile(Path.of(System.getProperty("vddk4j.test.libDir")));
            assertArrayEquals(Files.readAllBytes(built), Files.readAllBytes(file), "the build's stub, byte for byte");
        } finally {
            StubDistribution.deleteRecursively(dir);
        }
    }

    @StubVddk
    static class ProductTests {
        @Test
        void writesAndReadsADiskThroughTheSharedDiskLib(StubEnvironment stub) throws Exception {
            scratchDirs.add(stub.scratchDir());
            Path disk = stub.createDisk("source.vmdk", 1 << 20);
            try (Connection conn = stub.diskLib().connect(ConnectParams.local());
                 DiskHandle h = conn.open(disk.toString())) {
                ByteBuffer out = h.allocateBuffer(4096);
                out.put("product data".getBytes()).clear();
                h.write(8, out);
                ByteBuffer in = h.allocateBuffer(4096);
                h.read(8, in);
                assertEquals(0, out.clear().compareTo(in.clear()));
                assertEquals(1, stub.control().counter("handles"));
            }
        }

        @Test
        void injectedFaultSurfacesAsVddkException(StubEnvironment stub) throws Exception {
            scratchDirs.add(stub.scratchDir());
            Path disk = stub.createDisk("faulty.vmdk", 1 << 20);
            stub.control().injectFault("VixDiskLib_Open", 0, VixErrorCode.VIX_E_FILE_ACCESS_ERROR);
            try (Connection conn = stub.diskLib().connect(ConnectParams.local())) {
                VddkException e = org.junit.jupiter.api.Assertions.assertThrows(VddkException.class,
                        () -> conn.open(disk.toString()).close());
                assertTrue(e.getMessage().contains("VixDiskLib_Open"), e.getMessage());
            }
        }

        @Test
        void faultsFromAnEarlierTestAreCleared(StubEnvironment stub) throws Exception {
            scratchDirs.add(stub.scratchDir());
            Path disk = stub.createDisk("clean.vmdk", 1 << 20);
            try (Connection conn = stub.diskLib().connect(ConnectParams.local())) {
                conn.open(disk.toString()).close();
            }
        }
    }

    @StubVddk
    static class LeakingTest {
        @Test
        void leavesAHandleOpen(StubEnvironment stub) {
            scratchDirs.add(stub.scratchDir());
            Path disk = stub.createDisk("leak.vmdk", 1 << 20);
            leakedConnection = stub.diskLib().connect(ConnectParams.local());
            leaked = leakedConnection.open(disk.toString());
        }
    }
}
