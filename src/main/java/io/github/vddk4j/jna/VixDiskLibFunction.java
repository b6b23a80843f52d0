package io.github.vddk4j.jna;

import java.util.Optional;

/**
 * Every function of VDDK 9.0's {@code vixDiskLib.h}, with the ELF symbol version that introduced it
 * (real libraries export each function with it, e.g. {@code VixDiskLib_QueryAllocatedBlocks@@VIXDISKLIB_6.7})
 * and whether vddk4j needs it to load a library at all ({@link #required()}) or reports it as a
 * capability. Constant names are the C names verbatim.
 *
 * <p>The one source is {@code native-stubs/api/functions.tsv}; {@code VixDiskLibFunctionTableTest}
 * fails when this enum, that file, or the methods of {@link VixDiskLib} disagree.
 */
public enum VixDiskLibFunction {
    VixDiskLib_Init("VIXDISKLIB_1.0", false),
    VixDiskLib_Exit("VIXDISKLIB_1.0", true),
    VixDiskLib_Connect("VIXDISKLIB_1.0", false),
    VixDiskLib_Disconnect("VIXDISKLIB_1.0", true),
    VixDiskLib_Open("VIXDISKLIB_1.0", true),
    VixDiskLib_Close("VIXDISKLIB_1.0", true),
    VixDiskLib_GetInfo("VIXDISKLIB_1.0", true),
    VixDiskLib_FreeInfo("VIXDISKLIB_1.0", true),
    VixDiskLib_Read("VIXDISKLIB_1.0", true),
    VixDiskLib_Write("VIXDISKLIB_1.0", true),
    VixDiskLib_GetMetadataKeys("VIXDISKLIB_1.0", false),
    VixDiskLib_ReadMetadata("VIXDISKLIB_1.0", false),
    VixDiskLib_WriteMetadata("VIXDISKLIB_1.0", false),
    VixDiskLib_Create("VIXDISKLIB_1.0", false),
    VixDiskLib_CreateChild("VIXDISKLIB_1.0", false),
    VixDiskLib_Clone("VIXDISKLIB_1.0", false),
    VixDiskLib_Grow("VIXDISKLIB_1.0", false),
    VixDiskLib_Shrink("VIXDISKLIB_1.0", false),
    VixDiskLib_Defragment("VIXDISKLIB_1.0", false),
    VixDiskLib_Rename("VIXDISKLIB_1.0", false),
    VixDiskLib_Unlink("VIXDISKLIB_1.0", false),
    VixDiskLib_Attach("VIXDISKLIB_1.0", false),
    VixDiskLib_SpaceNeededForClone("VIXDISKLIB_1.0", false),
    VixDiskLib_GetErrorText("VIXDISKLIB_1.0", true),
    VixDiskLib_FreeErrorText("VIXDISKLIB_1.0", true),
    VixDiskLib_InitEx("VIXDISKLIB_1.1", true),
    VixDiskLib_ConnectEx("VIXDISKLIB_1.1", true),
    VixDiskLib_ListTransportModes("VIXDISKLIB_1.1", true),
    VixDiskLib_GetTransportMode("VIXDISKLIB_1.1", true),
    VixDiskLib_Cleanup("VIXDISKLIB_1.1", true),
    VixDiskLib_CheckRepair("VIXDISKLIB_1.1", false),
    VixDiskLib_GetConnectParams("VIXDISKLIB_1.1", false),
    VixDiskLib_FreeConnectParams("VIXDISKLIB_1.1", true),
    VixDiskLib_IsAttachPossible("VIXDISKLIB_1.3", false),
    VixDiskLib_PrepareForAccess("VIXDISKLIB_5.0", true),
    VixDiskLib_EndAccess("VIXDISKLIB_5.0", true),
    VixDiskLib_Flush("VIXDISKLIB_6.0", true),
    VixDiskLib_ReadAsync("VIXDISKLIB_6.0", false),
    VixDiskLib_WriteAsync("VIXDISKLIB_6.0", false),
    VixDiskLib_Wait("VIXDISKLIB_6.5", false),
    VixDiskLib_AllocateConnectParams("VIXDISKLIB_6.7", true),
    VixDiskLib_QueryAllocatedBlocks("VIXDISKLIB_6.7", false),
    VixDiskLib_FreeBlockList("VIXDISKLIB_6.7", false),
    VixDiskLib_OpenEx("VIXDISKLIB_9.0", false),
    VixDiskLib_QueryChangedAreas("VIXDISKLIB_9.0", false),
    VixDiskLib_FreeChangedAreas("VIXDISKLIB_9.0", false),
    VixDiskLib_GetConnectionFromDisk("VIXDISKLIB_9.0", false);

    private static final String VERSION_PREFIX = "VIXDISKLIB_";

    private final String elfVersion;
    private final boolean required;

    VixDiskLibFunction(String elfVersion, boolean required) {
        this.elfVersion = elfVersion;
        this.required = required;
    }

    /** The C name, e.g. {@code "VixDiskLib_Open"}. */
    public String cName() {
        return name();
    }

    /** The ELF symbol version that introduced the function, e.g. {@code "VIXDISKLIB_6.7"}. */
    public String elfVersion() {
        return elfVersion;
    }

    /** Whether vddk4j refuses to load a library without this function (else it is a capability). */
    public boolean required() {
        return required;
    }

    /** The VDDK release that introduced the function, e.g. {@code "VDDK 6.7"}. */
    public String introducedIn() {
        return "VDDK " + elfVersion.substring(VERSION_PREFIX.length());
    }

    /** The major number of {@link #introducedIn()} (1 for the VIXDISKLIB_1.x era). */
    public int introducedMajor() {
        String v = elfVersion.substring(VERSION_PREFIX.length());
        return Integer.parseInt(v.substring(0, v.indexOf('.')));
    }

    /** The minor number of {@link #introducedIn()}. */
    public int introducedMinor() {
        String v = elfVersion.substring(VERSION_PREFIX.length());
        return Integer.parseInt(v.substring(v.indexOf('.') + 1));
    }

    /** The function with this C name (exact), or empty. */
    public static Optional<VixDiskLibFunction> byCName(String cName) {
        if (cName == null || !cName.startsWith("VixDiskLib_")) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(cName));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The message for a call of this function that the loaded library does not export. */
    public String unsupportedMessage(String libraryPath, String loadedVersion) {
        return cName() + " is not exported by the loaded library " + libraryPath + " (VDDK " + loadedVersion
                + "); it was introduced in " + introducedIn() + " (ELF symbol version " + elfVersion
                + "). Use a VDDK that has it, or check DiskLib.capabilities() before calling.";
    }
}
