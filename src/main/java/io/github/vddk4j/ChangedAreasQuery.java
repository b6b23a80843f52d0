package io.github.vddk4j;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.jna.VixDiskLibBlock;
import io.github.vddk4j.jna.VixDiskLibBlockList;
import io.github.vddk4j.jna.VixDiskLibDiskChangeInfo;
import io.github.vddk4j.jna.VixDiskLibHandle;
import io.github.vddk4j.jna.VixDiskLibQueryChangedAreaParams;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code VixDiskLib_QueryChangedAreas} over a range of a disk: VDDK answers one piece at a time
 * ({@code VixDiskLibDiskChangeInfo}: the piece's start and length, and the changed areas in it),
 * so this asks again from the end of each piece until the range is covered. Every answer is
 * copied, then freed with {@code VixDiskLib_FreeChangedAreas}, also when copying fails. The
 * piece's start and length are in bytes (as vSphere's DiskChangeInfo) and the start must be
 * sector-aligned; the areas are {@code VixDiskLibBlock}s, in sectors like every block list. The
 * result is clipped to the asked range, adjacent areas merged (see docs/api-mapping.md).
 */
final class ChangedAreasQuery {
    private ChangedAreasQuery() {
    }

    /**
     * The changed areas of sectors {@code [startSector, endSector)}.
     *
     * @throws VddkCallException if QueryChangedAreas fails (e.g. an unknown or expired change ID)
     * @throws IllegalStateException if VDDK's answer makes no progress
     */
    static List<BlockRange> query(NativeCalls calls, VixDiskLibHandle handle, String path, long startSector,
                                  long endSector) {
        List<BlockRange> ranges = new ArrayList<>();
        long end = endSector * DiskHandle.SECTOR_SIZE;
        long offset = startSector * DiskHandle.SECTOR_SIZE;
        while (offset < end) {
            VixDiskLibQueryChangedAreaParams params = new VixDiskLibQueryChangedAreaParams();
            params.startOffset = offset;
            params.write();
            PointerByReference out = new PointerByReference();
            long from = offset;
            calls.check("VixDiskLib_QueryChangedAreas", path + ", from byte " + from,
                    () -> calls.lib.VixDiskLib_QueryChangedAreas(handle, params, out));
            Pointer p = out.getValue();
            if (p == null) {
                throw new IllegalStateException("VixDiskLib_QueryChangedAreas returned VIX_OK without change info");
            }
            long next;
            try {
                VixDiskLibDiskChangeInfo info = new VixDiskLibDiskChangeInfo(p);
                info.read();
                if (info.areas != null) {
                    for (VixDiskLibBlock b : VixDiskLibBlockList.readBlocks(info.areas)) {
                        addClipped(ranges, b.offset, b.length, startSector, endSector);
                    }
                }
                next = info.startOffset + info.length;
            } finally {
                InsideVddk.run("VixDiskLib_FreeChangedAreas", () -> calls.lib.VixDiskLib_FreeChangedAreas(p));
            }
            if (next <= offset) {
                break; // VDDK covered nothing more: the disk ends here
            }
            offset = next;
        }
        return List.copyOf(ranges);
    }

    /** Adds the sector range [start, start + length), clipped to [startSector, endSector). */
    private static void addClipped(List<BlockRange> ranges, long start, long length, long startSector, long endSector) {
        if (length <= 0 || start < 0 || start > Long.MAX_VALUE - length) {
            return;
        }
        long first = Math.max(startSector, start);
        long last = Math.min(endSector, start + length);
        if (last <= first) {
            return;
        }
        BlockRanges.append(ranges, new BlockRange(first, last - first));
    }
}
