package io.github.vddk4j.tool;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a backup image goes, never deleting or truncating anything this run did not create:
 * <ul>
 *   <li>{@code -}: standard output (streamed; holes written as zeros);</li>
 *   <li>an existing FIFO: streamed into it, left in place;</li>
 *   <li>a new or (with {@code --force}) existing regular file: written to a temporary file beside
 *       it, which replaces the target atomically (rename) only when the image is complete; on
 *       failure or Ctrl-C only that temporary file is removed;</li>
 *   <li>a symbolic link, directory or device: refused, with or without {@code --force}.</li>
 * </ul>
 */
final class OutputTarget implements AutoCloseable {
    private final String display;
    private final Path target;
    private final Path temporary;
    private final FileChannel file;
    private final WritableByteChannel stream;
    private boolean committed;

    private OutputTarget(String display, Path target, Path temporary, FileChannel file, WritableByteChannel stream) {
        this.display = display;
        this.target = target;
        this.temporary = temporary;
        this.file = file;
        this.stream = stream;
    }

    /** Checks {@code arg} and opens it; for a regular file, the temporary file is created and sized here. */
    static OutputTarget open(CliContext cli, String arg, boolean force, long size) throws IOException, CommandFailedException {
        if (arg.equals("-")) {
            // the real standard output unbuffered (a PrintStream would hide a broken pipe)
            OutputStream out = cli.out() == System.out ? new java.io.FileOutputStream(java.io.FileDescriptor.out) : cli.out();
            return new OutputTarget("standard output", null, null, null, Channels.newChannel(out));
        }
        Path target = cli.path(arg);
        checkReplaceable(target, force, "backup");
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && isFifo(target)) {
            return new OutputTarget(target.toString(), null, null, null,
                    FileChannel.open(target, StandardOpenOption.WRITE));
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".vddk4j-partial");
        FileChannel ch;
        try {
            ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
            try (var raf = new java.io.RandomAccessFile(tmp.toFile(), "rw")) {
                raf.setLength(size);    // a sparse file of the disk's size; holes stay holes
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new OutputTarget(target.toString(), target, tmp, ch, null);
    }

    /**
     * Refuses a target that exists unless {@code force} and it is a regular file or a FIFO
     * (streamed into, not replaced); never a symlink, directory or device.
     */
    static void checkReplaceable(Path target, boolean force, String what) throws IOException, CommandFailedException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = target.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new CommandFailedException("no such directory: " + parent);
            }
            return;
        }
        BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            throw new CommandFailedException(target + " is a symbolic link; " + what + " never replaces or writes"
                    + " through links (name the file itself, or '-' for standard output)");
        }
        if (a.isDirectory()) {
            throw new CommandFailedException(target + " is a directory");
        }
        if (isFifo(target)) {
            return;
        }
        if (!a.isRegularFile()) {
            throw new CommandFailedException(target + " is a device or special file; " + what + " never replaces one"
                    + " (use '-' and redirect standard output)");
        }
        if (!force) {
            throw new CommandFailedException(target + " exists; --force replaces it (atomically, when the new one is complete)");
        }
    }

    private static boolean isFifo(Path p) throws IOException {
        try {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & 0170000) == 0010000;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether writes may seek (a file we created), so holes can be skipped. */
    boolean seekable() {
        return file != null;
    }

    FileChannel file() {
        return file;
    }

    WritableByteChannel stream() {
        return stream;
    }

    /** Where the image went, for messages. */
    String display() {
        return display;
    }

    /** The final path of a file target, or null for a stream. */
    Path target() {
        return target;
    }

    /** Makes the image visible under its name: fsync, then rename over the target. */
    void commit() throws IOException {
        if (file != null) {
            file.force(true);
            file.close();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            flushStream();
        }
        committed = true;
    }

    private void flushStream() throws IOException {
        if (stream instanceof FileChannel fc) {
            fc.close();
        }
    }

    /** Removes what this run created, unless committed. */
    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        if (file != null) {
            file.close();
            Files.deleteIfExists(temporary);
        } else if (stream instanceof FileChannel fc) {
            fc.close();
        }
    }
}
