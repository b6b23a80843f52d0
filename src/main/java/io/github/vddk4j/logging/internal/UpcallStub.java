package io.github.vddk4j.logging.internal;

/**
 * One FFM upcall stub made by {@link FfmLogUpcalls}: its native address, and what keeps its code
 * alive (the stub is freed once {@code owner} is unreachable, so whoever holds this record must
 * outlive VDDK's use of the address).
 */
record UpcallStub(long address, Object owner) {
}
