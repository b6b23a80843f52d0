package io.github.vddk4j;

import java.util.Set;

/** Flags of {@code VixDiskLib_Open} ({@code VIXDISKLIB_FLAG_OPEN_*}). */
public enum OpenOption {
    /** {@code VIXDISKLIB_FLAG_OPEN_UNBUFFERED} (1): no host caching. */
    UNBUFFERED(1),
    /** {@code VIXDISKLIB_FLAG_OPEN_SINGLE_LINK} (2): open only this link, not its parents. */
    SINGLE_LINK(2),
    /** {@code VIXDISKLIB_FLAG_OPEN_READ_ONLY} (4): open read-only; writes are refused. */
    READ_ONLY(4);

    private final int flag;

    OpenOption(int flag) {
        this.flag = flag;
    }

    /** The C flag value. */
    public int flag() {
        return flag;
    }

    /** ORs the C flags of {@code options}. */
    static int toFlags(Set<OpenOption> options) {
        int flags = 0;
        for (OpenOption o : options) {
            flags |= o.flag;
        }
        return flags;
    }
}
