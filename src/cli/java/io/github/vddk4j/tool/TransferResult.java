package io.github.vddk4j.tool;

/** What a sequential transfer moved: bytes, elapsed nanoseconds and the SHA-256 of the data. */
record TransferResult(long bytes, long nanos, byte[] sha256) {

    String rate() {
        return Units.rate(bytes, nanos);
    }

    String sha256Hex() {
        return Units.hex(sha256);
    }

    /** {@code "64.0 MiB (67108864 bytes) in 0.123 s, 520.3 MiB/s"}. */
    String summary() {
        return Units.bytes(bytes) + " in " + Units.seconds(nanos) + ", " + rate();
    }
}
