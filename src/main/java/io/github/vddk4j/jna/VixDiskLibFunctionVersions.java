package io.github.vddk4j.jna;

import java.util.HashMap;
import java.util.Map;

/**
 * Which VDDK release introduced each VixDiskLib function, from the ELF symbol versions real
 * libraries export (e.g. {@code VixDiskLib_QueryAllocatedBlocks@@VIXDISKLIB_6.7}).
 */
public final class VixDiskLibFunctionVersions {
    private VixDiskLibFunctionVersions() {}

    private static final Map<String, String> ELF_VERSION = new HashMap<>();

    static {
        for (String f : new String[] {"Init", "Open", "Close", "Read", "Write", "GetInfo", "FreeInfo",
                "GetMetadataKeys", "ReadMetadata", "WriteMetadata", "Create", "CreateChild", "Clone", "Grow",
                "Shrink", "Defragment", "Rename", "Unlink", "Attach", "SpaceNeededForClone", "GetErrorText",
                "FreeErrorText", "Connect", "Disconnect", "Exit"}) {
            ELF_VERSION.put("VixDiskLib_" + f, "VIXDISKLIB_1.0");
        }
        for (String f : new String[] {"InitEx", "ConnectEx", "ListTransportModes", "GetTransportMode", "Cleanup",
                "CheckRepair", "GetConnectParams", "FreeConnectParams"}) {
            ELF_VERSION.put("VixDiskLib_" + f, "VIXDISKLIB_1.1");
        }
        ELF_VERSION.put("VixDiskLib_IsAttachPossible", "VIXDISKLIB_1.3");
        ELF_VERSION.put("VixDiskLib_PrepareForAccess", "VIXDISKLIB_5.0");
        ELF_VERSION.put("VixDiskLib_EndAccess", "VIXDISKLIB_5.0");
        ELF_VERSION.put("VixDiskLib_Flush", "VIXDISKLIB_6.0");
        ELF_VERSION.put("VixDiskLib_ReadAsync", "VIXDISKLIB_6.0");
        ELF_VERSION.put("VixDiskLib_WriteAsync", "VIXDISKLIB_6.0");
        ELF_VERSION.put("VixDiskLib_Wait", "VIXDISKLIB_6.5");
        ELF_VERSION.put("VixDiskLib_AllocateConnectParams", "VIXDISKLIB_6.7");
        ELF_VERSION.put("VixDiskLib_QueryAllocatedBlocks", "VIXDISKLIB_6.7");
        ELF_VERSION.put("VixDiskLib_FreeBlockList", "VIXDISKLIB_6.7");
        ELF_VERSION.put("VixDiskLib_OpenEx", "VIXDISKLIB_9.0");
        ELF_VERSION.put("VixDiskLib_QueryChangedAreas", "VIXDISKLIB_9.0");
        ELF_VERSION.put("VixDiskLib_FreeChangedAreas", "VIXDISKLIB_9.0");
        ELF_VERSION.put("VixDiskLib_GetConnectionFromDisk", "VIXDISKLIB_9.0");
    }

    /** The ELF symbol version of a C function (e.g. {@code "VIXDISKLIB_6.7"}), or {@code null} if unknown. */
    public static String elfVersion(String function) {
        return ELF_VERSION.get(function);
    }

    /**
     * The VDDK release that introduced a C function, e.g. {@code "VDDK 6.7"} for
     * {@code VixDiskLib_QueryAllocatedBlocks}; {@code "VDDK 1.x"} style for the 1.x-era symbol versions.
     * {@code "an unknown VDDK release"} if the function is not a VixDiskLib function.
     */
    public static String introducedIn(String function) {
        String v = ELF_VERSION.get(function);
        if (v == null) {
            return "an unknown VDDK release";
        }
        return "VDDK " + v.substring("VIXDISKLIB_".length());
    }

    /** The message of the {@link UnsupportedOperationException} raised for a function the loaded library lacks. */
    public static String unsupportedMessage(String function, String libraryPath, int loadedMajor) {
        String v = ELF_VERSION.get(function);
        return function + " is not exported by the loaded library " + libraryPath + " (VDDK " + loadedMajor + ")"
                + (v == null ? "" : "; it was introduced in " + introducedIn(function) + " (ELF symbol version " + v + ")")
                + ". Use a VDDK that has it, or avoid this operation.";
    }
}
