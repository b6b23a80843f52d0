package io.github.vddk4j;

import java.nio.ByteBuffer;

/** Page-aligned direct buffers for the data path (SAN transport on Linux uses O_DIRECT). */
final class AlignedBuffers {
    /** The alignment of buffers allocated here. */
    static final int PAGE_SIZE = 4096;

    private AlignedBuffers() {
    }

    /**
     * A direct buffer of exactly {@code bytes} capacity whose first byte is page-aligned.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive or too large
     */
    static ByteBuffer allocate(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("buffer size must be positive, was " + bytes);
        }
        if (bytes > Integer.MAX_VALUE - PAGE_SIZE) {
            throw new IllegalArgumentException("buffer size " + bytes + " is too large (max "
                    + (Integer.MAX_VALUE - PAGE_SIZE) + ")");
        }
        ByteBuffer raw = ByteBuffer.allocateDirect(bytes + PAGE_SIZE);
        int misalignment = raw.alignmentOffset(0, PAGE_SIZE);
        int start = misalignment == 0 ? 0 : PAGE_SIZE - misalignment;
        return raw.position(start).limit(start + bytes).slice();
    }
}
