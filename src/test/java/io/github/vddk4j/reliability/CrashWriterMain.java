package io.github.vddk4j.reliability;

import io.github.vddk4j.Connection;
import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.testsupport.Stub;
import java.nio.ByteBuffer;

/**
 * Child JVM of {@link CrashConsistencyTest}: rewrites every block of the disk {@code args[0]} with
 * version 1, 2, 3, ... forever, flushing after each full pass and printing {@code FLUSHED v}; it
 * is killed in the middle of some pass.
 */
public final class CrashWriterMain {
    static final int BLOCK_SECTORS = 8;
    static final int BLOCKS = 64;

    private CrashWriterMain() {
    }

    /** Block contents for a version: the version in every long, then the block number. */
    static ByteBuffer pattern(ByteBuffer buf, int block, long version) {
        buf.clear();
        while (buf.remaining() >= 16) {
            buf.putLong(version).putLong(block);
        }
        return buf.flip();
    }

    public static void main(String[] args) throws Exception {
        DiskLib lib = DiskLib.builder().libDir(Stub.libDir())
                .config(VddkConfig.builder().transportLogLevel(1).build()).open();
        Connection c = lib.connect(ConnectParams.local());
        DiskHandle d = c.open(args[0]);
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK_SECTORS * 512);
        for (long v = 1; ; v++) {
            for (int b = 0; b < BLOCKS; b++) {
                d.write((long) b * BLOCK_SECTORS, pattern(buf, b, v));
            }
            d.flush();
            System.out.println("FLUSHED " + v);
            System.out.flush();
        }
    }
}
