/*
 * vixDiskLib.h -- vddk4j's own declarations of the VMware VDDK (VixDiskLib) C ABI.
 *
 * Written from VDDK's public header and programming guide (docs/vddk-behaviour.md): names,
 * types, constants and struct layouts of the real library, x86-64 LP64. Every struct size and field offset that the
 * real ABI fixes is checked by a _Static_assert at the end of this file, so a wrong edit
 * fails the build instead of corrupting memory at run time.
 *
 * VIXDISKLIB_VERSION_MAJOR selects the ABI generation (default 8):
 *   >= 7  VixDiskLibInfo carries logicalSectorSize/physicalSectorSize (64 bytes, else 56)
 *   >= 9  VixDiskLibConnectParams ends with sslCertificate (136 bytes, else 128)
 */
#ifndef VIXDISKLIB_H
#define VIXDISKLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef VIXDISKLIB_VERSION_MAJOR
#define VIXDISKLIB_VERSION_MAJOR 8
#endif
#ifndef VIXDISKLIB_VERSION_MINOR
#define VIXDISKLIB_VERSION_MINOR 0
#endif

/* ---- Basic types, named as VDDK names them ---------------------------------------- */
typedef uint8_t  uint8;
typedef uint16_t uint16;
typedef uint32_t uint32;
typedef int32_t  int32;
typedef uint64_t uint64;
typedef int64_t  int64;
typedef char     Bool;
#ifndef TRUE
#define TRUE  1
#endif
#ifndef FALSE
#define FALSE 0
#endif

/* ---- Errors ---------------------------------------------------------------------------- */
typedef uint64 VixError;
#define VIX_ERROR_CODE(err) ((err) & 0xFFFF)
#define VIX_SUCCEEDED(err)  (VIX_OK == (err))
#define VIX_FAILED(err)     (VIX_OK != (err))

enum {
   VIX_OK                             = 0,
   VIX_E_FAIL                         = 1,
   VIX_E_OUT_OF_MEMORY                = 2,
   VIX_E_INVALID_ARG                  = 3,
   VIX_E_FILE_NOT_FOUND               = 4,
   VIX_E_NOT_SUPPORTED                = 6,
   VIX_E_DISK_FULL                    = 8,
   VIX_E_INCORRECT_FILE_TYPE          = 9,
   VIX_E_CANCELLED                    = 10,
   VIX_E_FILE_READ_ONLY               = 11,
   VIX_E_FILE_ALREADY_EXISTS          = 12,
   VIX_E_FILE_ACCESS_ERROR            = 13,
   VIX_E_FILE_ALREADY_LOCKED          = 15,
   VIX_E_FILE_TOO_BIG                 = 21,
   VIX_E_FILE_NAME_INVALID            = 22,
   VIX_E_BUFFER_TOOSMALL              = 24,
   VIX_E_HOST_USER_PERMISSIONS        = 3014,
   VIX_E_HOST_SERVER_NOT_FOUND        = 14008,
   VIX_E_HOST_NETWORK_CONN_REFUSED    = 14009,
   VIX_E_DISK_INVAL                   = 16000,
   VIX_E_DISK_PARTIALCHAIN            = 16003,
   VIX_E_DISK_NEEDSREPAIR             = 16006,
   VIX_E_DISK_OUTOFRANGE              = 16007,
   VIX_E_DISK_CID_MISMATCH            = 16008,
   VIX_E_DISK_CANTSHRINK              = 16009,
   VIX_E_DISK_OPENPARENT              = 16012,
   VIX_E_DISK_NOTSUPPORTED            = 16013,
   VIX_E_DISK_NEEDVMFS                = 16022,
   VIX_E_DISK_KEY_NOTFOUND            = 16052,
   VIX_E_DISK_CANTREPAIR              = 16062,
   VIX_E_DISK_INVALIDDISK             = 16063,
   VIX_E_DISK_CAPACITY_MISMATCH       = 16067,
   VIX_E_DISK_PARENT_NOTALLOWED       = 16068,
   VIX_E_DISK_ATTACH_ROOTLINK         = 16069,
   VIX_E_CANNOT_CONNECT_TO_HOST       = 18000,
   VIX_E_OPERATION_DISABLED           = 20005,
   VIX_ASYNC                          = 25000,
   VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED  = 26000,
   VIX_E_NET_HTTP_OPERATION_TIMEDOUT  = 30028
};

/* ---- Disk basics ---------------------------------------------------------------------- */
typedef uint64 VixDiskLibSectorType;
#define VIXDISKLIB_SECTOR_SIZE 512

/* Chunk limits of QueryAllocatedBlocks, in sectors. */
#define VIXDISKLIB_MIN_CHUNK_SIZE   128
#define VIXDISKLIB_MAX_CHUNK_SIZE   (128 * 1024)
#define VIXDISKLIB_MAX_CHUNK_NUMBER (512 * 1024)

/* Open flags. */
#define VIXDISKLIB_FLAG_OPEN_UNBUFFERED         1
#define VIXDISKLIB_FLAG_OPEN_SINGLE_LINK        2
#define VIXDISKLIB_FLAG_OPEN_READ_ONLY          4
#define VIXDISKLIB_FLAG_OPEN_COMPRESSION_ZLIB   16
#define VIXDISKLIB_FLAG_OPEN_COMPRESSION_FASTLZ 32
#define VIXDISKLIB_FLAG_OPEN_COMPRESSION_SKIPZ  64
#define VIXDISKLIB_FLAG_OPEN_COMPRESSION_MASK   0x03f0

/* Opaque handles. */
typedef struct VixDiskLibConnectParam *VixDiskLibConnection;
typedef struct VixDiskLibHandleStruct *VixDiskLibHandle;

/* ---- Enums ------------------------------------------------------------------------------ */
typedef enum {
   VIXDISKLIB_CRED_UID       = 1,
   VIXDISKLIB_CRED_SESSIONID = 2,
   VIXDISKLIB_CRED_TICKETID  = 3,
   VIXDISKLIB_CRED_SSPI      = 4,
   VIXDISKLIB_CRED_UNKNOWN   = 256
} VixDiskLibCredType;

typedef enum {
   VIXDISKLIB_SPEC_VMX             = 0,
   VIXDISKLIB_SPEC_VSTORAGE_OBJECT = 1,
   VIXDISKLIB_SPEC_DATASTORE       = 2,
   VIXDISKLIB_SPEC_UNKNOWN         = 256
} VixDiskLibSpecType;

typedef enum {
   VIXDISKLIB_ADAPTER_IDE           = 1,
   VIXDISKLIB_ADAPTER_SCSI_BUSLOGIC = 2,
   VIXDISKLIB_ADAPTER_SCSI_LSILOGIC = 3,
   VIXDISKLIB_ADAPTER_UNKNOWN       = 256
} VixDiskLibAdapterType;

typedef enum {
   VIXDISKLIB_DISK_MONOLITHIC_SPARSE = 1,
   VIXDISKLIB_DISK_MONOLITHIC_FLAT   = 2,
   VIXDISKLIB_DISK_SPLIT_SPARSE      = 3,
   VIXDISKLIB_DISK_SPLIT_FLAT        = 4,
   VIXDISKLIB_DISK_VMFS_FLAT         = 5,
   VIXDISKLIB_DISK_STREAM_OPTIMIZED  = 6,
   VIXDISKLIB_DISK_VMFS_THIN         = 7,
   VIXDISKLIB_DISK_VMFS_SPARSE       = 8,
   VIXDISKLIB_DISK_UNKNOWN           = 256
} VixDiskLibDiskType;

/* Virtual hardware versions (VixDiskLibCreateParams.hwVersion). */
#define VIXDISKLIB_HWVERSION_WORKSTATION_4 3
#define VIXDISKLIB_HWVERSION_WORKSTATION_5 4
#define VIXDISKLIB_HWVERSION_WORKSTATION_6 6
#define VIXDISKLIB_HWVERSION_ESX30         4
#define VIXDISKLIB_HWVERSION_ESX4X         7
#define VIXDISKLIB_HWVERSION_ESX50         8
#define VIXDISKLIB_HWVERSION_ESX51         9
#define VIXDISKLIB_HWVERSION_ESX55         10
#define VIXDISKLIB_HWVERSION_ESX60         11
#define VIXDISKLIB_HWVERSION_ESX65         13

/* ---- Callbacks ------------------------------------------------------------------------- */
typedef void (VixDiskLibGenericLogFunc)(const char *fmt, va_list args);
typedef void (*VixDiskLibCompletionCB)(void *cbData, VixError result);
typedef Bool (*VixDiskLibProgressFunc)(void *progressData, int percentCompleted);

/* ---- Structs ---------------------------------------------------------------------------- */
typedef struct {
   char *userName;
   char *password;
} VixDiskLibUidPasswdCreds;

typedef struct {
   char *cookie;
   char *userName;
   char *key;
} VixDiskLibSessionIdCreds;

typedef union {
   VixDiskLibUidPasswdCreds uid;
   VixDiskLibSessionIdCreds sessionId;
} VixDiskLibCreds;

typedef struct {
   char *id;
   char *datastoreMoRef;
   char *ssId;
} VixDiskLibVStorageObjectSpec;

typedef struct {
   char *datastoreMoRef;
   char *diskFolder;
} VixDiskLibDatastoreSpec;

typedef union {
   VixDiskLibVStorageObjectSpec vStorageObjSpec;
   VixDiskLibDatastoreSpec dsSpec;
} VixDiskLibSpec;

typedef struct VixDiskLibConnectParams {
   char *vmxSpec;                   /* "moref=vm-42" */
   char *serverName;
   char *thumbPrint;                /* "AA:BB:..." */
   long privateUse;
   VixDiskLibCredType credType;
   VixDiskLibCreds creds;
   uint32 port;                     /* 0 = default (443) */
   uint32 nfcHostPort;              /* 0 = default (902) */
   char *vimApiVer;                 /* unused */
   char reserved[8];
   void *internalState;             /* owned by the library */
   VixDiskLibSpec spec;
   VixDiskLibSpecType specType;
#if VIXDISKLIB_VERSION_MAJOR >= 9
   char *sslCertificate;            /* PEM */
#endif
} VixDiskLibConnectParams;

typedef struct {
   uint32 cylinders;
   uint32 heads;
   uint32 sectors;
} VixDiskLibGeometry;

typedef struct {
   VixDiskLibGeometry biosGeo;
   VixDiskLibGeometry physGeo;
   VixDiskLibSectorType capacity;
   VixDiskLibAdapterType adapterType;
   int32 numLinks;
   char *parentFileNameHint;
   char *uuid;
#if VIXDISKLIB_VERSION_MAJOR >= 7
   uint32 logicalSectorSize;
   uint32 physicalSectorSize;
#endif
} VixDiskLibInfo;

typedef struct {
   VixDiskLibDiskType diskType;
   VixDiskLibAdapterType adapterType;
   uint16 hwVersion;
   VixDiskLibSectorType capacity;
   uint32 logicalSectorSize;
   uint32 physicalSectorSize;
} VixDiskLibCreateParams;

typedef struct {
   VixDiskLibSectorType offset;
   VixDiskLibSectorType length;
} VixDiskLibBlock;

typedef struct {
   uint32 numBlocks;
   VixDiskLibBlock blocks[1];       /* numBlocks entries */
} VixDiskLibBlockList;

typedef struct {
   char *path;
   uint32 flags;
   char *changeId;
} VixDiskLibOpenParams;

typedef struct {
   uint64 startOffset;
} VixDiskLibQueryChangedAreaParams;

typedef struct {
   uint64 startOffset;
   uint64 length;
   VixDiskLibBlockList *areas;
} VixDiskLibDiskChangeInfo;

/* ---- Functions -------------------------------------------------------------------------- */
VixError VixDiskLib_InitEx(uint32 majorVersion, uint32 minorVersion,
                           VixDiskLibGenericLogFunc *log, VixDiskLibGenericLogFunc *warn,
                           VixDiskLibGenericLogFunc *panic, const char *libDir,
                           const char *configFile);
VixError VixDiskLib_Init(uint32 majorVersion, uint32 minorVersion,
                         VixDiskLibGenericLogFunc *log, VixDiskLibGenericLogFunc *warn,
                         VixDiskLibGenericLogFunc *panic, const char *libDir);
void VixDiskLib_Exit(void);
const char *VixDiskLib_ListTransportModes(void);

VixDiskLibConnectParams *VixDiskLib_AllocateConnectParams(void);
void VixDiskLib_FreeConnectParams(VixDiskLibConnectParams *connectParams);
VixError VixDiskLib_ConnectEx(const VixDiskLibConnectParams *connectParams, Bool readOnly,
                              const char *snapshotRef, const char *transportModes,
                              VixDiskLibConnection *connection);
VixError VixDiskLib_Connect(const VixDiskLibConnectParams *connectParams,
                            VixDiskLibConnection *connection);
VixError VixDiskLib_Disconnect(VixDiskLibConnection connection);
VixError VixDiskLib_GetConnectParams(VixDiskLibConnection connection,
                                     VixDiskLibConnectParams **connectParams);

VixError VixDiskLib_PrepareForAccess(const VixDiskLibConnectParams *connectParams,
                                     const char *identity);
VixError VixDiskLib_EndAccess(const VixDiskLibConnectParams *connectParams,
                              const char *identity);
VixError VixDiskLib_Cleanup(const VixDiskLibConnectParams *connectParams,
                            uint32 *numCleanedUp, uint32 *numRemaining);

VixError VixDiskLib_Open(const VixDiskLibConnection connection, const char *path,
                         uint32 flags, VixDiskLibHandle *diskHandle);
VixError VixDiskLib_Close(VixDiskLibHandle diskHandle);
const char *VixDiskLib_GetTransportMode(VixDiskLibHandle diskHandle);
VixError VixDiskLib_GetInfo(VixDiskLibHandle diskHandle, VixDiskLibInfo **info);
void VixDiskLib_FreeInfo(VixDiskLibInfo *info);

VixError VixDiskLib_Read(VixDiskLibHandle diskHandle, VixDiskLibSectorType startSector,
                         VixDiskLibSectorType numSectors, uint8 *readBuffer);
VixError VixDiskLib_Write(VixDiskLibHandle diskHandle, VixDiskLibSectorType startSector,
                          VixDiskLibSectorType numSectors, const uint8 *writeBuffer);
VixError VixDiskLib_ReadAsync(VixDiskLibHandle diskHandle, VixDiskLibSectorType startSector,
                              VixDiskLibSectorType numSectors, uint8 *readBuffer,
                              VixDiskLibCompletionCB callback, void *cbData);
VixError VixDiskLib_WriteAsync(VixDiskLibHandle diskHandle, VixDiskLibSectorType startSector,
                               VixDiskLibSectorType numSectors, const uint8 *writeBuffer,
                               VixDiskLibCompletionCB callback, void *cbData);
VixError VixDiskLib_Wait(VixDiskLibHandle diskHandle);
VixError VixDiskLib_Flush(VixDiskLibHandle diskHandle);

VixError VixDiskLib_QueryAllocatedBlocks(VixDiskLibHandle diskHandle,
                                         VixDiskLibSectorType startSector,
                                         VixDiskLibSectorType numSectors,
                                         VixDiskLibSectorType chunkSize,
                                         VixDiskLibBlockList **blockList);
VixError VixDiskLib_FreeBlockList(VixDiskLibBlockList *blockList);

char *VixDiskLib_GetErrorText(VixError err, const char *locale);
void VixDiskLib_FreeErrorText(char *errMsg);

VixError VixDiskLib_GetMetadataKeys(VixDiskLibHandle diskHandle, char *keysBuffer,
                                    size_t bufLen, size_t *requiredLen);
VixError VixDiskLib_ReadMetadata(VixDiskLibHandle diskHandle, const char *key, char *buf,
                                 size_t bufLen, size_t *requiredLen);
VixError VixDiskLib_WriteMetadata(VixDiskLibHandle diskHandle, const char *key,
                                  const char *val);

VixError VixDiskLib_Create(const VixDiskLibConnection connection, const char *path,
                           const VixDiskLibCreateParams *createParams,
                           VixDiskLibProgressFunc progressFunc, void *progressCallbackData);
VixError VixDiskLib_CreateChild(VixDiskLibHandle diskHandle, const char *childPath,
                                VixDiskLibDiskType diskType,
                                VixDiskLibProgressFunc progressFunc,
                                void *progressCallbackData);
VixError VixDiskLib_Clone(const VixDiskLibConnection dstConnection, const char *dstPath,
                          const VixDiskLibConnection srcConnection, const char *srcPath,
                          const VixDiskLibCreateParams *vixCreateParams,
                          VixDiskLibProgressFunc progressFunc, void *progressCallbackData,
                          Bool overWrite);
VixError VixDiskLib_Grow(VixDiskLibConnection connection, const char *path,
                         VixDiskLibSectorType capacity, Bool updateGeometry,
                         VixDiskLibProgressFunc progressFunc, void *progressCallbackData);
VixError VixDiskLib_Shrink(VixDiskLibHandle diskHandle, VixDiskLibProgressFunc progressFunc,
                           void *progressCallbackData);
VixError VixDiskLib_Defragment(VixDiskLibHandle diskHandle,
                               VixDiskLibProgressFunc progressFunc,
                               void *progressCallbackData);
VixError VixDiskLib_Rename(const char *srcFileName, const char *dstFileName);
VixError VixDiskLib_Unlink(VixDiskLibConnection connection, const char *path);
VixError VixDiskLib_SpaceNeededForClone(VixDiskLibHandle diskHandle,
                                        VixDiskLibDiskType cloneDiskType,
                                        uint64 *spaceNeeded);
VixError VixDiskLib_CheckRepair(const VixDiskLibConnection connection, const char *filename,
                                Bool repair);
VixError VixDiskLib_Attach(VixDiskLibHandle parent, VixDiskLibHandle child);
VixError VixDiskLib_IsAttachPossible(VixDiskLibHandle parent, VixDiskLibHandle child);

/* VDDK 9.0 */
VixError VixDiskLib_OpenEx(const VixDiskLibConnection connection,
                           const VixDiskLibOpenParams *openParams,
                           VixDiskLibHandle *diskHandle);
VixError VixDiskLib_QueryChangedAreas(VixDiskLibHandle diskHandle,
                                      const VixDiskLibQueryChangedAreaParams *params,
                                      VixDiskLibDiskChangeInfo **changeInfo);
void VixDiskLib_FreeChangedAreas(VixDiskLibDiskChangeInfo *changeInfo);
VixError VixDiskLib_GetConnectionFromDisk(VixDiskLibHandle diskHandle,
                                          VixDiskLibConnection *connection);

/* ---- ABI checks (x86-64 LP64) ----------------------------------------------------------- */
#ifndef __cplusplus
#define VIXDISKLIB_ASSERT_OFF(type, member, off) \
   _Static_assert(offsetof(type, member) == (off), #type "." #member " at " #off)
#define VIXDISKLIB_ASSERT_SIZE(type, size) \
   _Static_assert(sizeof(type) == (size), "sizeof(" #type ") == " #size)

VIXDISKLIB_ASSERT_SIZE(Bool, 1);
VIXDISKLIB_ASSERT_SIZE(VixError, 8);
VIXDISKLIB_ASSERT_SIZE(VixDiskLibSectorType, 8);
VIXDISKLIB_ASSERT_SIZE(VixDiskLibCredType, 4);
VIXDISKLIB_ASSERT_SIZE(VixDiskLibAdapterType, 4);

#if VIXDISKLIB_VERSION_MAJOR >= 9
VIXDISKLIB_ASSERT_SIZE(VixDiskLibConnectParams, 136);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, sslCertificate, 128);
#else
VIXDISKLIB_ASSERT_SIZE(VixDiskLibConnectParams, 128);
#endif
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, vmxSpec, 0);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, serverName, 8);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, thumbPrint, 16);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, privateUse, 24);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, credType, 32);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, creds, 40);
VIXDISKLIB_ASSERT_SIZE(VixDiskLibCreds, 24);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, creds.uid.userName, 40);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, creds.uid.password, 48);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, creds.sessionId.cookie, 40);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, creds.sessionId.userName, 48);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, creds.sessionId.key, 56);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, port, 64);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, nfcHostPort, 68);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, vimApiVer, 72);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, reserved, 80);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, internalState, 88);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, spec, 96);
VIXDISKLIB_ASSERT_SIZE(VixDiskLibSpec, 24);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, spec.vStorageObjSpec.id, 96);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, spec.vStorageObjSpec.datastoreMoRef, 104);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, spec.vStorageObjSpec.ssId, 112);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, spec.dsSpec.datastoreMoRef, 96);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, spec.dsSpec.diskFolder, 104);
VIXDISKLIB_ASSERT_OFF(VixDiskLibConnectParams, specType, 120);

VIXDISKLIB_ASSERT_SIZE(VixDiskLibGeometry, 12);
VIXDISKLIB_ASSERT_OFF(VixDiskLibGeometry, cylinders, 0);
VIXDISKLIB_ASSERT_OFF(VixDiskLibGeometry, heads, 4);
VIXDISKLIB_ASSERT_OFF(VixDiskLibGeometry, sectors, 8);

#if VIXDISKLIB_VERSION_MAJOR >= 7
VIXDISKLIB_ASSERT_SIZE(VixDiskLibInfo, 64);
VIXDISKLIB_ASSERT_OFF(VixDiskLibInfo, logicalSectorSize, 56);
VIXDISKLIB_ASSERT_OFF(VixDiskLibInfo, physicalSectorSize, 60);
#else
VIXDISKLIB_ASSERT_SIZE(VixDiskLibInfo, 56);
#endif
VIXDISKLIB_ASSERT_OFF(VixDiskLibInfo, biosGeo, 0);
VIXDISKLIB_ASSERT_OFF(VixDiskLibInfo, physGeo, 12);
VIXDISKLIB_ASSERT_OFF(VixDiskLibInfo, capacity, 24);
VIXDISKLIB_ASSERT_OFF(VixDiskLibInfo, adapterType, 32);
VIXDISKLIB_ASSERT_OFF(VixDiskLibInfo, numLinks, 36);
VIXDISKLIB_ASSERT_OFF(VixDiskLibInfo, parentFileNameHint, 40);
VIXDISKLIB_ASSERT_OFF(VixDiskLibInfo, uuid, 48);

VIXDISKLIB_ASSERT_SIZE(VixDiskLibCreateParams, 32);
VIXDISKLIB_ASSERT_OFF(VixDiskLibCreateParams, diskType, 0);
VIXDISKLIB_ASSERT_OFF(VixDiskLibCreateParams, adapterType, 4);
VIXDISKLIB_ASSERT_OFF(VixDiskLibCreateParams, hwVersion, 8);
VIXDISKLIB_ASSERT_OFF(VixDiskLibCreateParams, capacity, 16);
VIXDISKLIB_ASSERT_OFF(VixDiskLibCreateParams, logicalSectorSize, 24);
VIXDISKLIB_ASSERT_OFF(VixDiskLibCreateParams, physicalSectorSize, 28);

VIXDISKLIB_ASSERT_SIZE(VixDiskLibBlock, 16);
VIXDISKLIB_ASSERT_OFF(VixDiskLibBlock, offset, 0);
VIXDISKLIB_ASSERT_OFF(VixDiskLibBlock, length, 8);
VIXDISKLIB_ASSERT_OFF(VixDiskLibBlockList, numBlocks, 0);
VIXDISKLIB_ASSERT_OFF(VixDiskLibBlockList, blocks, 8);

VIXDISKLIB_ASSERT_SIZE(VixDiskLibOpenParams, 24);
VIXDISKLIB_ASSERT_OFF(VixDiskLibOpenParams, path, 0);
VIXDISKLIB_ASSERT_OFF(VixDiskLibOpenParams, flags, 8);
VIXDISKLIB_ASSERT_OFF(VixDiskLibOpenParams, changeId, 16);

VIXDISKLIB_ASSERT_SIZE(VixDiskLibQueryChangedAreaParams, 8);
VIXDISKLIB_ASSERT_OFF(VixDiskLibQueryChangedAreaParams, startOffset, 0);

VIXDISKLIB_ASSERT_SIZE(VixDiskLibDiskChangeInfo, 24);
VIXDISKLIB_ASSERT_OFF(VixDiskLibDiskChangeInfo, startOffset, 0);
VIXDISKLIB_ASSERT_OFF(VixDiskLibDiskChangeInfo, length, 8);
VIXDISKLIB_ASSERT_OFF(VixDiskLibDiskChangeInfo, areas, 16);
#endif /* !__cplusplus */

#ifdef __cplusplus
}
#endif

#endif /* VIXDISKLIB_H */
