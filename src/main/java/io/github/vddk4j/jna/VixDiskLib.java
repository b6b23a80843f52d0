package io.github.vddk4j.jna;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * Raw JNA mirror of the whole {@code libvixDiskLib} C surface (VDDK 6.7 to 9.0), C names verbatim.
 *
 * <p>Injectable: there is no {@code INSTANCE}; obtain one from {@link VixDiskLibLoader} (which
 * turns a function absent from an older VDDK into {@link UnsupportedOperationException} at call
 * time) or mock it in unit tests.
 *
 * <p>Type mapping (x86-64 Linux, LP64; also right for 64-bit Windows):
 * <ul>
 *   <li>{@code VixError} (uint64) → {@code long}, compare with {@link VixErrors}.</li>
 *   <li>{@code Bool} (char) → {@code byte} (1 = TRUE, 0 = FALSE).</li>
 *   <li>{@code uint32}/{@code int32}/C enums → {@code int}; {@code uint64}/{@code VixDiskLibSectorType} → {@code long}.</li>
 *   <li>{@code size_t} → {@code long} and {@code size_t *} → {@link LongByReference}: size_t is 64 bits on
 *       every platform VDDK ships for.</li>
 *   <li>{@code const char *} inputs → {@code String} (UTF-8, set by the loader; {@code null} passes NULL).</li>
 *   <li>Library-owned {@code char *} results → {@link Pointer}: copy at once, free with the library's own
 *       function where one exists ({@code GetErrorText} → {@code FreeErrorText}); static strings
 *       ({@code ListTransportModes}, {@code GetTransportMode}) are not freed.</li>
 *   <li>Opaque handles → {@link VixDiskLibConnection}, {@link VixDiskLibHandle}; handle out-parameters →
 *       {@link PointerByReference}.</li>
 *   <li>{@code VixDiskLibConnectParams *} → {@link VixDiskLibConnectParams} (never sized by Java).</li>
 * </ul>
 *
 * <p>The synchronous and asynchronous Read/Write are declared here for completeness, with a
 * {@link Pointer} buffer; the data path must use {@link VixDiskLibDataPath} (direct mapping,
 * native addresses) instead. Never pass {@code byte[]} buffers.
 */
public interface VixDiskLib extends Library {

    // ---- Library lifecycle ----

    /** {@code VixError VixDiskLib_InitEx(uint32 major, uint32 minor, LogFunc *log, LogFunc *warn, LogFunc *panic, const char *libDir, const char *configFile)} (VIXDISKLIB_1.1). */
    long VixDiskLib_InitEx(int majorVersion, int minorVersion, VixDiskLibGenericLogFunc log,
                           VixDiskLibGenericLogFunc warn, VixDiskLibGenericLogFunc panic,
                           String libDir, String configFile);

    /** Deprecated {@code VixError VixDiskLib_Init(uint32 major, uint32 minor, LogFunc *log, LogFunc *warn, LogFunc *panic, const char *libDir)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Init(int majorVersion, int minorVersion, VixDiskLibGenericLogFunc log,
                         VixDiskLibGenericLogFunc warn, VixDiskLibGenericLogFunc panic, String libDir);

    /** {@code void VixDiskLib_Exit(void)} (VIXDISKLIB_1.0). */
    void VixDiskLib_Exit();

    /** {@code const char *VixDiskLib_ListTransportModes(void)} (VIXDISKLIB_1.1): static string, NULL before InitEx; copy, do not free. */
    Pointer VixDiskLib_ListTransportModes();

    // ---- Connections ----

    /** {@code VixDiskLibConnectParams *VixDiskLib_AllocateConnectParams(void)} (VIXDISKLIB_6.7): zeroed; wrap with {@link VixDiskLibConnectParams#at}. */
    Pointer VixDiskLib_AllocateConnectParams();

    /** {@code void VixDiskLib_FreeConnectParams(VixDiskLibConnectParams *)} (VIXDISKLIB_1.1). */
    void VixDiskLib_FreeConnectParams(VixDiskLibConnectParams params);

    /** {@code VixError VixDiskLib_GetConnectParams(VixDiskLibConnection, VixDiskLibConnectParams **out)} (VIXDISKLIB_1.1): free the result with FreeConnectParams. */
    long VixDiskLib_GetConnectParams(VixDiskLibConnection connection, PointerByReference params);

    /** {@code VixError VixDiskLib_ConnectEx(const VixDiskLibConnectParams *, Bool readOnly, const char *snapshotRef, const char *transportModes, VixDiskLibConnection *out)} (VIXDISKLIB_1.1). */
    long VixDiskLib_ConnectEx(VixDiskLibConnectParams params, byte readOnly, String snapshotRef,
                              String transportModes, PointerByReference connection);

    /** {@code VixError VixDiskLib_Connect(const VixDiskLibConnectParams *, VixDiskLibConnection *out)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Connect(VixDiskLibConnectParams params, PointerByReference connection);

    /** {@code VixError VixDiskLib_Disconnect(VixDiskLibConnection)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Disconnect(VixDiskLibConnection connection);

    /** {@code VixError VixDiskLib_PrepareForAccess(const VixDiskLibConnectParams *, const char *identity)} (VIXDISKLIB_5.0). */
    long VixDiskLib_PrepareForAccess(VixDiskLibConnectParams params, String identity);

    /** {@code VixError VixDiskLib_EndAccess(const VixDiskLibConnectParams *, const char *identity)} (VIXDISKLIB_5.0). */
    long VixDiskLib_EndAccess(VixDiskLibConnectParams params, String identity);

    /** {@code VixError VixDiskLib_Cleanup(const VixDiskLibConnectParams *, uint32 *numCleanedUp, uint32 *numRemaining)} (VIXDISKLIB_1.1). */
    long VixDiskLib_Cleanup(VixDiskLibConnectParams params, IntByReference numCleanedUp,
                            IntByReference numRemaining);

    // ---- Disks ----

    /** {@code VixError VixDiskLib_Open(VixDiskLibConnection, const char *path, uint32 flags, VixDiskLibHandle *out)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Open(VixDiskLibConnection connection, String path, int flags, PointerByReference handle);

    /** {@code VixError VixDiskLib_OpenEx(VixDiskLibConnection, const VixDiskLibOpenParams *, VixDiskLibHandle *out)} (VIXDISKLIB_9.0). */
    long VixDiskLib_OpenEx(VixDiskLibConnection connection, VixDiskLibOpenParams params, PointerByReference handle);

    /** {@code VixError VixDiskLib_Close(VixDiskLibHandle)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Close(VixDiskLibHandle handle);

    /** {@code const char *VixDiskLib_GetTransportMode(VixDiskLibHandle)} (VIXDISKLIB_1.1): library-owned, invalid after Close; copy at once, do not free. */
    Pointer VixDiskLib_GetTransportMode(VixDiskLibHandle handle);

    /** {@code VixError VixDiskLib_GetInfo(VixDiskLibHandle, VixDiskLibInfo **out)} (VIXDISKLIB_1.0): read with {@link VixDiskLibInfo#read}, free with FreeInfo. */
    long VixDiskLib_GetInfo(VixDiskLibHandle handle, PointerByReference info);

    /** {@code void VixDiskLib_FreeInfo(VixDiskLibInfo *)} (VIXDISKLIB_1.0). */
    void VixDiskLib_FreeInfo(Pointer info);

    /** {@code VixError VixDiskLib_GetConnectionFromDisk(VixDiskLibHandle, VixDiskLibConnection *out)} (VIXDISKLIB_9.0). */
    long VixDiskLib_GetConnectionFromDisk(VixDiskLibHandle handle, PointerByReference connection);

    // ---- I/O (declared for completeness; use VixDiskLibDataPath on the data path) ----

    /** {@code VixError VixDiskLib_Read(VixDiskLibHandle, uint64 startSector, uint64 numSectors, uint8 *buf)} (VIXDISKLIB_1.0). Prefer {@link VixDiskLibDataPath#read}. */
    long VixDiskLib_Read(VixDiskLibHandle handle, long startSector, long numSectors, Pointer buffer);

    /** {@code VixError VixDiskLib_Write(VixDiskLibHandle, uint64 startSector, uint64 numSectors, const uint8 *buf)} (VIXDISKLIB_1.0). Prefer {@link VixDiskLibDataPath#write}. */
    long VixDiskLib_Write(VixDiskLibHandle handle, long startSector, long numSectors, Pointer buffer);

    /** {@code VixError VixDiskLib_ReadAsync(VixDiskLibHandle, uint64, uint64, uint8 *, VixDiskLibCompletionCB, void *cbData)} (VIXDISKLIB_6.0): VIX_ASYNC when queued. Prefer {@link VixDiskLibDataPath#readAsync}. */
    long VixDiskLib_ReadAsync(VixDiskLibHandle handle, long startSector, long numSectors, Pointer buffer,
                              VixDiskLibCompletionCB callback, Pointer cbData);

    /** {@code VixError VixDiskLib_WriteAsync(VixDiskLibHandle, uint64, uint64, const uint8 *, VixDiskLibCompletionCB, void *cbData)} (VIXDISKLIB_6.0). Prefer {@link VixDiskLibDataPath#writeAsync}. */
    long VixDiskLib_WriteAsync(VixDiskLibHandle handle, long startSector, long numSectors, Pointer buffer,
                               VixDiskLibCompletionCB callback, Pointer cbData);

    /** {@code VixError VixDiskLib_Wait(VixDiskLibHandle)} (VIXDISKLIB_6.5): waits for all async I/O on the handle. */
    long VixDiskLib_Wait(VixDiskLibHandle handle);

    /** {@code VixError VixDiskLib_Flush(VixDiskLibHandle)} (VIXDISKLIB_6.0). */
    long VixDiskLib_Flush(VixDiskLibHandle handle);

    // ---- Allocation / change tracking ----

    /** {@code VixError VixDiskLib_QueryAllocatedBlocks(VixDiskLibHandle, uint64 startSector, uint64 numSectors, uint64 chunkSize, VixDiskLibBlockList **out)} (VIXDISKLIB_6.7). */
    long VixDiskLib_QueryAllocatedBlocks(VixDiskLibHandle handle, long startSector, long numSectors,
                                         long chunkSize, PointerByReference blockList);

    /** {@code VixError VixDiskLib_FreeBlockList(VixDiskLibBlockList *)} (VIXDISKLIB_6.7). */
    long VixDiskLib_FreeBlockList(Pointer blockList);

    /** {@code VixError VixDiskLib_QueryChangedAreas(VixDiskLibHandle, const VixDiskLibQueryChangedAreaParams *, VixDiskLibDiskChangeInfo **out)} (VIXDISKLIB_9.0). */
    long VixDiskLib_QueryChangedAreas(VixDiskLibHandle handle, VixDiskLibQueryChangedAreaParams params,
                                      PointerByReference changeInfo);

    /** {@code void VixDiskLib_FreeChangedAreas(VixDiskLibDiskChangeInfo *)} (VIXDISKLIB_9.0). */
    void VixDiskLib_FreeChangedAreas(Pointer changeInfo);

    // ---- Errors ----

    /** {@code char *VixDiskLib_GetErrorText(VixError, const char *locale)} (VIXDISKLIB_1.0): locale must be NULL; copy, then FreeErrorText. May be NULL. */
    Pointer VixDiskLib_GetErrorText(long error, String locale);

    /** {@code void VixDiskLib_FreeErrorText(char *)} (VIXDISKLIB_1.0): NULL allowed. */
    void VixDiskLib_FreeErrorText(Pointer errorText);

    // ---- Metadata ----

    /** {@code VixError VixDiskLib_GetMetadataKeys(VixDiskLibHandle, char *buf, size_t bufLen, size_t *requiredLen)} (VIXDISKLIB_1.0): NUL-separated keys ending with an empty string; VIX_E_BUFFER_TOOSMALL sets requiredLen. */
    long VixDiskLib_GetMetadataKeys(VixDiskLibHandle handle, Pointer buffer, long bufferLength,
                                    LongByReference requiredLength);

    /** {@code VixError VixDiskLib_ReadMetadata(VixDiskLibHandle, const char *key, char *buf, size_t bufLen, size_t *requiredLen)} (VIXDISKLIB_1.0). */
    long VixDiskLib_ReadMetadata(VixDiskLibHandle handle, String key, Pointer buffer, long bufferLength,
                                 LongByReference requiredLength);

    /** {@code VixError VixDiskLib_WriteMetadata(VixDiskLibHandle, const char *key, const char *val)} (VIXDISKLIB_1.0). */
    long VixDiskLib_WriteMetadata(VixDiskLibHandle handle, String key, String value);

    // ---- Disk management ----

    /** {@code VixError VixDiskLib_Create(VixDiskLibConnection, const char *path, const VixDiskLibCreateParams *, VixDiskLibProgressFunc, void *)} (VIXDISKLIB_1.0): local disks only. */
    long VixDiskLib_Create(VixDiskLibConnection connection, String path, VixDiskLibCreateParams params,
                           VixDiskLibProgressFunc progress, Pointer progressData);

    /** {@code VixError VixDiskLib_CreateChild(VixDiskLibHandle, const char *childPath, VixDiskLibDiskType, VixDiskLibProgressFunc, void *)} (VIXDISKLIB_1.0). */
    long VixDiskLib_CreateChild(VixDiskLibHandle handle, String childPath, int diskType,
                                VixDiskLibProgressFunc progress, Pointer progressData);

    /** {@code VixError VixDiskLib_Clone(VixDiskLibConnection dstConn, const char *dstPath, VixDiskLibConnection srcConn, const char *srcPath, const VixDiskLibCreateParams *, VixDiskLibProgressFunc, void *, Bool overWrite)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Clone(VixDiskLibConnection dstConnection, String dstPath, VixDiskLibConnection srcConnection,
                          String srcPath, VixDiskLibCreateParams params, VixDiskLibProgressFunc progress,
                          Pointer progressData, byte overWrite);

    /** {@code VixError VixDiskLib_Grow(VixDiskLibConnection, const char *path, uint64 capacity, Bool updateGeometry, VixDiskLibProgressFunc, void *)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Grow(VixDiskLibConnection connection, String path, long capacity, byte updateGeometry,
                         VixDiskLibProgressFunc progress, Pointer progressData);

    /** {@code VixError VixDiskLib_Shrink(VixDiskLibHandle, VixDiskLibProgressFunc, void *)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Shrink(VixDiskLibHandle handle, VixDiskLibProgressFunc progress, Pointer progressData);

    /** {@code VixError VixDiskLib_Defragment(VixDiskLibHandle, VixDiskLibProgressFunc, void *)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Defragment(VixDiskLibHandle handle, VixDiskLibProgressFunc progress, Pointer progressData);

    /** {@code VixError VixDiskLib_Rename(const char *src, const char *dst)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Rename(String srcFileName, String dstFileName);

    /** {@code VixError VixDiskLib_Unlink(VixDiskLibConnection, const char *path)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Unlink(VixDiskLibConnection connection, String path);

    /** {@code VixError VixDiskLib_SpaceNeededForClone(VixDiskLibHandle, VixDiskLibDiskType, uint64 *needed)} (VIXDISKLIB_1.0). */
    long VixDiskLib_SpaceNeededForClone(VixDiskLibHandle handle, int diskType, LongByReference spaceNeeded);

    /** {@code VixError VixDiskLib_CheckRepair(VixDiskLibConnection, const char *file, Bool repair)} (VIXDISKLIB_1.1). */
    long VixDiskLib_CheckRepair(VixDiskLibConnection connection, String fileName, byte repair);

    /** {@code VixError VixDiskLib_Attach(VixDiskLibHandle parent, VixDiskLibHandle child)} (VIXDISKLIB_1.0). */
    long VixDiskLib_Attach(VixDiskLibHandle parent, VixDiskLibHandle child);

    /** {@code VixError VixDiskLib_IsAttachPossible(VixDiskLibHandle parent, VixDiskLibHandle child)} (VIXDISKLIB_1.3). */
    long VixDiskLib_IsAttachPossible(VixDiskLibHandle parent, VixDiskLibHandle child);
}
