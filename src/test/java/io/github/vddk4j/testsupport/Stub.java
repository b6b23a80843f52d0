package io.github.vddk4j.testsupport;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.ptr.LongByReference;
import io.github.vddk4j.testkit.VixDiskLibStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test support for integration tests: where the stub VDDK is ({@code vddk4j.test.libDir}) and a
 * thin, checked wrapper over its control API ({@link VixDiskLibStub}, not part of real VDDK) to
 * define emulated servers, create disks and read counters.
 */
public final class Stub {
    private static VixDiskLibStub control;
    private static io.github.vddk4j.jna.VixDiskLib raw;

    private Stub() {
    }

    /** The stub distribution directory (the libDir for DiskLib). */
    public static Path libDir() {
        String dir = System.getProperty("vddk4j.test.libDir");
        if (dir == null) {
            throw new IllegalStateException("system property vddk4j.test.libDir is not set (run the tests through Maven)");
        }
        return Path.of(dir).toAbsolutePath();
    }

    /** The control API, bound to the same library file DiskLib loads (so it shares the stub's state). */
    public static synchronized VixDiskLibStub control() {
        if (control == null) {
            Path so;
            try {
                so = libDir().resolve("lib64/libvixDiskLib.so").toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("no stub library under " + libDir(), e);
            }
            control = Native.load(so.toString(), VixDiskLibStub.class,
                    Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
        }
        return control;
    }

    /**
     * The raw VixDiskLib functions of the same library, for tests that must repair what a
     * deliberately failed call left behind (e.g. Close a handle after an injected Close fault).
     */
    public static synchronized io.github.vddk4j.jna.VixDiskLib raw() {
        if (raw == null) {
            control();
            try {
                raw = Native.load(libDir().resolve("lib64/libvixDiskLib.so").toRealPath().toString(),
                        io.github.vddk4j.jna.VixDiskLib.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return raw;
    }

    /** Throws if a control call failed. */
    public static void ok(long vixError, String what) {
        if (vixError != 0) {
            throw new AssertionError("stub control call failed: " + what + " -> VixError " + vixError);
        }
    }

    /** {@code VixDiskLibStub_Reset}. */
    public static void reset() {
        ok(control().VixDiskLibStub_Reset(), "Reset");
        control().VixDiskLibStub_ClearFaults();
    }

    /** Defines an ESXi host or vCenter with a fresh state directory. */
    public static void defineServer(String name, boolean vcenter, String thumbprint, String transports, Path stateDir) {
        ok(control().VixDiskLibStub_DefineServer(name, vcenter ? VixDiskLibStub.VIXDISKLIBSTUB_SERVER_VCENTER
                : VixDiskLibStub.VIXDISKLIBSTUB_SERVER_ESXI, thumbprint, transports, stateDir.toString()),
                "DefineServer " + name);
    }

    public static void addUser(String server, String user, String password) {
        ok(control().VixDiskLibStub_AddUser(server, user, password), "AddUser");
    }

    public static void addSession(String server, String cookie, String user) {
        ok(control().VixDiskLibStub_AddSession(server, cookie, user), "AddSession");
    }

    public static void addDatastore(String server, String name, Path dir, boolean onSan) {
        ok(control().VixDiskLibStub_AddDatastore(server, name, dir.toString(), (byte) (onSan ? 1 : 0)), "AddDatastore");
    }

    public static void addVm(String server, String moref, boolean poweredOn) {
        ok(control().VixDiskLibStub_AddVm(server, moref, (byte) (poweredOn ? 1 : 0)), "AddVm");
    }

    public static void setLatency(String server, int ms) {
        ok(control().VixDiskLibStub_SetLatency(server, ms), "SetLatency");
    }

    /** Creates a monolithicFlat disk fixture of {@code sectors} sectors (IDE). */
    public static Path createDisk(Path path, long sectors) {
        ok(control().VixDiskLibStub_CreateFlatDisk(path.toString(), sectors, 1), "CreateFlatDisk " + path);
        return path;
    }

    /** Creates a monolithicSparse disk fixture of {@code sectors} sectors (IDE), no grain allocated. */
    public static Path createSparseDisk(Path path, long sectors) {
        ok(control().VixDiskLibStub_CreateSparseDisk(path.toString(), sectors, 1), "CreateSparseDisk " + path);
        return path;
    }

    /**
     * Creates a monolithicSparse delta disk of {@code parent} whose unwritten sectors read from the
     * parent; the child names the parent by its file name (both in one directory).
     */
    public static Path createChildDisk(Path child, Path parent) {
        ok(control().VixDiskLibStub_CreateChildDisk(child.toString(), parent.getFileName().toString()),
                "CreateChildDisk " + child);
        return child;
    }

    /** {@code VixDiskLibStub_GetCounter}. */
    public static long counter(String name) {
        return control().VixDiskLibStub_GetCounter(name);
    }

    /** {@code VixDiskLibStub_CountAccessRecords}. */
    public static int accessRecords(String server) {
        return control().VixDiskLibStub_CountAccessRecords(server);
    }

    /** {@code VixDiskLibStub_InjectFault}. */
    public static void injectFault(String function, int callNumber, long error) {
        ok(control().VixDiskLibStub_InjectFault(function, callNumber, error), "InjectFault " + function);
    }

    /** The effective value of a config key after InitEx ({@code VixDiskLibStub_GetConfigValue}). */
    public static String configValue(String key) {
        LongByReference required = new LongByReference();
        long err = control().VixDiskLibStub_GetConfigValue(key, null, 0, required);
        if (err != 24) {
            throw new AssertionError("GetConfigValue(" + key + ") size query returned " + err);
        }
        try (Memory buf = new Memory(required.getValue())) {
            ok(control().VixDiskLibStub_GetConfigValue(key, buf, required.getValue(), required), "GetConfigValue " + key);
            return buf.getString(0, "UTF-8");
        }
    }

    /** Makes a directory (and parents) and returns it. */
    public static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
