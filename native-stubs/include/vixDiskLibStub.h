/*
 * vixDiskLibStub.h -- the stub's control API (NOT part of real VDDK).
 *
 * Tests use these functions to define emulated ESXi/vCenter servers, inject faults and
 * read counters. Programs that cannot call them (unmodified VDDK programs) can describe
 * the emulated servers in a plain-text environment file named by the environment
 * variable VIXDISKLIBSTUB_ENV, read at InitEx (format in native-stubs/README.md).
 *
 * Every function is exported with the ELF symbol version VIXDISKLIBSTUB_1.0.
 * Unless stated otherwise, functions return VIX_OK or a VIX error code, take NUL-terminated
 * UTF-8 strings and copy what they keep. They may be called before InitEx and after Exit;
 * the emulated world they define survives Exit/InitEx cycles until VixDiskLibStub_Reset.
 */
#ifndef VIXDISKLIBSTUB_H
#define VIXDISKLIBSTUB_H

#include "vixDiskLib.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Kinds of emulated server. */
typedef enum {
   VIXDISKLIBSTUB_SERVER_ESXI    = 1,
   VIXDISKLIBSTUB_SERVER_VCENTER = 2
} VixDiskLibStubServerKind;

/* Which log function a VixDiskLibStub_EmitTestLogs message goes through. */
typedef enum {
   VIXDISKLIBSTUB_LOG   = 0,
   VIXDISKLIBSTUB_WARN  = 1,
   VIXDISKLIBSTUB_PANIC = 2
} VixDiskLibStubLogChannel;

/*
 * Forget every emulated server, datastore, VM, user, session, latency and fault, and zero
 * the counters of VixDiskLibStub_GetCounter. State files on disk are left alone.
 * Fails with VIX_E_INVALID_ARG (changes nothing) while connections or handles are open.
 */
VixError VixDiskLibStub_Reset(void);

/*
 * Define (or redefine) an emulated server reachable as serverName.
 *   thumbprint  the certificate fingerprint ConnectEx callers must present ("AA:BB:..."),
 *               compared case-insensitively; NULL accepts any thumbprint.
 *   transports  colon-separated transports the server offers, e.g. "san:hotadd:nbdssl:nbd"
 *               (NULL = all four).
 *   stateDir    an existing local directory that holds the server's persisted state
 *               (PrepareForAccess records). Required.
 */
VixError VixDiskLibStub_DefineServer(const char *serverName,
                                     VixDiskLibStubServerKind kind,
                                     const char *thumbprint,
                                     const char *transports,
                                     const char *stateDir);

/* Accept userName/password (credType VIXDISKLIB_CRED_UID) on serverName. */
VixError VixDiskLibStub_AddUser(const char *serverName, const char *userName,
                                const char *password);

/* Accept a session cookie (credType VIXDISKLIB_CRED_SESSIONID) for userName on serverName. */
VixError VixDiskLibStub_AddSession(const char *serverName, const char *cookie,
                                   const char *userName);

/*
 * Map datastore "[name] rel/path.vmdk" on serverName to a local directory.
 * onSan: TRUE if the datastore is SAN storage (SAN transport can write to it).
 */
VixError VixDiskLibStub_AddDatastore(const char *serverName, const char *datastoreName,
                                     const char *localDir, Bool onSan);

/* Define a VM by moref (the value of "moref=..." in vmxSpec) with its power state. */
VixError VixDiskLibStub_AddVm(const char *serverName, const char *vmMoref, Bool poweredOn);

/* Change a defined VM's power state. */
VixError VixDiskLibStub_SetVmPowerState(const char *serverName, const char *vmMoref,
                                        Bool poweredOn);

/*
 * Network latency of serverName in milliseconds, applied to every NFC (nbd/nbdssl) read
 * and write. SAN, HotAdd and file I/O do not see it.
 */
VixError VixDiskLibStub_SetLatency(const char *serverName, uint32 latencyMs);

/* Load an environment file (the VIXDISKLIBSTUB_ENV format) on top of what is defined. */
VixError VixDiskLibStub_LoadEnvironment(const char *path);

/*
 * Make the callNumber-th call (1-based, counted from this injection) of the real
 * function functionName (e.g. "VixDiskLib_Open") fail with error, once. callNumber 0
 * makes every call fail until VixDiskLibStub_ClearFaults. Functions that return a pointer
 * (AllocateConnectParams, GetErrorText) return NULL instead. The failing call has no side
 * effects (nothing allocated, opened or written).
 */
VixError VixDiskLibStub_InjectFault(const char *functionName, uint32 callNumber,
                                    VixError error);

/* Remove every injected fault. */
void VixDiskLibStub_ClearFaults(void);

/*
 * Read a counter; -1 for an unknown name. Names:
 *   "connectParams"  outstanding AllocateConnectParams/GetConnectParams results
 *   "infos"          outstanding GetInfo results
 *   "errorTexts"     outstanding GetErrorText results
 *   "blockLists"     outstanding QueryAllocatedBlocks results
 *   "changeInfos"    outstanding QueryChangedAreas results (VDDK 9 build)
 *   "connections"    open connections
 *   "handles"        open disk handles
 *   "initEx", "init", "exit"   calls of InitEx, Init, Exit since load or Reset
 *   "asyncThreads"   async I/O worker threads currently running (0 after Exit)
 *   "logThreads"     background log threads currently running (0 after Exit; 0 unless
 *                    VixDiskLibStub_SetBackgroundLogging(TRUE))
 */
int64 VixDiskLibStub_GetCounter(const char *name);

/*
 * Effective value of a configuration key after InitEx: the value from the config file,
 * else the built-in default of a known key. Copies it NUL-terminated into buf.
 * VIX_E_BUFFER_TOOSMALL (and *requiredLen set, including the NUL) if buf is too small or
 * NULL; VIX_E_FILE_NOT_FOUND if the key has neither a value nor a default;
 * VIX_E_FAIL before InitEx.
 */
VixError VixDiskLibStub_GetConfigValue(const char *key, char *buf, size_t bufLen,
                                       size_t *requiredLen);

/*
 * Emit a deterministic burst of log messages through the log functions given to InitEx,
 * for testing log bridges. numThreads == 0: all messages from the calling thread;
 * otherwise from numThreads native threads started for the call and joined before it
 * returns. Each thread t (0-based; 0 for the calling thread) sends messagesPerThread
 * messages i = 0.. through channel, each formatted by the callee from this format:
 *
 *   "stub t=%d i=%u s=%s neg=%lld big=%llu hex=%x ptr=%p pct=%% tail=%s\n"
 *
 * with the arguments
 *   (int) t, (unsigned) i, "abc", -(long long)(i + 1) * 1000000007LL,
 *   18446744073709551615ULL - i, 0xC0DE0000u + i, (void *)(uintptr_t)(0x1000 + i),
 *   a string of longLength characters, character k being 'a' + (t + i + k) % 26.
 *
 * glibc prints %p as "0x" plus lowercase hex. PANIC messages go through the panic
 * function; if it returns, the stub goes on (real VDDK would abort). Messages are sent
 * whatever vixDiskLib.transport.LogLevel says. VIX_E_FAIL before InitEx.
 */
VixError VixDiskLibStub_EmitTestLogs(VixDiskLibStubLogChannel channel, uint32 numThreads,
                                     uint32 messagesPerThread, uint32 longLength);

/*
 * Create a monolithicFlat disk (descriptor path plus "<name>-flat.vmdk", sparse, mode 0600)
 * of capacitySectors sectors with the given adapter type, as test fixture.
 * VIX_E_FILE_ALREADY_EXISTS if path exists.
 */
VixError VixDiskLibStub_CreateFlatDisk(const char *path, VixDiskLibSectorType capacitySectors,
                                       VixDiskLibAdapterType adapterType);

/*
 * Create a monolithicSparse disk (one file: header, embedded descriptor, grain directories
 * and preallocated grain tables, no grains; mode 0600), laid out as VMware and qemu-img
 * write it, of capacitySectors sectors with the given adapter type, as test fixture.
 * Same errors as VixDiskLibStub_CreateFlatDisk.
 */
VixError VixDiskLibStub_CreateSparseDisk(const char *path, VixDiskLibSectorType capacitySectors,
                                         VixDiskLibAdapterType adapterType);

/*
 * Create a monolithicSparse delta (child) disk of the disk at parentPath (any disk the stub
 * opens): same capacity and ddb values, parentCID = the parent's CID, parentFileNameHint =
 * parentPath as given (relative paths are relative to the child's directory). Reads of
 * sectors the child has not written come from the parent. VIX_E_FILE_ALREADY_EXISTS if
 * childPath exists; the parent's open errors; VIX_E_INVALID_ARG for NULL or a child path not
 * ending in ".vmdk".
 */
VixError VixDiskLibStub_CreateChildDisk(const char *childPath, const char *parentPath);

/*
 * Number of VMs on serverName whose relocation (RelocateVM_Task) is currently disabled by
 * PrepareForAccess records in the server's stateDir; -1 if the server is unknown.
 */
int32 VixDiskLibStub_CountAccessRecords(const char *serverName);

/*
 * Background logging, off by default. Off: every message comes on the thread that called
 * into the library, as VDDK 9.0 does in local mode (measured). On: a native worker thread,
 * started at InitEx (or at once when already initialized) and joined by Exit (or by turning
 * this off), sends a start line, VDDK's phone-home/CEIP noise through warn and a heartbeat
 * every 50 ms at LogLevel 6 -- for tests of log callbacks from foreign native threads.
 * Survives Exit and VixDiskLibStub_Reset.
 */
VixError VixDiskLibStub_SetBackgroundLogging(Bool enabled);

/*
 * How long Open retries a locked disk before it fails with 20006 (VIX_E_DIRECTORY_NOT_EMPTY,
 * what VDDK 9.0 returns for a locked disk). Default 250 ms; real VDDK 9.0 retries about
 * 3.5 s. Back to the default on VixDiskLibStub_Reset.
 */
VixError VixDiskLibStub_SetLockRetryMs(uint32 retryMs);

/*
 * Changed-block tracking of a local disk (descriptor path diskPath), for VDDK 9's OpenEx
 * change IDs: the disk's current change ID ("<uuid>/<n>", NUL-terminated into buf), where a
 * backup product would read the disk's changeId at snapshot time. Writes through the stub
 * after this call are changed areas since this ID (QueryChangedAreas). The first call turns
 * tracking on for the disk (sidecar file "<descriptor>.changes", mode 0600).
 * VIX_E_BUFFER_TOOSMALL (nothing minted) if buf cannot hold the ID (64 bytes always can);
 * VIX_E_FILE_NOT_FOUND if the disk does not exist. Callable without InitEx.
 */
VixError VixDiskLibStub_GetChangeId(const char *diskPath, char *buf, size_t bufLen);

/* Start a new tracking generation of diskPath: every change ID minted so far expires. */
VixError VixDiskLibStub_ResetChangeTracking(const char *diskPath);

#ifdef __cplusplus
}
#endif

#endif /* VIXDISKLIBSTUB_H */
