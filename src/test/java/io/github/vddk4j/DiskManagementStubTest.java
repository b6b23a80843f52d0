package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.EmulatedWorld;
import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DiskManager through the native path: every disk-management function against the stub. */
class DiskManagementStubTest extends LocalStubConnectionTest {
    private static final long SECTORS = 4096; // 2 MiB

    static DiskLib lib;
    static DiskManager disks;

    @BeforeAll
    static void diskManager() {
        lib = SharedDiskLib.get();
        disks = conn.diskManager();
    }

    private static String path(String name) {
        return dir.resolve(name + ".vmdk").toString();
    }

    private static List<String> filesStartingWith(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) || n.contains(prefix))
                    .sorted().toList();
        }
    }

    private static byte[] pattern(int bytes, long seed) {
        byte[] b = new byte[bytes];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(DiskHandle d, long sector, int bytes) {
        ByteBuffer buf = d.allocateBuffer(bytes);
        d.read(sector, buf);
        byte[] out = new byte[bytes];
        buf.flip().get(out);
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = DiskType.class, names = {"MONOLITHIC_FLAT", "MONOLITHIC_SPARSE"})
    void createMakesAnOwnerOnlyDiskWithTheSpecAndReportsProgressTo100(DiskType type) throws IOException {
        String p = path("create-" + type);
        List<Integer> progress = new CopyOnWriteArrayList<>();
        disks.create(p, CreateSpec.builder(type, SECTORS).adapter(AdapterType.SCSI_BUSLOGIC).build(), progress::add);
        assertFalse(progress.isEmpty());
        assertEquals(100, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress only increases: " + progress);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(p))));
        try (DiskHandle d = conn.open(p)) {
            assertEquals(SECTORS, d.capacitySectors());
            assertEquals(AdapterType.SCSI_BUSLOGIC, d.info().adapterType());
            d.write(0, ByteBuffer.wrap(pattern(4096, 1)));
            assertArrayEquals(pattern(4096, 1), read(d, 0, 4096));
        }
        disks.delete(p);
    }

    @Test
    void createOnAnExistingPathFailsWithFileAlreadyExists() {
        String p = path("exists");
        disks.create(p, CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, SECTORS).build());
        VddkCallException e = assertThrows(VddkCallException.class,
                () -> disks.create(p, CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, SECTORS).build()));
        assertEquals(VixErrorCode.VIX_E_FILE_ALREADY_EXISTS, e.errorCode());
        assertEquals("VixDiskLib_Create", e.function());
        disks.delete(p);
    }

    @Test
    void aListenerReturningFalseCancelsAndLeavesNothingBehind() throws IOException {
        String p = path("cancelled");
        VddkCallException e = assertThrows(VddkCallException.class,
                () -> disks.create(p, CreateSpec.builder(DiskType.MONOLITHIC_FLAT, SECTORS).build(), pct -> false));
        assertEquals(VixErrorCode.VIX_E_CANCELLED, e.errorCode());
        assertEquals(List.of(), filesStartingWith("cancelled"));
    }

    @Test
    void aThrowingListenerCancelsAndItsExceptionIsTheCause() throws IOException {
        String p = path("listener-bug");
        RuntimeException bug = new IllegalStateException("listener bug");
        VddkCallException e = assertThrows(VddkCallException.class,
                () -> disks.create(p, CreateSpec.builder(DiskType.MONOLITHIC_FLAT, SECTORS).build(), pct -> {
                    throw bug;
                }));
        assertEquals(VixErrorCode.VIX_E_CANCELLED, e.errorCode());
        assertSame(bug, e.getCause());
        assertEquals(List.of(), filesStartingWith("listener-bug"));
    }

    @Test
    void callsBackIntoVddk4jFromTheProgressCallbackAreRefused() {
        String p = path("reentrant");
        Connection other = lib.connect(ConnectParams.local());
        AtomicReference<RuntimeException> refused = new AtomicReference<>();
        disks.create(p, CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, SECTORS).build(), pct -> {
            try {
                other.close();
            } catch (IllegalStateException e) {
                refused.compareAndSet(null, e);
            }
            return true;
        });
        assertTrue(refused.get().getMessage().contains("from inside a VDDK callback"), refused.get().getMessage());
        assertFalse(other.isClosed());
        other.close();
        disks.delete(p);
    }

    @Test
    void cloneCopiesTheDataWithProgressAndHonoursOverwrite() {
        Path src = Stub.createDisk(dir.resolve("clone-src.vmdk"), SECTORS);
        try (DiskHandle d = conn.open(src.toString())) {
            d.write(100, ByteBuffer.wrap(pattern(8192, 7)));
        }
        String dst = path("clone-dst");
        List<Integer> progress = new ArrayList<>();
        CreateSpec sparse = CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, SECTORS).build();
        try (Connection source = lib.connect(ConnectParams.local().readOnly(true))) {
            disks.clone(source, src.toString(), dst, sparse, false, progress::add);
            assertEquals(100, progress.get(progress.size() - 1));
            VddkCallException e = assertThrows(VddkCallException.class,
                    () -> disks.clone(source, src.toString(), dst, sparse, false));
            assertEquals(VixErrorCode.VIX_E_FILE_ALREADY_EXISTS, e.errorCode());
            disks.clone(source, src.toString(), dst, sparse, true);
        }
        try (DiskHandle d = conn.open(dst, OpenOption.READ_ONLY)) {
            assertEquals(SECTORS, d.capacitySectors());
            assertArrayEquals(pattern(8192, 7), read(d, 100, 8192));
        }
        disks.delete(dst);
        disks.delete(src.toString());
    }

    @Test
    void growEnlargesAClosedFlatDiskAndKeepsItsData() {
        Path p = Stub.createDisk(dir.resolve("grow.vmdk"), SECTORS);
        try (DiskHandle d = conn.open(p.toString())) {
            d.write(SECTORS - 8, ByteBuffer.wrap(pattern(4096, 3)));
        }
        List<Integer> progress = new ArrayList<>();
        disks.grow(p.toString(), SECTORS * 2, true, progress::add);
        assertEquals(100, progress.get(progress.size() - 1));
        try (DiskHandle d = conn.open(p.toString())) {
            assertEquals(SECTORS * 2, d.capacitySectors());
            assertArrayEquals(pattern(4096, 3), read(d, SECTORS - 8, 4096));
            assertArrayEquals(new byte[4096], read(d, SECTORS, 4096));
        }
        VddkCallException e = assertThrows(VddkCallException.class, () -> disks.grow(p.toString(), SECTORS, false));
        assertEquals(VixErrorCode.VIX_E_INVALID_ARG, e.errorCode());
        disks.delete(p.toString());
    }

    @Test
    void shrinkAndDefragmentRunOnAnOpenReadWriteDisk() {
        Path p = Stub.createDisk(dir.resolve("shrink.vmdk"), SECTORS);
        try (DiskHandle d = conn.open(p.toString())) {
            List<Integer> progress = new ArrayList<>();
            disks.shrink(d, progress::add);
            disks.defragment(d, progress::add);
            assertTrue(progress.contains(100), progress.toString());
            d.read(0, ByteBuffer.allocateDirect(512)); // still usable
        }
        disks.delete(p.toString());
    }

    @Test
    void renameMovesTheDiskAndDeleteRemovesEveryFile() throws IOException {
        Path p = Stub.createDisk(dir.resolve("rename-a.vmdk"), SECTORS);
        String to = path("rename-b");
        disks.rename(p.toString(), to);
        assertFalse(Files.exists(p));
        try (DiskHandle d = conn.open(to)) {
            assertEquals(SECTORS, d.capacitySectors());
        }
        VddkCallException missing = assertThrows(VddkCallException.class, () -> disks.rename(p.toString(), path("rename-c")));
        assertEquals(VixErrorCode.VIX_E_FILE_NOT_FOUND, missing.errorCode());
        disks.delete(to);
        assertEquals(List.of(), filesStartingWith("rename-"));
        assertEquals(VixErrorCode.VIX_E_FILE_NOT_FOUND,
                assertThrows(VddkCallException.class, () -> disks.delete(to)).errorCode());
    }

    @Test
    void spaceNeededForACloneOfAFlatDiskIsItsCapacityPlusTheDescriptor() {
        Path p = Stub.createDisk(dir.resolve("space.vmdk"), SECTORS);
        try (DiskHandle d = conn.open(p.toString(), OpenOption.READ_ONLY)) {
            assertEquals(SECTORS * 512 + 512, disks.spaceNeededForClone(d, DiskType.MONOLITHIC_FLAT));
            assertTrue(disks.spaceNeededForClone(d, DiskType.MONOLITHIC_SPARSE) > 0);
        }
        disks.delete(p.toString());
    }

    @Test
    void checkRepairAcceptsAHealthyDiskAndReportsAMissingOne() {
        Path p = Stub.createDisk(dir.resolve("check.vmdk"), SECTORS);
        disks.checkRepair(p.toString(), false);
        disks.checkRepair(p.toString(), true);
        assertEquals(VixErrorCode.VIX_E_FILE_NOT_FOUND,
                assertThrows(VddkCallException.class, () -> disks.checkRepair(path("no-such"), false)).errorCode());
        disks.delete(p.toString());
    }

    @Test
    void anInjectedFaultNamesTheFunctionAndTheNextCallWorks() throws IOException {
        String p = path("fault");
        Stub.injectFault("VixDiskLib_Create", 1, 8); // VIX_E_DISK_FULL
        VddkCallException e = assertThrows(VddkCallException.class,
                () -> disks.create(p, CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, SECTORS).build()));
        assertEquals("VixDiskLib_Create", e.function());
        assertEquals(8, e.code());
        assertTrue(e.getMessage().contains(p), e.getMessage());
        assertEquals(List.of(), filesStartingWith("fault"));
        disks.create(p, CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, SECTORS).build());
        disks.delete(p);
    }

    @Test
    void localConnectParamsComeBackLocal() {
        ConnectParams p = conn.queryConnectParams();
        assertTrue(p.isLocal());
        assertEquals(0, Stub.counter("connectParams"));
    }

    @Test
    void remoteConnectParamsComeFromVddkWithoutReadingSecrets(@TempDir Path world) {
        // defined by hand: EmulatedWorld.define resets the stub, which refuses while connections are open
        Stub.defineServer(EmulatedWorld.ESXI, false, EmulatedWorld.ESXI_THUMBPRINT, null, Stub.mkdirs(world.resolve("state")));
        Stub.addUser(EmulatedWorld.ESXI, EmulatedWorld.ESXI_USER, EmulatedWorld.ESXI_PASSWORD);
        Stub.addVm(EmulatedWorld.ESXI, EmulatedWorld.VM_OFF, false);
        ConnectParams madeWith = EmulatedWorld.esxi();
        try (Connection remote = lib.connect(madeWith)) {
            ConnectParams reported = remote.queryConnectParams();
            assertEquals(madeWith.server(), reported.server());
            assertEquals(madeWith.vmxSpec(), reported.vmxSpec());
            assertEquals(madeWith.thumbprint().map(String::toUpperCase), reported.thumbprint().map(String::toUpperCase));
            assertSame(madeWith.credentials().orElseThrow(), reported.credentials().orElseThrow());
            assertFalse(reported.toString().contains(EmulatedWorld.ESXI_PASSWORD));
        }
        assertEquals(0, Stub.counter("connectParams"));
    }

    @Test
    void createChildMakesARedoLogWhoseReadsFallThroughToTheParent() {
        Path parent = Stub.createDisk(dir.resolve("redo-parent.vmdk"), SECTORS);
        String child = path("redo-child");
        List<Integer> progress = new CopyOnWriteArrayList<>();
        try (DiskHandle p = conn.open(parent.toString())) {
            p.write(0, ByteBuffer.wrap(pattern(4096, 11)));
            disks.createChild(p, child, DiskType.MONOLITHIC_SPARSE, progress::add);
        }
        assertEquals(100, progress.get(progress.size() - 1));
        try (DiskHandle c = conn.open(child)) {
            assertEquals(2, c.info().numLinks());
            assertArrayEquals(pattern(4096, 11), read(c, 0, 4096));
            c.write(0, ByteBuffer.wrap(pattern(4096, 12)));
            assertArrayEquals(pattern(4096, 12), read(c, 0, 4096));
        }
        try (DiskHandle p = conn.open(parent.toString(), OpenOption.READ_ONLY)) {
            assertArrayEquals(pattern(4096, 11), read(p, 0, 4096), "the child's writes stay in the child");
        }
        assertEquals(VixErrorCode.VIX_E_FILE_ALREADY_EXISTS, assertThrows(VddkCallException.class, () -> {
            try (DiskHandle p = conn.open(parent.toString(), OpenOption.READ_ONLY)) {
                disks.createChild(p, child, DiskType.MONOLITHIC_SPARSE);
            }
        }).errorCode());
        disks.delete(child);
        disks.delete(parent.toString());
    }

    @Test
    void attachPutsASingleLinkChildOnItsParentAndTheParentHandleIsGone() {
        Path parent = Stub.createDisk(dir.resolve("attach-parent.vmdk"), SECTORS);
        String child = path("attach-child");
        try (DiskHandle p = conn.open(parent.toString())) {
            p.write(8, ByteBuffer.wrap(pattern(4096, 21)));
            disks.createChild(p, child, DiskType.MONOLITHIC_SPARSE);
        }
        long handlesBefore = Stub.counter("handles");
        DiskHandle p = conn.open(parent.toString(), OpenOption.READ_ONLY);
        try (DiskHandle c = conn.open(child, OpenOption.SINGLE_LINK)) {
            assertArrayEquals(new byte[4096], read(c, 8, 4096), "opened alone, the child shows zeros");
            assertTrue(disks.isAttachPossible(p, c));
            disks.attach(p, c);
            assertTrue(p.isClosed(), "VDDK invalidated the parent's handle");
            assertThrows(IllegalStateException.class, () -> read(p, 0, 512));
            assertEquals(handlesBefore + 1, Stub.counter("handles"), "Attach closed the parent's native handle");
            assertEquals(2, c.info().numLinks());
            assertArrayEquals(pattern(4096, 21), read(c, 8, 4096), "reads now fall through to the parent");
        }
        p.close(); // idempotent: no VixDiskLib_Close on the invalidated handle
        assertEquals(handlesBefore, Stub.counter("handles"));
        disks.delete(child);
        disks.delete(parent.toString());
    }

    @Test
    void attachingABaseDiskIsNotPossibleAndSaysWhy() {
        Path a = Stub.createDisk(dir.resolve("base-a.vmdk"), SECTORS);
        Path b = Stub.createDisk(dir.resolve("base-b.vmdk"), SECTORS);
        try (DiskHandle p = conn.open(a.toString(), OpenOption.READ_ONLY);
             DiskHandle c = conn.open(b.toString(), OpenOption.READ_ONLY)) {
            assertFalse(disks.isAttachPossible(p, c));
            VddkCallException e = assertThrows(VddkCallException.class, () -> disks.checkAttachPossible(p, c));
            assertEquals("VixDiskLib_IsAttachPossible", e.function());
            assertEquals(16069, e.code());
            assertEquals(16069, assertThrows(VddkCallException.class, () -> disks.attach(p, c)).code());
            assertFalse(p.isClosed(), "a failed Attach leaves both handles open");
        }
        disks.delete(a.toString());
        disks.delete(b.toString());
    }
}
