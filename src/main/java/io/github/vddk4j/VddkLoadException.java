package io.github.vddk4j;

import java.util.List;
import java.util.Optional;

/**
 * {@code libvixDiskLib} could not be loaded by {@link DiskLib.Builder#open()}: not found, a
 * dependency missing, not a usable library, or a VDDK older than 6.7. The message lists every path
 * tried (with why each failed) and says what to do.
 */
public final class VddkLoadException extends VddkException {
    private static final long serialVersionUID = 1L;

    private final List<String> attempts;
    private final String missingDependency;

    /**
     * @param message           what failed and what to do
     * @param attempts          every candidate tried, in order, each with its outcome
     * @param missingDependency a shared library VDDK needs that could not be found, or null
     * @param cause             the underlying error, or null
     */
    public VddkLoadException(String message, List<String> attempts, String missingDependency, Throwable cause) {
        super(message, cause);
        this.attempts = List.copyOf(attempts);
        this.missingDependency = missingDependency;
    }

    /** Every candidate tried, in order, each with its outcome. */
    public List<String> attempts() {
        return attempts;
    }

    /** The shared library VDDK needs that could not be found (e.g. {@code libssl.so.3}), if that was the cause. */
    public Optional<String> missingDependency() {
        return Optional.ofNullable(missingDependency);
    }
}
