package io.github.vddk4j.testsupport;

import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Credentials;
import java.nio.file.Path;

/**
 * A small emulated vSphere for integration tests, defined through the stub's control API:
 * <ul>
 *   <li>{@value #ESXI}: an ESXi host offering every transport, user {@value #ESXI_USER}, VMs
 *       {@value #VM_OFF} (powered off) and {@value #VM_ON} (powered on);</li>
 *   <li>{@value #VCENTER}: a vCenter offering every transport, user {@value #VC_USER}, a session
 *       cookie, the same VMs;</li>
 *   <li>{@value #SANLESS}: an ESXi host without SAN (hotadd, nbdssl, nbd);</li>
 *   <li>on every server, datastore {@value #SAN_DS} (SAN storage) and {@value #LOCAL_DS} (local
 *       storage), each holding {@value #DISK_SECTORS}-sector disk {@code vm42/vm42.vmdk}.</li>
 * </ul>
 */
public final class EmulatedWorld {
    public static final String ESXI = "esx1.example.com";
    public static final String VCENTER = "vc1.example.com";
    public static final String SANLESS = "esx2.example.com";
    public static final String ESXI_THUMBPRINT = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD";
    public static final String VC_THUMBPRINT = "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44";
    public static final String ESXI_USER = "root";
    public static final String ESXI_PASSWORD = "esx-Secret-1";
    public static final String VC_USER = "administrator@vsphere.local";
    public static final String VC_PASSWORD = "vc-Secret-2";
    public static final String VC_COOKIE = "vmware_soap_session=\"52d1c0ffee\"";
    public static final String VM_OFF = "vm-42";
    public static final String VM_ON = "vm-43";
    public static final String SAN_DS = "sanstore";
    public static final String LOCAL_DS = "localstore";
    public static final String DISK = "vm42/vm42.vmdk";
    public static final long DISK_SECTORS = 4096;

    private final Path base;

    private EmulatedWorld(Path base) {
        this.base = base;
    }

    /** Resets the stub and defines the world under {@code base} (a test's temporary directory). */
    public static EmulatedWorld define(Path base) {
        Stub.reset();
        EmulatedWorld w = new EmulatedWorld(base);
        w.server(ESXI, false, ESXI_THUMBPRINT, null);
        w.server(VCENTER, true, VC_THUMBPRINT, null);
        w.server(SANLESS, false, null, "hotadd:nbdssl:nbd");
        Stub.addUser(ESXI, ESXI_USER, ESXI_PASSWORD);
        Stub.addUser(SANLESS, ESXI_USER, ESXI_PASSWORD);
        Stub.addUser(VCENTER, VC_USER, VC_PASSWORD);
        Stub.addSession(VCENTER, VC_COOKIE, VC_USER);
        return w;
    }

    private void server(String name, boolean vcenter, String thumbprint, String transports) {
        Stub.defineServer(name, vcenter, thumbprint, transports, Stub.mkdirs(base.resolve(name).resolve("state")));
        Path san = Stub.mkdirs(base.resolve(name).resolve(SAN_DS));
        Path local = Stub.mkdirs(base.resolve(name).resolve(LOCAL_DS));
        Stub.addDatastore(name, SAN_DS, san, true);
        Stub.addDatastore(name, LOCAL_DS, local, false);
        Stub.addVm(name, VM_OFF, false);
        Stub.addVm(name, VM_ON, true);
        Stub.createDisk(Stub.mkdirs(san.resolve("vm42")).resolve("vm42.vmdk"), DISK_SECTORS);
        Stub.createDisk(Stub.mkdirs(local.resolve("vm42")).resolve("vm42.vmdk"), DISK_SECTORS);
    }

    /** The datastore path of the test disk, e.g. {@code "[sanstore] vm42/vm42.vmdk"}. */
    public static String diskPath(String datastore) {
        return "[" + datastore + "] " + DISK;
    }

    /** The state directory of a server (PrepareForAccess records). */
    public Path stateDir(String server) {
        return base.resolve(server).resolve("state");
    }

    /** Parameters for {@value #ESXI} as root, VM {@value #VM_OFF}. */
    public static ConnectParams esxi() {
        return ConnectParams.remote(ESXI).thumbprint(ESXI_THUMBPRINT)
                .credentials(Credentials.userPassword(ESXI_USER, ESXI_PASSWORD.toCharArray()))
                .vmMoref(VM_OFF).build();
    }

    /** Parameters for {@value #VCENTER} with user and password, VM {@value #VM_OFF}. */
    public static ConnectParams vcenter() {
        return ConnectParams.remote(VCENTER).thumbprint(VC_THUMBPRINT)
                .credentials(Credentials.userPassword(VC_USER, VC_PASSWORD.toCharArray()))
                .vmMoref(VM_OFF).build();
    }

    /** Parameters for {@value #SANLESS} as root, VM {@value #VM_OFF}. */
    public static ConnectParams sanless() {
        return ConnectParams.remote(SANLESS)
                .credentials(Credentials.userPassword(ESXI_USER, ESXI_PASSWORD.toCharArray()))
                .vmMoref(VM_OFF).build();
    }
}
