package io.github.vddk4j;

/**
 * The loaded VDDK lacks the VixDiskLib function an operation needs (it is optional for vddk4j:
 * see {@link DiskLib#capabilities()}). Raised in Java, before any native call.
 */
public final class VddkUnsupportedException extends VddkException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final String introducedIn;
    private final String loadedVersion;

    /**
     * @param function      the C function, e.g. {@code "VixDiskLib_QueryAllocatedBlocks"}
     * @param introducedIn  the VDDK release that has it, e.g. {@code "VDDK 6.7"}
     * @param loadedVersion the loaded VDDK's version, e.g. {@code "6.5"}
     */
    public VddkUnsupportedException(String function, String introducedIn, String loadedVersion) {
        super(function + " is not available in the loaded VDDK " + loadedVersion + "; it was introduced in "
                + introducedIn + ". Use a VDDK that has it, or check DiskLib.capabilities() first.", null);
        this.function = function;
        this.introducedIn = introducedIn;
        this.loadedVersion = loadedVersion;
    }

    /** The C function the operation needs. */
    public String function() {
        return function;
    }

    /** The VDDK release that introduced the function, e.g. {@code "VDDK 6.7"}. */
    public String introducedIn() {
        return introducedIn;
    }

    /** The version of the loaded VDDK, e.g. {@code "8.0"}. */
    public String loadedVersion() {
        return loadedVersion;
    }
}
