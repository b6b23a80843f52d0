package io.github.vddk4j.testkit;

import io.github.vddk4j.AdapterType;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskLib;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a {@link StubVddk} test gets: the stub's distribution directory, a scratch directory of
 * its own (removed after the test), the stub's control API and the JVM's one {@code DiskLib}.
 */
public final class StubEnvironment {
    private final Path libDir;
    private final Path scratchDir;
    private final StubControl control;
    private final Supplier<DiskLib> diskLib;

    StubEnvironment(Path libDir, Path scratchDir, StubControl control, Supplier<DiskLib> diskLib) {
        this.libDir = libDir;
        this.scratchDir = scratchDir;
        this.control = control;
        this.diskLib = diskLib;
    }

    /**
     * The stub's VDDK distribution directory, for {@code DiskLib.builder().libDir(...)}.
     *
     * @return the directory holding {@code lib64/}
     */
    public Path libDir() {
        return libDir;
    }

    /**
     * A directory for this test's files, empty at the start and removed after the test.
     *
     * @return the scratch directory
     */
    public Path scratchDir() {
        return scratchDir;
    }

    /**
     * The stub's control API: emulated servers, fault injection, counters, disk creation.
     *
     * @return the control API
     */
    public StubControl control() {
        return control;
    }

    /**
     * The JVM's one {@code DiskLib} over the stub, opened on first use with default settings and
     * closed when the test run ends. VDDK allows one InitEx per process, so tests share it instead
     * of opening their own; a test that needs its own configuration runs in its own JVM.
     *
     * @return the shared library; never close it
     */
    public DiskLib diskLib() {
        return diskLib.get();
    }

    /**
     * Creates a disk in the scratch directory (monolithicFlat, sparse, LSI Logic adapter).
     *
     * @param fileName      descriptor file name, ending in {@code .vmdk}
     * @param capacityBytes capacity, a positive multiple of 512
     * @return the descriptor path, to pass to {@code Connection.open}
     * @throws IllegalArgumentException if the capacity is not a positive multiple of 512
     */
    public Path createDisk(String fileName, long capacityBytes) {
        if (capacityBytes <= 0 || capacityBytes % DiskHandle.SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("capacityBytes must be a positive multiple of "
                    + DiskHandle.SECTOR_SIZE + ", not " + capacityBytes);
        }
        return control.createFlatDisk(scratchDir.resolve(fileName), capacityBytes / DiskHandle.SECTOR_SIZE,
                AdapterType.SCSI_LSILOGIC);
    }
}
