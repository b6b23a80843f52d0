package io.github.vddk4j.reliability;

import io.github.vddk4j.DiskLib;
import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.testsupport.Stub;

/** Child JVM of {@link TempConfigLeftoversTest}: opens a DiskLib with a built config, says so, and waits to be killed. */
public final class KilledWithConfigMain {
    private KilledWithConfigMain() {
    }

    public static void main(String[] args) throws Exception {
        DiskLib lib = DiskLib.builder().libDir(Stub.libDir())
                .config(VddkConfig.builder().transportLogLevel(3).build()).open();
        System.out.println("open " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(120_000);
        lib.close();
    }
}
