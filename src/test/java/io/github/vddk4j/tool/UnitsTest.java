package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void bytesShowHumanAndExactSizes() {
        assertEquals("512 bytes", Units.bytes(512));
        assertEquals("1.5 KiB (1536 bytes)", Units.bytes(1536));
        assertEquals("64.0 MiB (67108864 bytes)", Units.bytes(64L << 20));
        assertEquals("2.0 GiB (2147483648 bytes)", Units.bytes(2L << 30));
    }

    @Test
    void rateIsMebibytesPerSecond() {
        assertEquals("64.0 MiB/s", Units.rate(64L << 20, 1_000_000_000L));
        assertEquals("128.0 MiB/s", Units.rate(64L << 20, 500_000_000L));
        assertEquals("n/a", Units.rate(1, 0));
    }
}
