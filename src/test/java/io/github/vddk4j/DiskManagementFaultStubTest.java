package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.Stub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix of the disk-management and metadata functions: each fails once by injection
 * under the public operation that calls it; the exception names the function, its code and the
 * disk; nothing is left open or allocated; the same operation then works.
 */
class DiskManagementFaultStubTest extends LocalStubConnectionTest {
    private static final long SECTORS = 2048;
    private static final long FAULT = 8; // VIX_E_DISK_FULL: never what the operation returns by itself
    /** The redo log the Attach operations need, made before the fault is injected. */
    private static final String ATTACH_CHILD = "attach-child.vmdk";

    private static CreateSpec sparse() {
        return CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, SECTORS).build();
    }

    private static void onOpenDisk(Path disk, java.util.function.Consumer<DiskHandle> op) {
        try (DiskHandle d = conn.open(disk.toString())) {
            op.accept(d);
        }
    }

    /** {function, operation on a fresh flat disk (the path) in its own directory}. */
    static Stream<Arguments> operations() {
        return Stream.of(
                op("VixDiskLib_Create", (disk, d) -> conn.diskManager().create(d.resolve("new.vmdk").toString(), sparse())),
                op("VixDiskLib_Clone", (disk, d) -> conn.diskManager().clone(conn, disk.toString(),
                        d.resolve("copy.vmdk").toString(), sparse(), false)),
                op("VixDiskLib_Grow", (disk, d) -> conn.diskManager().grow(disk.toString(), SECTORS * 2, false)),
                op("VixDiskLib_Shrink", (disk, d) -> onOpenDisk(disk, h -> conn.diskManager().shrink(h))),
                op("VixDiskLib_Defragment", (disk, d) -> onOpenDisk(disk, h -> conn.diskManager().defragment(h))),
                op("VixDiskLib_Rename", (disk, d) -> conn.diskManager().rename(disk.toString(), d.resolve("renamed.vmdk").toString())),
                op("VixDiskLib_Unlink", (disk, d) -> conn.diskManager().delete(disk.toString())),
                op("VixDiskLib_SpaceNeededForClone", (disk, d) -> onOpenDisk(disk,
                        h -> conn.diskManager().spaceNeededForClone(h, DiskType.MONOLITHIC_SPARSE))),
                op("VixDiskLib_CheckRepair", (disk, d) -> conn.diskManager().checkRepair(disk.toString(), true)),
                op("VixDiskLib_GetConnectParams", (disk, d) -> conn.queryConnectParams()),
                op("VixDiskLib_WriteMetadata", (disk, d) -> onOpenDisk(disk, h -> h.metadata().put("acme.k", "v"))),
                op("VixDiskLib_GetMetadataKeys", (disk, d) -> onOpenDisk(disk, h -> h.metadata().keys())),
                op("VixDiskLib_ReadMetadata", (disk, d) -> onOpenDisk(disk, h -> h.metadata().get("adapterType"))),
                op("VixDiskLib_QueryAllocatedBlocks", (disk, d) -> onOpenDisk(disk, DiskHandle::allocatedBlocks)),
                op("VixDiskLib_CreateChild", (disk, d) -> onOpenDisk(disk, h -> conn.diskManager().createChild(h,
                        d.resolve("child.vmdk").toString(), DiskType.MONOLITHIC_SPARSE))),
                op("VixDiskLib_IsAttachPossible", (disk, d) -> onTwoDisks(disk, d,
                        (a, b) -> conn.diskManager().checkAttachPossible(a, b))),
                op("VixDiskLib_Attach", (disk, d) -> onTwoDisks(disk, d, (a, b) -> conn.diskManager().attach(a, b))));
    }

    /** Runs {@code op} on the disk (read-only) and on a single-link redo log of it (made by the test's setup). */
    private static void onTwoDisks(Path disk, Path d, BiConsumer<DiskHandle, DiskHandle> op) {
        Path child = d.resolve(ATTACH_CHILD);
        try (DiskHandle parent = conn.open(disk.toString(), OpenOption.READ_ONLY);
             DiskHandle c = conn.open(child.toString(), OpenOption.SINGLE_LINK)) {
            op.accept(parent, c);
        }
    }

    private static Arguments op(String function, BiConsumer<Path, Path> operation) {
        return Arguments.of(function, operation);
    }

    private static List<String> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void aFaultNamesTheFunctionLeavesNothingAndTheNextCallWorks(String function, BiConsumer<Path, Path> operation)
            throws IOException {
        Path d = Files.createDirectories(dir.resolve(function));
        Path disk = Stub.createDisk(d.resolve("disk.vmdk"), SECTORS);
        if (function.contains("Attach")) {
            onOpenDisk(disk, h -> conn.diskManager().createChild(h, d.resolve(ATTACH_CHILD).toString(),
                    DiskType.MONOLITHIC_SPARSE));
        }
        List<String> before = files(d);

        Stub.injectFault(function, 1, FAULT);
        VddkCallException e = assertThrows(VddkCallException.class, () -> operation.accept(disk, d));
        assertEquals(function, e.function());
        assertEquals(FAULT, e.code());
        assertTrue(e.errorText() != null && !e.errorText().isEmpty(), e.getMessage());
        assertEquals(before, files(d), "a failed " + function + " leaves the files as they were");
        assertEquals(0, Stub.counter("handles"));
        assertEquals(0, Stub.counter("connectParams"));
        assertEquals(0, Stub.counter("blockLists"));

        operation.accept(disk, d); // the fault fired once: the same operation now works
    }
}
