package io.github.vddk4j.tool;

import picocli.CommandLine.Command;

/** {@code writebench <disk>}: sequential write throughput (overwrites the disk's data). */
@Command(name = "writebench", mixinStandardHelpOptions = true,
        description = "Sequential write throughput (OVERWRITES the range), synchronous or --async with --depth.")
final class WriteBenchCommand extends Bench {
    @Override
    boolean writes() {
        return true;
    }
}
