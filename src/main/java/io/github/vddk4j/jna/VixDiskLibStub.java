package io.github.vddk4j.jna;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;

/**
 * Raw JNA mirror of the project's stub control API ({@code native-stubs/include/vixDiskLibStub.h}),
 * which is <em>not</em> part of real VDDK: tests and the CLI demo use it to define emulated servers,
 * inject faults and read counters. Same type mapping as {@link VixDiskLib}; obtain an instance with
 * {@link LoadedVixDiskLib#stubControl()} (a function the loaded library lacks, e.g. on real VDDK,
 * raises {@link UnsupportedOperationException} at call time).
 */
public interface VixDiskLibStub extends Library {
    /** {@code VixDiskLibStubServerKind}. */
    int VIXDISKLIBSTUB_SERVER_ESXI = 1;
    int VIXDISKLIBSTUB_SERVER_VCENTER = 2;

    /** {@code VixDiskLibStubLogChannel}. */
    int VIXDISKLIBSTUB_LOG = 0;
    int VIXDISKLIBSTUB_WARN = 1;
    int VIXDISKLIBSTUB_PANIC = 2;

    /** {@code VixError VixDiskLibStub_Reset(void)}. */
    long VixDiskLibStub_Reset();

    /** {@code VixError VixDiskLibStub_DefineServer(const char *serverName, VixDiskLibStubServerKind kind, const char *thumbprint, const char *transports, const char *stateDir)}. */
    long VixDiskLibStub_DefineServer(String serverName, int kind, String thumbprint, String transports, String stateDir);

    /** {@code VixError VixDiskLibStub_AddUser(const char *serverName, const char *userName, const char *password)}. */
    long VixDiskLibStub_AddUser(String serverName, String userName, String password);

    /** {@code VixError VixDiskLibStub_AddSession(const char *serverName, const char *cookie, const char *userName)}. */
    long VixDiskLibStub_AddSession(String serverName, String cookie, String userName);

    /** {@code VixError VixDiskLibStub_AddDatastore(const char *serverName, const char *datastoreName, const char *localDir, Bool onSan)}. */
    long VixDiskLibStub_AddDatastore(String serverName, String datastoreName, String localDir, byte onSan);

    /** {@code VixError VixDiskLibStub_AddVm(const char *serverName, const char *vmMoref, Bool poweredOn)}. */
    long VixDiskLibStub_AddVm(String serverName, String vmMoref, byte poweredOn);

    /** {@code VixError VixDiskLibStub_SetVmPowerState(const char *serverName, const char *vmMoref, Bool poweredOn)}. */
    long VixDiskLibStub_SetVmPowerState(String serverName, String vmMoref, byte poweredOn);

    /** {@code VixError VixDiskLibStub_SetLatency(const char *serverName, uint32 latencyMs)}. */
    long VixDiskLibStub_SetLatency(String serverName, int latencyMs);

    /** {@code VixError VixDiskLibStub_LoadEnvironment(const char *path)}. */
    long VixDiskLibStub_LoadEnvironment(String path);

    /** {@code VixError VixDiskLibStub_InjectFault(const char *functionName, uint32 callNumber, VixError error)}. */
    long VixDiskLibStub_InjectFault(String functionName, int callNumber, long error);

    /** {@code void VixDiskLibStub_ClearFaults(void)}. */
    void VixDiskLibStub_ClearFaults();

    /** {@code int64 VixDiskLibStub_GetCounter(const char *name)}: -1 for an unknown name. */
    long VixDiskLibStub_GetCounter(String name);

    /** {@code VixError VixDiskLibStub_GetConfigValue(const char *key, char *buf, size_t bufLen, size_t *requiredLen)}. */
    long VixDiskLibStub_GetConfigValue(String key, Pointer buffer, long bufferLength, LongByReference requiredLength);

    /** {@code VixError VixDiskLibStub_EmitTestLogs(VixDiskLibStubLogChannel channel, uint32 numThreads, uint32 messagesPerThread, uint32 longLength)}. */
    long VixDiskLibStub_EmitTestLogs(int channel, int numThreads, int messagesPerThread, int longLength);

    /** {@code VixError VixDiskLibStub_CreateFlatDisk(const char *path, VixDiskLibSectorType capacitySectors, VixDiskLibAdapterType adapterType)}. */
    long VixDiskLibStub_CreateFlatDisk(String path, long capacitySectors, int adapterType);

    /** {@code VixError VixDiskLibStub_CreateSparseDisk(const char *path, VixDiskLibSectorType capacitySectors, VixDiskLibAdapterType adapterType)}. */
    long VixDiskLibStub_CreateSparseDisk(String path, long capacitySectors, int adapterType);

    /** {@code VixError VixDiskLibStub_CreateChildDisk(const char *childPath, const char *parentPath)}. */
    long VixDiskLibStub_CreateChildDisk(String childPath, String parentPath);

    /** {@code int32 VixDiskLibStub_CountAccessRecords(const char *serverName)}: -1 if the server is unknown. */
    int VixDiskLibStub_CountAccessRecords(String serverName);

    /**
     * {@code VixError VixDiskLibStub_SetBackgroundLogging(Bool enabled)}: off (default), messages come on the calling
     * thread as in VDDK 9.0's local mode; on, a native worker thread also logs (start line, phone-home/CEIP noise,
     * heartbeat), started at once if initialized and joined by Exit.
     */
    long VixDiskLibStub_SetBackgroundLogging(byte enabled);

    /**
     * {@code VixError VixDiskLibStub_SetLockRetryMs(uint32 retryMs)}: how long Open retries a locked disk
     * before failing with 20006 (default 250 ms; real VDDK 9.0 about 3.5 s).
     */
    long VixDiskLibStub_SetLockRetryMs(int retryMs);
}
