package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code verify <disk> <image>}: compares a raw image with the disk byte for byte and, when
 * {@code IMAGE.sha256} exists, the image's SHA-256 with the recorded one. Exit 1 on any difference.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a raw image against the disk, byte for byte, and against IMAGE.sha256 when it exists.")
final class VerifyCommand extends DiskCommand {
    @Parameters(index = "0", paramLabel = "DISK", description = "the disk")
    String disk;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "the raw image file")
    String image;

    @Mixin
    JsonOption json = new JsonOption();

    /** What a comparison found. */
    record Outcome(boolean sameSize, long firstDifference, String sha256, String recordedSha256, long nanos) {
        boolean matches() {
            return sameSize && firstDifference < 0 && (recordedSha256 == null || recordedSha256.equals(sha256));
        }
    }

    @Override
    int run() throws Exception {
        Path file = cli.path(image);
        if (!Files.isRegularFile(file)) {
            throw new CommandFailedException("no such image file: " + file);
        }
        Outcome o;
        try (VddkSession s = session(true); DiskHandle h = s.open(disk, true)) {
            o = compare(h, file, cli);
        }
        report(json, Reports.object("disk", disk, "image", image, "matches", o.matches(), "sameSize", o.sameSize(),
                        "firstDifferenceByte", o.firstDifference() < 0 ? null : o.firstDifference(), "sha256", o.sha256(),
                        "recordedSha256", o.recordedSha256(), "seconds", o.nanos() / 1e9),
                out -> {
                    if (!o.sameSize()) {
                        out.println("DIFFERS: " + image + " is not the disk's size");
                    } else if (o.firstDifference() >= 0) {
                        out.println("DIFFERS: first difference at byte " + o.firstDifference()
                                + " (sector " + o.firstDifference() / DiskHandle.SECTOR_SIZE + ")");
                    } else if (o.recordedSha256() != null && !o.recordedSha256().equals(o.sha256())) {
                        out.println("DIFFERS: the image's sha256 " + o.sha256() + " is not the recorded " + o.recordedSha256());
                    } else {
                        out.println("verified: " + image + " matches " + disk + " byte for byte"
                                + (o.recordedSha256() != null ? " and its .sha256" : "") + "; sha256 " + o.sha256());
                    }
                });
        return o.matches() ? ExitCode.OK : ExitCode.FAILURE;
    }

    static Outcome compare(DiskHandle h, Path file, CliContext cli) throws Exception {
        long capacity = h.capacitySectors() * DiskHandle.SECTOR_SIZE;
        String recorded = recordedSha256(file);
        long start = System.nanoTime();
        if (Files.size(file) != capacity) {
            return new Outcome(false, -1, null, recorded, System.nanoTime() - start);
        }
        int chunk = 4 << 20;
        ByteBuffer d = h.allocateBuffer(chunk);
        ByteBuffer f = ByteBuffer.allocateDirect(chunk);
        MessageDigest sha = DiskTransfers.sha256();
        long firstDifference = -1;
        Progress progress = Progress.start(cli, "verify", capacity);
        try (FileChannel in = FileChannel.open(file)) {
            for (long done = 0; done < capacity; ) {
                Cancellation.check();
                int n = (int) Math.min(chunk, capacity - done);
                d.clear().limit(n);
                f.clear().limit(n);
                h.read(done / DiskHandle.SECTOR_SIZE, d);
                while (f.hasRemaining() && in.read(f, done + f.position()) >= 0) {
                    // positional reads until the chunk is full
                }
                d.flip();
                f.flip();
                sha.update(f.duplicate());
                if (firstDifference < 0) {
                    int at = d.mismatch(f);
                    if (at >= 0) {
                        firstDifference = done + at;
                    }
                }
                done += n;
                progress.update(done);
            }
        }
        progress.done();
        return new Outcome(true, firstDifference, Units.hex(sha.digest()), recorded, System.nanoTime() - start);
    }

    /** The hex digest in {@code IMAGE.sha256} (sha256sum format), or null without that file. */
    private static String recordedSha256(Path image) throws java.io.IOException {
        Path sum = image.resolveSibling(image.getFileName() + ".sha256");
        if (!Files.isRegularFile(sum)) {
            return null;
        }
        String line = Files.readString(sum, StandardCharsets.US_ASCII).trim();
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
    }
}
