package io.github.vddk4j.tool;

import picocli.CommandLine.Command;

/** {@code readbench <disk>}: sequential read throughput. */
@Command(name = "readbench", mixinStandardHelpOptions = true,
        description = "Sequential read throughput, synchronous or --async with --depth requests in flight.")
final class ReadBenchCommand extends Bench {
    @Override
    boolean writes() {
        return false;
    }
}
