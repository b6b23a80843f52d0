package io.github.vddk4j.tool;

import io.github.vddk4j.BlockRange;
import io.github.vddk4j.DiskHandle;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backup <disk> <image|->}: a raw image of the disk, reading only allocated blocks
 * (holes stay holes in a file), with a SHA-256 checksum file; never deletes or truncates what
 * it did not create ({@link OutputTarget}).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back the disk up into a raw image file, or '-' for standard output; only allocated blocks are read.")
final class BackupCommand extends DiskCommand {
    @Parameters(index = "0", paramLabel = "DISK", description = "the disk")
    String disk;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "the raw image file, or '-' for standard output")
    String image;

    @Option(names = "--force", description = "replace an existing regular file (atomically, once the new image is complete)")
    boolean force;

    @Option(names = "--full", description = "read every sector, not only the allocated blocks")
    boolean full;

    @Option(names = "--chunk-mib", paramLabel = "N", description = "read size in MiB, 1..64 (default 4)")
    int chunkMib = 4;

    @Option(names = "--checksum-file", paramLabel = "FILE",
            description = "where to write the SHA-256 (sha256sum format); default IMAGE.sha256, none for '-'")
    String checksumFile;

    @Option(names = "--json", description = "print one JSON object (on standard error when IMAGE is '-')")
    boolean json;

    @Override
    int run() throws Exception {
        if (chunkMib < 1 || chunkMib > 64) {
            throw new CommandFailedException("--chunk-mib must be 1..64");
        }
        String sumArg = checksumFile != null ? checksumFile : image.equals("-") ? null : image + ".sha256";
        Path sumPath = sumArg == null ? null : cli.path(sumArg);
        if (sumPath != null) {
            OutputTarget.checkReplaceable(sumPath, force, "backup");
        }
        PrintStream reportTo = image.equals("-") ? cli.err() : cli.out();
        try (VddkSession s = session(true); DiskHandle h = s.open(disk, true)) {
            long capacity = h.capacitySectors() * DiskHandle.SECTOR_SIZE;
            List<BlockRange> ranges = ImageCopy.dataRanges(h, !full);
            ImageCopy.Result r;
            String shown;
            try (OutputTarget out = OutputTarget.open(cli, image, force, capacity)) {
                Progress progress = Progress.start(cli, "backup", capacity);
                r = ImageCopy.copy(h, ranges, out, chunkMib << 20, progress);
                progress.done();
                out.commit();
                shown = out.display();
            }
            String hex = Units.hex(r.sha256());
            if (sumPath != null) {
                writeChecksum(sumPath, hex, image.equals("-") ? "-" : cli.path(image).getFileName().toString());
            }
            Map<String, Object> data = Reports.object("disk", disk, "image", image, "capacityBytes", capacity,
                    "readBytes", r.readBytes(), "ranges", r.ranges(), "sparse", !full, "sha256", hex,
                    "checksumFile", sumArg, "transfer", Reports.transfer(r.imageBytes(), r.nanos()));
            if (json) {
                reportTo.println(Json.toJson(data));
            } else {
                reportTo.println("backed up " + disk + " -> " + shown + ": " + Units.bytes(capacity) + ", read "
                        + Units.bytes(r.readBytes()) + " in " + r.ranges() + " allocated ranges, "
                        + Units.seconds(r.nanos()) + ", " + Units.rate(r.imageBytes(), r.nanos()));
                reportTo.println("sha256 " + hex + (sumArg != null ? " (" + sumArg + ")" : ""));
            }
        }
        return ExitCode.OK;
    }

    /** {@code <hex>  <name>} as sha256sum writes it, atomically beside its final name. */
    static void writeChecksum(Path file, String hex, String imageName) throws java.io.IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".vddk4j-partial");
        try {
            Files.writeString(tmp, hex + "  " + imageName + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
