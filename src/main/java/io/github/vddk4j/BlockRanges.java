package io.github.vddk4j;

import java.util.List;

/** Building sorted lists of {@link BlockRange}s. */
final class BlockRanges {
    private BlockRanges() {
    }

    /**
     * Appends {@code r} to {@code ranges} (sorted, ending before or at {@code r}'s start), merged
     * into the last range when they touch or overlap. Empty ranges are ignored.
     */
    static void append(List<BlockRange> ranges, BlockRange r) {
        if (r.numSectors() == 0) {
            return;
        }
        if (!ranges.isEmpty()) {
            BlockRange last = ranges.get(ranges.size() - 1);
            if (last.endSector() >= r.startSector()) {
                long end = Math.max(last.endSector(), r.endSector());
                ranges.set(ranges.size() - 1, new BlockRange(last.startSector(), end - last.startSector()));
                return;
            }
        }
        ranges.add(r);
    }
}
