package io.github.vddk4j;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the loaded VDDK offers: its version and the VixDiskLib functions it exports. vddk4j refuses
 * at load a library without a function it requires (VDDK before 6.7); the optional ones (async
 * I/O, QueryAllocatedBlocks, the 9.0 functions, disk management, ...) are listed here, so a caller
 * can ask before using an operation instead of being surprised deep in a call.
 *
 * @param major     the VDDK major version, e.g. 8
 * @param minor     the VDDK minor version where the library's ELF version definitions say it (6.7), else 0
 * @param functions the C names of the exported VixDiskLib functions, e.g. {@code "VixDiskLib_ReadAsync"}
 */
public record VddkCapabilities(int major, int minor, Set<String> functions) {
    public VddkCapabilities {
        functions = Set.copyOf(new TreeSet<>(Objects.requireNonNull(functions, "functions")));
    }

    /**
     * Whether the loaded VDDK exports this C function.
     *
     * @param cFunctionName a C name such as {@code "VixDiskLib_QueryAllocatedBlocks"}
     */
    public boolean supports(String cFunctionName) {
        return functions.contains(cFunctionName);
    }

    /** {@code VixDiskLib_ReadAsync}, {@code WriteAsync} and {@code Wait}: {@link DiskHandle#readAsync} and friends. */
    public boolean supportsAsyncIo() {
        return supports("VixDiskLib_ReadAsync") && supports("VixDiskLib_WriteAsync") && supports("VixDiskLib_Wait");
    }

    /** {@code VixDiskLib_QueryAllocatedBlocks} (VDDK 6.7+): {@link DiskHandle#allocatedBlocks}. */
    public boolean supportsAllocatedBlocks() {
        return supports("VixDiskLib_QueryAllocatedBlocks") && supports("VixDiskLib_FreeBlockList");
    }

    /** "major.minor", e.g. {@code "8.0"}. */
    public String version() {
        return major + "." + minor;
    }
}
