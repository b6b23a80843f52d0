package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restore <image|-> <disk>}: writes a raw image into an existing disk from sector 0. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Write a raw image (a file, or '-' for standard input) into an existing disk of the same size.")
final class RestoreCommand extends DiskCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "the raw image, or '-' for standard input")
    String image;

    @Parameters(index = "1", paramLabel = "DISK", description = "the disk (overwritten)")
    String disk;

    @Option(names = "--chunk-mib", paramLabel = "N", description = "write size in MiB, 1..64 (default 4)")
    int chunkMib = 4;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        if (chunkMib < 1 || chunkMib > 64) {
            throw new CommandFailedException("--chunk-mib must be 1..64");
        }
        Path file = image.equals("-") ? null : cli.path(image);
        if (file != null && !Files.isRegularFile(file)) {
            throw new CommandFailedException("no such image file: " + file);
        }
        try (VddkSession s = session(false); DiskHandle h = s.open(disk, false);
             ReadableByteChannel in = file != null ? FileChannel.open(file) : Channels.newChannel(stdin())) {
            long capacity = h.capacitySectors() * DiskHandle.SECTOR_SIZE;
            if (file != null && Files.size(file) != capacity) {
                throw new CommandFailedException(image + " has " + Files.size(file) + " bytes but " + disk + " has "
                        + capacity + "; an image restores into a disk of the same size");
            }
            TransferResult t = DiskTransfers.write(h, h.allocateBuffer(chunkMib << 20), 0, capacity,
                    Progress.start(cli, "restore", capacity), (buf, offset) -> {
                        while (buf.hasRemaining()) {
                            if (in.read(buf) < 0) {
                                throw new CommandFailedException("the image ended after " + (offset + buf.position())
                                        + " of " + capacity + " bytes");
                            }
                        }
                        buf.flip();
                    });
            long nanos = t.nanos();
            String hex = t.sha256Hex();
            report(json, Reports.object("image", image, "disk", disk, "sha256", hex,
                            "transfer", Reports.transfer(capacity, nanos)),
                    out -> out.println("restored " + image + " -> " + disk + ": " + Units.bytes(capacity) + " in "
                            + Units.seconds(nanos) + ", " + Units.rate(capacity, nanos) + "\nsha256 " + hex));
        }
        return ExitCode.OK;
    }

    private InputStream stdin() {
        return cli.in();
    }
}
