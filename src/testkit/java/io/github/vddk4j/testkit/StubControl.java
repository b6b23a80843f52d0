package io.github.vddk4j.testkit;

import com.sun.jna.Memory;
import com.sun.jna.ptr.LongByReference;
import io.github.vddk4j.AdapterType;
import io.github.vddk4j.VixErrorCode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stub's control API ({@code VixDiskLibStub_*}, not part of real VDDK), checked: every call
 * that the stub refuses throws {@link IllegalStateException} with the function and VixError.
 * Bound to the same library file vddk4j loads from a libDir, so both share the stub's state:
 * emulated ESXi/vCenter servers (users, sessions, datastores, VMs, latency), fault injection,
 * counters of outstanding native objects, and disk creation.
 */
public final class StubControl {
    /**
     * The counters of native objects a correct program returns to zero (or to where they were):
     * open handles and connections, and the library-allocated results it must free.
     */
    public static final List<String> NATIVE_OBJECT_COUNTERS =
            List.of("handles", "connections", "connectParams", "infos", "errorTexts", "blockLists");

    private final VixDiskLibStub raw;
    private final Path libraryFile;

    private StubControl(VixDiskLibStub raw, Path libraryFile) {
        this.raw = raw;
        this.libraryFile = libraryFile;
    }

    /**
     * Binds the control API of the stub in the distribution directory {@code libDir}.
     *
     * @param libDir the stub's distribution directory (the folder holding {@code lib64/})
     * @return the control API
     * @throws java.io.UncheckedIOException if there is no library under {@code libDir}
     * @throws IllegalStateException        if the library there is not the stub (e.g. real VDDK)
     */
    public static StubControl of(Path libDir) {
        Path file = StubDistribution.libraryFile(libDir);
        StubControl control = new StubControl(VixDiskLibStub.load(file.toString()), file);
        try {
            control.raw.VixDiskLibStub_GetCounter("handles");
        } catch (UnsupportedOperationException | UnsatisfiedLinkError e) {
            throw new IllegalStateException(file + " is not the vddk4j stub VDDK (it has no VixDiskLibStub_* control API)", e);
        }
        return control;
    }

    /**
     * The raw JNA binding, for what this class does not wrap.
     *
     * @return the raw control API
     */
    public VixDiskLibStub raw() {
        return raw;
    }

    /**
     * The library file this control API is bound to.
     *
     * @return the real path of {@code libvixDiskLib.so.N}
     */
    public Path libraryFile() {
        return libraryFile;
    }

    /**
     * Forgets every emulated server, fault and latency and zeroes the counters
     * ({@code VixDiskLibStub_Reset}, then {@code VixDiskLibStub_ClearFaults}).
     *
     * @throws IllegalStateException while connections or handles are open
     */
    public void reset() {
        ok(raw.VixDiskLibStub_Reset(), "VixDiskLibStub_Reset");
        raw.VixDiskLibStub_ClearFaults();
    }

    /**
     * Defines an emulated ESXi host ({@code VixDiskLibStub_DefineServer}).
     *
     * @param name       host name that {@code ConnectParams} will name
     * @param thumbprint certificate thumbprint callers must present ({@code AA:BB:...}), or null for any
     * @param transports colon-separated transports offered (e.g. {@code "nbdssl:nbd"}), or null for all
     * @param stateDir   existing directory for the server's persisted access records
     */
    public void defineEsxi(String name, String thumbprint, String transports, Path stateDir) {
        defineServer(name, VixDiskLibStub.VIXDISKLIBSTUB_SERVER_ESXI, thumbprint, transports, stateDir);
    }

    /**
     * Defines an emulated vCenter ({@code VixDiskLibStub_DefineServer}).
     *
     * @param name       host name that {@code ConnectParams} will name
     * @param thumbprint certificate thumbprint callers must present ({@code AA:BB:...}), or null for any
     * @param transports colon-separated transports offered (e.g. {@code "san:hotadd:nbdssl:nbd"}), or null for all
     * @param stateDir   existing directory for the server's persisted access records
     */
    public void defineVcenter(String name, String thumbprint, String transports, Path stateDir) {
        defineServer(name, VixDiskLibStub.VIXDISKLIBSTUB_SERVER_VCENTER, thumbprint, transports, stateDir);
    }

    private void defineServer(String name, int kind, String thumbprint, String transports, Path stateDir) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stateDir, "stateDir");
        ok(raw.VixDiskLibStub_DefineServer(name, kind, thumbprint, transports, stateDir.toString()),
                "VixDiskLibStub_DefineServer(" + name + ")");
    }

    /**
     * Accepts a user name and password on a server ({@code VixDiskLibStub_AddUser}).
     *
     * @param server   a defined server
     * @param user     user name
     * @param password password
     */
    public void addUser(String server, String user, String password) {
        ok(raw.VixDiskLibStub_AddUser(server, user, password), "VixDiskLibStub_AddUser(" + server + ", " + user + ")");
    }

    /**
     * Accepts a session cookie for a user on a server ({@code VixDiskLibStub_AddSession}).
     *
     * @param server a defined server
     * @param cookie the session cookie
     * @param user   the user it belongs to
     */
    public void addSession(String server, String cookie, String user) {
        ok(raw.VixDiskLibStub_AddSession(server, cookie, user), "VixDiskLibStub_AddSession(" + server + ")");
    }

    /**
     * Maps datastore {@code [name]} on a server to a local directory ({@code VixDiskLibStub_AddDatastore}).
     *
     * @param server   a defined server
     * @param name     datastore name, as in {@code "[name] vm/disk.vmdk"}
     * @param localDir the directory holding its files
     * @param onSan    whether it is SAN storage (the SAN transport can reach it)
     */
    public void addDatastore(String server, String name, Path localDir, boolean onSan) {
        ok(raw.VixDiskLibStub_AddDatastore(server, name, localDir.toString(), bool(onSan)),
                "VixDiskLibStub_AddDatastore(" + server + ", " + name + ")");
    }

    /**
     * Defines a VM on a server ({@code VixDiskLibStub_AddVm}).
     *
     * @param server    a defined server
     * @param moref     the VM's managed object reference, e.g. {@code vm-42}
     * @param poweredOn its power state
     */
    public void addVm(String server, String moref, boolean poweredOn) {
        ok(raw.VixDiskLibStub_AddVm(server, moref, bool(poweredOn)), "VixDiskLibStub_AddVm(" + server + ", " + moref + ")");
    }

    /**
     * Changes a VM's power state ({@code VixDiskLibStub_SetVmPowerState}).
     *
     * @param server    a defined server
     * @param moref     a defined VM
     * @param poweredOn the new power state
     */
    public void setVmPowerState(String server, String moref, boolean poweredOn) {
        ok(raw.VixDiskLibStub_SetVmPowerState(server, moref, bool(poweredOn)),
                "VixDiskLibStub_SetVmPowerState(" + server + ", " + moref + ")");
    }

    /**
     * Network latency for every NFC (nbd/nbdssl) read and write on a server ({@code VixDiskLibStub_SetLatency}).
     *
     * @param server    a defined server
     * @param latencyMs milliseconds per request
     */
    public void setLatency(String server, int latencyMs) {
        ok(raw.VixDiskLibStub_SetLatency(server, latencyMs), "VixDiskLibStub_SetLatency(" + server + ")");
    }

    /**
     * Loads an environment file (the {@code VIXDISKLIBSTUB_ENV} format) ({@code VixDiskLibStub_LoadEnvironment}).
     *
     * @param file the environment file
     */
    public void loadEnvironment(Path file) {
        ok(raw.VixDiskLibStub_LoadEnvironment(file.toString()), "VixDiskLibStub_LoadEnvironment(" + file + ")");
    }

    /**
     * Makes the {@code callNumber}-th call of a VixDiskLib function (counted from now) fail once
     * with {@code error}; {@code callNumber} 0 makes every call fail until {@link #clearFaults()}
     * ({@code VixDiskLibStub_InjectFault}). The failing call has no side effects.
     *
     * @param function   the C function, e.g. {@code "VixDiskLib_Open"}
     * @param callNumber 1-based call to fail, or 0 for all
     * @param error      the error it returns
     */
    public void injectFault(String function, int callNumber, VixErrorCode error) {
        injectFault(function, callNumber, error.code());
    }

    /**
     * {@link #injectFault(String, int, VixErrorCode)} with a raw VixError value.
     *
     * @param function   the C function, e.g. {@code "VixDiskLib_Open"}
     * @param callNumber 1-based call to fail, or 0 for all
     * @param vixError   the VixError it returns
     */
    public void injectFault(String function, int callNumber, long vixError) {
        if (callNumber < 0) {
            throw new IllegalArgumentException("callNumber must be 0 (every call) or positive, not " + callNumber);
        }
        ok(raw.VixDiskLibStub_InjectFault(function, callNumber, vixError), "VixDiskLibStub_InjectFault(" + function + ")");
    }

    /** Removes every injected fault ({@code VixDiskLibStub_ClearFaults}). */
    public void clearFaults() {
        raw.VixDiskLibStub_ClearFaults();
    }

    /**
     * One counter ({@code VixDiskLibStub_GetCounter}): {@code handles}, {@code connections},
     * {@code connectParams}, {@code infos}, {@code errorTexts}, {@code blockLists}, {@code initEx},
     * {@code init}, {@code exit}, {@code logThreads}.
     *
     * @param name the counter
     * @return its value
     * @throws IllegalArgumentException for an unknown name
     */
    public long counter(String name) {
        long value = raw.VixDiskLibStub_GetCounter(name);
        if (value < 0) {
            throw new IllegalArgumentException("the stub has no counter named '" + name + "'");
        }
        return value;
    }

    /**
     * The outstanding native objects, counter by counter ({@link #NATIVE_OBJECT_COUNTERS}).
     *
     * @return counter name to value, in {@link #NATIVE_OBJECT_COUNTERS} order
     */
    public Map<String, Long> nativeObjects() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : NATIVE_OBJECT_COUNTERS) {
            counts.put(name, counter(name));
        }
        return counts;
    }

    /**
     * Creates a monolithicFlat disk (descriptor plus sparse {@code -flat.vmdk}) as a fixture
     * ({@code VixDiskLibStub_CreateFlatDisk}).
     *
     * @param path            the descriptor path, ending in {@code .vmdk}; must not exist
     * @param capacitySectors capacity in 512-byte sectors
     * @param adapter         the adapter type recorded in the descriptor
     * @return {@code path}
     */
    public Path createFlatDisk(Path path, long capacitySectors, AdapterType adapter) {
        if (capacitySectors <= 0) {
            throw new IllegalArgumentException("capacitySectors must be positive, not " + capacitySectors);
        }
        ok(raw.VixDiskLibStub_CreateFlatDisk(path.toString(), capacitySectors, adapter.code()),
                "VixDiskLibStub_CreateFlatDisk(" + path + ")");
        return path;
    }

    /**
     * Creates a monolithicSparse disk (grains allocated on write) as a fixture
     * ({@code VixDiskLibStub_CreateSparseDisk}).
     *
     * @param path            the descriptor path, ending in {@code .vmdk}; must not exist
     * @param capacitySectors capacity in 512-byte sectors
     * @param adapter         the adapter type recorded in the descriptor
     * @return {@code path}
     */
    public Path createSparseDisk(Path path, long capacitySectors, AdapterType adapter) {
        if (capacitySectors <= 0) {
            throw new IllegalArgumentException("capacitySectors must be positive, not " + capacitySectors);
        }
        ok(raw.VixDiskLibStub_CreateSparseDisk(path.toString(), capacitySectors, adapter.code()),
                "VixDiskLibStub_CreateSparseDisk(" + path + ")");
        return path;
    }

    /**
     * Creates a child (delta, redo) disk over a parent as a fixture ({@code VixDiskLibStub_CreateChildDisk}).
     *
     * @param childPath  the child's descriptor path; must not exist
     * @param parentPath the parent disk
     * @return {@code childPath}
     */
    public Path createChildDisk(Path childPath, Path parentPath) {
        ok(raw.VixDiskLibStub_CreateChildDisk(childPath.toString(), parentPath.toString()),
                "VixDiskLibStub_CreateChildDisk(" + childPath + ")");
        return childPath;
    }

    /**
     * How many VMs on a server have relocation disabled by PrepareForAccess records
     * ({@code VixDiskLibStub_CountAccessRecords}).
     *
     * @param server a defined server
     * @return the number of VMs
     * @throws IllegalArgumentException if the server is unknown
     */
    public int accessRecords(String server) {
        int n = raw.VixDiskLibStub_CountAccessRecords(server);
        if (n < 0) {
            throw new IllegalArgumentException("the stub has no server named '" + server + "'");
        }
        return n;
    }

    /**
     * The effective value of a config key after InitEx ({@code VixDiskLibStub_GetConfigValue}).
     *
     * @param key the config key, e.g. {@code vixDiskLib.transport.LogLevel}
     * @return its value from the config file, else its built-in default
     */
    public String configValue(String key) {
        LongByReference required = new LongByReference();
        long err = raw.VixDiskLibStub_GetConfigValue(key, null, 0, required);
        if (err != VixErrorCode.VIX_E_BUFFER_TOOSMALL.code()) {
            ok(err, "VixDiskLibStub_GetConfigValue(" + key + ")");
        }
        try (Memory buf = new Memory(required.getValue())) {
            ok(raw.VixDiskLibStub_GetConfigValue(key, buf, required.getValue(), required),
                    "VixDiskLibStub_GetConfigValue(" + key + ")");
            return buf.getString(0, "UTF-8");
        }
    }

    /**
     * The local disk's current change ID for VDDK 9's changed areas ({@code VixDiskLibStub_GetChangeId});
     * turns change tracking on for the disk. What is written after this call is what
     * {@code Connection.open(path, ChangeId.of(id))} then {@code changedAreas()} reports.
     *
     * @param disk the disk
     * @return the change ID
     */
    public String changeId(Path disk) {
        try (Memory buf = new Memory(64)) {
            buf.clear();
            ok(raw.VixDiskLibStub_GetChangeId(disk.toString(), buf, 64), "VixDiskLibStub_GetChangeId(" + disk + ")");
            return buf.getString(0, "UTF-8");
        }
    }

    /**
     * Expires every change ID minted so far for a disk ({@code VixDiskLibStub_ResetChangeTracking}).
     *
     * @param disk the disk
     */
    public void resetChangeTracking(Path disk) {
        ok(raw.VixDiskLibStub_ResetChangeTracking(disk.toString()), "VixDiskLibStub_ResetChangeTracking(" + disk + ")");
    }

    private static byte bool(boolean b) {
        return (byte) (b ? 1 : 0);
    }

    private static void ok(long vixError, String call) {
        if (vixError != 0) {
            throw new IllegalStateException(call + " failed: " + VixErrorCode.of(vixError) + " (" + vixError + ")");
        }
    }
}
