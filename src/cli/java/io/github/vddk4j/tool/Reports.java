package io.github.vddk4j.tool;

import io.github.vddk4j.BlockRange;
import io.github.vddk4j.DiskHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Building blocks of the JSON reports (docs/cli.md lists every shape). */
final class Reports {
    private Reports() {}

    /** An ordered object from key, value, key, value, ... */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** {@code [{"startSector":..,"numSectors":..}, ...]}. */
    static List<Map<String, Object>> ranges(List<BlockRange> ranges) {
        List<Map<String, Object>> list = new ArrayList<>(ranges.size());
        for (BlockRange r : ranges) {
            list.add(object("startSector", r.startSector(), "numSectors", r.numSectors()));
        }
        return list;
    }

    static long bytes(List<BlockRange> ranges) {
        long sectors = 0;
        for (BlockRange r : ranges) {
            sectors += r.numSectors();
        }
        return sectors * DiskHandle.SECTOR_SIZE;
    }

    /** {@code {"bytes":..,"seconds":..,"mibPerSecond":..}}. */
    static Map<String, Object> transfer(long bytes, long nanos) {
        return object("bytes", bytes, "seconds", nanos / 1e9, "mibPerSecond", Units.mibPerSecond(bytes, nanos));
    }
}
