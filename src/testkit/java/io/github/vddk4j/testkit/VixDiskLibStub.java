package io.github.vddk4j.testkit;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import java.util.Map;

/**
 * Raw JNA mirror of the stub's control API ({@code native-stubs/include/vixDiskLibStub.h}), which
 * is <em>not</em> part of real VDDK: tests use it to define emulated servers, inject faults and
 * read counters. Same type mapping as vddk4j's raw {@code VixDiskLib} mirror ({@code VixError} as
 * {@code long}, {@code Bool} as {@code byte}, strings in UTF-8). Most callers want the checked
 * wrapper {@link StubControl}; obtain this interface with {@link #load(String)}. On a library that
 * is not the stub (e.g. real VDDK) every call raises {@link UnsupportedOperationException}.
 */
public interface VixDiskLibStub extends Library {
    /** {@code VIXDISKLIBSTUB_SERVER_ESXI}. */
    int VIXDISKLIBSTUB_SERVER_ESXI = 1;
    /** {@code VIXDISKLIBSTUB_SERVER_VCENTER}. */
    int VIXDISKLIBSTUB_SERVER_VCENTER = 2;

    /** {@code VIXDISKLIBSTUB_LOG}: the log function given to InitEx. */
    int VIXDISKLIBSTUB_LOG = 0;
    /** {@code VIXDISKLIBSTUB_WARN}: the warning function given to InitEx. */
    int VIXDISKLIBSTUB_WARN = 1;
    /** {@code VIXDISKLIBSTUB_PANIC}: the panic function given to InitEx. */
    int VIXDISKLIBSTUB_PANIC = 2;

    /**
     * Binds the control API of the library file {@code libraryPath} (an absolute path to
     * {@code libvixDiskLib.so.N}); the same file vddk4j loads, so both share the stub's state.
     *
     * @param libraryPath the library file
     * @return the bound interface
     * @throws UnsatisfiedLinkError if the file cannot be loaded
     */
    static VixDiskLibStub load(String libraryPath) {
        return Native.load(libraryPath, VixDiskLibStub.class, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    }

    /**
     * {@code VixError VixDiskLibStub_Reset(void)}.
     *
     * @return the VixError
     */
    long VixDiskLibStub_Reset();

    /**
     * {@code VixError VixDiskLibStub_DefineServer(const char *serverName, VixDiskLibStubServerKind kind,
     * const char *thumbprint, const char *transports, const char *stateDir)}.
     *
     * @param serverName host name callers connect to
     * @param kind       {@link #VIXDISKLIBSTUB_SERVER_ESXI} or {@link #VIXDISKLIBSTUB_SERVER_VCENTER}
     * @param thumbprint required certificate thumbprint, or null for any
     * @param transports colon-separated transports offered, or null for all
     * @param stateDir   existing directory for the server's persisted state
     * @return the VixError
     */
    long VixDiskLibStub_DefineServer(String serverName, int kind, String thumbprint, String transports, String stateDir);

    /**
     * {@code VixError VixDiskLibStub_AddUser(const char *serverName, const char *userName, const char *password)}.
     *
     * @param serverName server
     * @param userName   user
     * @param password   password
     * @return the VixError
     */
    long VixDiskLibStub_AddUser(String serverName, String userName, String password);

    /**
     * {@code VixError VixDiskLibStub_AddSession(const char *serverName, const char *cookie, const char *userName)}.
     *
     * @param serverName server
     * @param cookie     session cookie
     * @param userName   user the session belongs to
     * @return the VixError
     */
    long VixDiskLibStub_AddSession(String serverName, String cookie, String userName);

    /**
     * {@code VixError VixDiskLibStub_AddDatastore(const char *serverName, const char *datastoreName,
     * const char *localDir, Bool onSan)}.
     *
     * @param serverName    server
     * @param datastoreName datastore name as in {@code [name] path}
     * @param localDir      local directory backing it
     * @param onSan         1 if SAN storage
     * @return the VixError
     */
    long VixDiskLibStub_AddDatastore(String serverName, String datastoreName, String localDir, byte onSan);

    /**
     * {@code VixError VixDiskLibStub_AddVm(const char *serverName, const char *vmMoref, Bool poweredOn)}.
     *
     * @param serverName server
     * @param vmMoref    VM moref, e.g. {@code vm-42}
     * @param poweredOn  1 if powered on
     * @return the VixError
     */
    long VixDiskLibStub_AddVm(String serverName, String vmMoref, byte poweredOn);

    /**
     * {@code VixError VixDiskLibStub_SetVmPowerState(const char *serverName, const char *vmMoref, Bool poweredOn)}.
     *
     * @param serverName server
     * @param vmMoref    VM moref
     * @param poweredOn  1 if powered on
     * @return the VixError
     */
    long VixDiskLibStub_SetVmPowerState(String serverName, String vmMoref, byte poweredOn);

    /**
     * {@code VixError VixDiskLibStub_SetLatency(const char *serverName, uint32 latencyMs)}.
     *
     * @param serverName server
     * @param latencyMs  latency of each NFC read and write
     * @return the VixError
     */
    long VixDiskLibStub_SetLatency(String serverName, int latencyMs);

    /**
     * {@code VixError VixDiskLibStub_LoadEnvironment(const char *path)}.
     *
     * @param path environment file
     * @return the VixError
     */
    long VixDiskLibStub_LoadEnvironment(String path);

    /**
     * {@code VixError VixDiskLibStub_InjectFault(const char *functionName, uint32 callNumber, VixError error)}.
     *
     * @param functionName e.g. {@code VixDiskLib_Open}
     * @param callNumber   1-based call to fail once, or 0 for every call
     * @param error        the VixError to return
     * @return the VixError
     */
    long VixDiskLibStub_InjectFault(String functionName, int callNumber, long error);

    /** {@code void VixDiskLibStub_ClearFaults(void)}. */
    void VixDiskLibStub_ClearFaults();

    /**
     * {@code int64 VixDiskLibStub_GetCounter(const char *name)}.
     *
     * @param name counter name
     * @return the value, or -1 for an unknown name
     */
    long VixDiskLibStub_GetCounter(String name);

    /**
     * {@code VixError VixDiskLibStub_GetConfigValue(const char *key, char *buf, size_t bufLen, size_t *requiredLen)}.
     *
     * @param key            config key
     * @param buffer         destination, or null to query the size
     * @param bufferLength   size of buffer
     * @param requiredLength receives the size needed, including the NUL
     * @return the VixError
     */
    long VixDiskLibStub_GetConfigValue(String key, Pointer buffer, long bufferLength, LongByReference requiredLength);

    /**
     * {@code VixError VixDiskLibStub_EmitTestLogs(VixDiskLibStubLogChannel channel, uint32 numThreads,
     * uint32 messagesPerThread, uint32 longLength)}.
     *
     * @param channel           {@link #VIXDISKLIBSTUB_LOG}, {@link #VIXDISKLIBSTUB_WARN} or {@link #VIXDISKLIBSTUB_PANIC}
     * @param numThreads        0 for the calling thread, else that many native threads
     * @param messagesPerThread messages each thread sends
     * @param longLength        length of the long tail argument
     * @return the VixError
     */
    long VixDiskLibStub_EmitTestLogs(int channel, int numThreads, int messagesPerThread, int longLength);

    /**
     * {@code VixError VixDiskLibStub_CreateFlatDisk(const char *path, VixDiskLibSectorType capacitySectors,
     * VixDiskLibAdapterType adapterType)}.
     *
     * @param path            descriptor path ({@code .vmdk})
     * @param capacitySectors capacity in 512-byte sectors
     * @param adapterType     {@code VixDiskLibAdapterType} value (1 IDE, 2 BusLogic, 3 LSI Logic)
     * @return the VixError
     */
    long VixDiskLibStub_CreateFlatDisk(String path, long capacitySectors, int adapterType);

    /**
     * {@code VixError VixDiskLibStub_CreateSparseDisk(const char *path, VixDiskLibSectorType capacitySectors,
     * VixDiskLibAdapterType adapterType)}: a monolithicSparse disk.
     *
     * @param path            descriptor path ({@code .vmdk}); must not exist
     * @param capacitySectors capacity in 512-byte sectors
     * @param adapterType     {@code VixDiskLibAdapterType} value
     * @return the VixError
     */
    long VixDiskLibStub_CreateSparseDisk(String path, long capacitySectors, int adapterType);

    /**
     * {@code VixError VixDiskLibStub_CreateChildDisk(const char *childPath, const char *parentPath)}:
     * a delta (redo) disk over {@code parentPath}.
     *
     * @param childPath  the child's descriptor path; must not exist
     * @param parentPath the parent disk
     * @return the VixError
     */
    long VixDiskLibStub_CreateChildDisk(String childPath, String parentPath);

    /**
     * {@code int32 VixDiskLibStub_CountAccessRecords(const char *serverName)}.
     *
     * @param serverName server
     * @return VMs with relocation disabled, or -1 if the server is unknown
     */
    int VixDiskLibStub_CountAccessRecords(String serverName);

    /**
     * {@code VixError VixDiskLibStub_SetBackgroundLogging(Bool enabled)}: off (default), messages come
     * on the calling thread as in VDDK 9.0's local mode; on, a native worker thread also logs (start
     * line, phone-home/CEIP noise, heartbeat), started at once if initialized and joined by Exit.
     *
     * @param enabled 1 to enable
     * @return the VixError
     */
    long VixDiskLibStub_SetBackgroundLogging(byte enabled);

    /**
     * {@code VixError VixDiskLibStub_SetLockRetryMs(uint32 retryMs)}: how long Open retries a locked
     * disk before failing with 20006 (default 250 ms; real VDDK 9.0 about 3.5 s).
     *
     * @param retryMs milliseconds
     * @return the VixError
     */
    long VixDiskLibStub_SetLockRetryMs(int retryMs);

    /**
     * {@code VixError VixDiskLibStub_GetChangeId(const char *diskPath, char *buf, size_t bufLen)}: the
     * local disk's current change ID for VDDK 9's OpenEx (turns change tracking on for the disk);
     * VIX_E_BUFFER_TOOSMALL if the buffer cannot hold it (64 bytes always can).
     *
     * @param diskPath     the disk
     * @param buffer       destination
     * @param bufferLength size of buffer
     * @return the VixError
     */
    long VixDiskLibStub_GetChangeId(String diskPath, Pointer buffer, long bufferLength);

    /**
     * {@code VixError VixDiskLibStub_ResetChangeTracking(const char *diskPath)}: every change ID minted
     * so far expires.
     *
     * @param diskPath the disk
     * @return the VixError
     */
    long VixDiskLibStub_ResetChangeTracking(String diskPath);
}
