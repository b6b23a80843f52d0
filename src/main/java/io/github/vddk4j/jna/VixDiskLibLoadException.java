package io.github.vddk4j.jna;

import java.util.List;

/**
 * {@code libvixDiskLib} could not be loaded. The message lists every path tried (and why each
 * failed) and says what to do; {@link #missingDependency()} names a shared library that the VDDK
 * library needs and the dynamic linker could not find, when that was the cause.
 */
public final class VixDiskLibLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> attempts;
    private final String missingDependency;

    public VixDiskLibLoadException(String message, List<String> attempts, String missingDependency, Throwable cause) {
        super(message, cause);
        this.attempts = List.copyOf(attempts);
        this.missingDependency = missingDependency;
    }

    /** Every candidate tried, in order, each with its outcome. */
    public List<String> attempts() {
        return attempts;
    }

    /** The name of a missing dependency (e.g. {@code libssl.so.3}), or {@code null}. */
    public String missingDependency() {
        return missingDependency;
    }
}
