package io.github.vddk4j.testsupport;

import io.github.vddk4j.AccessLease;
import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Credentials;
import io.github.vddk4j.DiskLib;
import java.nio.file.Path;

/**
 * Child-process main for crash-cleanup tests: opens a DiskLib on the stub (the emulated servers
 * come from the environment file named by {@code VIXDISKLIBSTUB_ENV}), calls PrepareForAccess for
 * {@value EmulatedWorld#VM_OFF} on {@value EmulatedWorld#VCENTER}, prints {@code READY} and waits
 * to be killed, never ending the access.
 *
 * <p>Arguments: libDir, identity.
 */
public final class PrepareAccessAndHang {
    private PrepareAccessAndHang() {
    }

    public static void main(String[] args) throws Exception {
        DiskLib lib = DiskLib.builder().libDir(Path.of(args[0])).open();
        ConnectParams vm = ConnectParams.remote(EmulatedWorld.VCENTER).thumbprint(EmulatedWorld.VC_THUMBPRINT)
                .credentials(Credentials.userPassword(EmulatedWorld.VC_USER, EmulatedWorld.VC_PASSWORD.toCharArray()))
                .vmMoref(EmulatedWorld.VM_OFF).build();
        AccessLease lease = lib.prepareForAccess(vm, args[1]);
        System.out.println("READY " + lease.identity());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The environment-file lines that define what this child needs, with the given state directory. */
    public static String environmentFile(Path stateDir) {
        return "server " + EmulatedWorld.VCENTER + " kind=vcenter thumbprint=" + EmulatedWorld.VC_THUMBPRINT
                + " state=" + stateDir + "\n"
                + "user " + EmulatedWorld.VCENTER + " " + EmulatedWorld.VC_USER + " " + EmulatedWorld.VC_PASSWORD + "\n"
                + "vm " + EmulatedWorld.VCENTER + " " + EmulatedWorld.VM_OFF + " poweredOn=0\n";
    }
}
