package io.github.vddk4j.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import java.util.ArrayList;
import java.util.List;

/**
 * C {@code VixDiskLibBlockList}: {@code uint32 numBlocks @0; VixDiskLibBlock blocks[1] @8} followed by
 * {@code numBlocks - 1} more blocks (variable length). Returned by QueryAllocatedBlocks (free with
 * FreeBlockList) and inside {@link VixDiskLibDiskChangeInfo}. This Structure has the declared
 * {@code sizeof} (24); read the whole list with {@link #readBlocks(Pointer)}.
 */
@Structure.FieldOrder({"numBlocks", "blocks"})
public class VixDiskLibBlockList extends Structure {
    public static final long OFFSET_numBlocks = 0;
    public static final long OFFSET_blocks = 8;
    /** {@code sizeof(VixDiskLibBlock)}. */
    public static final long BLOCK_SIZE = 16;

    public int numBlocks;
    public VixDiskLibBlock[] blocks = new VixDiskLibBlock[1];

    public VixDiskLibBlockList() {
        super();
    }

    public VixDiskLibBlockList(Pointer p) {
        super(p);
    }

    /**
     * Copies every block of a library-owned list.
     *
     * @throws IllegalArgumentException if {@code p} is NULL
     * @throws IllegalStateException if {@code numBlocks} is beyond {@code VIXDISKLIB_MAX_CHUNK_NUMBER}
     *         (a corrupt list; nothing past it is read)
     */
    public static List<VixDiskLibBlock> readBlocks(Pointer p) {
        if (p == null) {
            throw new IllegalArgumentException("VixDiskLibBlockList pointer is NULL");
        }
        long n = Integer.toUnsignedLong(p.getInt(OFFSET_numBlocks));
        if (n > VixDiskLibConstants.VIXDISKLIB_MAX_CHUNK_NUMBER) {
            throw new IllegalStateException("VixDiskLibBlockList.numBlocks = " + n + " exceeds VIXDISKLIB_MAX_CHUNK_NUMBER");
        }
        List<VixDiskLibBlock> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            VixDiskLibBlock b = new VixDiskLibBlock(p.share(OFFSET_blocks + i * BLOCK_SIZE));
            b.read();
            out.add(b);
        }
        return out;
    }
}
