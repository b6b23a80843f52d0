/*
 * format.h -- the disk format layer of the stub (internal, not installed).
 *
 * Three levels, each usable on its own:
 *
 *   descriptor (vmdk.c)   the text of a VMDK descriptor as a list of lines, classified by a
 *                         small grammar (blank, comment, key = value, extent line), with the
 *                         parsed extent lines; edit keys; save (atomic rename for a text
 *                         descriptor, in place for one embedded in a sparse extent).
 *   extents (extent.c,    an opened extent: FLAT (raw file at an offset), ZERO (no file,
 *    sparse.c)            reads zeros), SPARSE (hosted sparse extent: header, grain directory,
 *                         grain tables, grains, as VMware and qemu-img write it).
 *   disk (extent.c)       a descriptor with its opened extents and, for a delta disk, its
 *                         opened parent chain. Read/write/allocation queries in disk sectors.
 *
 * VixDiskLib_* functions (disk.c, metadata.c, allocated.c) work on a StubDisk and never look
 * at a file format themselves; disk management (Create, CreateChild, Clone, ...) uses the
 * creation functions at the end of this header. This API is kept stable for its users.
 *
 * Thread safety: a StubDisk may be read and written by several threads at once (different
 * sectors); grain allocation and descriptor edits are serialized by the disk's own mutex.
 */
#ifndef STUB_FORMAT_H
#define STUB_FORMAT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "vixDiskLib.h"

/* ---- descriptor (vmdk.c) --------------------------------------------------------------- */

typedef enum { STUB_ACCESS_RW, STUB_ACCESS_RDONLY, STUB_ACCESS_NOACCESS } StubExtentAccess;
typedef enum { STUB_EXTENT_FLAT, STUB_EXTENT_ZERO, STUB_EXTENT_SPARSE } StubExtentType;

/* One extent line: `RW 131072 FLAT "d-flat.vmdk" 0`, `RDONLY 100 ZERO`, `RW 8 SPARSE "s.vmdk"`.
 * VMFS extents are FLAT (same layout on a hosted file). */
typedef struct {
   StubExtentAccess access;
   StubExtentType type;
   uint64 sectors;          /* size in the virtual disk */
   char *fileName;          /* as written (relative to the descriptor's directory or
                               absolute); NULL for ZERO */
   uint64 offset;           /* FLAT: start in the file, in sectors */
} StubExtentLine;

typedef struct {
   char **lines;            /* the text, one entry per line, without line ends */
   size_t numLines;
   StubExtentLine *extents;
   size_t numExtents;
   uint64 capacity;         /* sum of the extents' sectors */
   /* Where the text lives: a file of its own (embeddedSize == 0), or embedded in a sparse
    * extent at byte embeddedOffset, at most embeddedSize bytes (rest NUL-padded). */
   uint64 embeddedOffset;
   uint64 embeddedSize;
} StubVmdk;

/* Load a descriptor: a text file, or the descriptor embedded in a monolithicSparse file.
 * Errors: VIX_E_FILE_NOT_FOUND, VIX_E_DISK_INVALIDDISK (not a descriptor / malformed, the
 * cause logged), VIX_E_FILE_ACCESS_ERROR, VIX_E_OUT_OF_MEMORY. */
VixError stub_vmdk_load(const char *path, StubVmdk *vmdk);
/* Parse descriptor text (NUL bytes after the text are padding). what names it in logs. */
VixError stub_vmdk_parse(const char *text, size_t len, const char *what, StubVmdk *vmdk);
void stub_vmdk_free(StubVmdk *vmdk);
/* Value of key (keys are case-insensitive; quotes removed) copied into buf; NULL if absent. */
const char *stub_vmdk_get(const StubVmdk *vmdk, const char *key, char *buf, size_t bufLen);
/* Value of key as a malloc'd string of any length; NULL if absent (*found false) or out of
 * memory (*found true). */
char *stub_vmdk_value(const StubVmdk *vmdk, const char *key, bool *found);
/* Set key (replacing its line, or appended; ddb.* keys go to the end, others before the
 * extent section). quoted: `key = "value"`, else `key=value`. VIX_E_DISK_FULL, nothing
 * changed, if the descriptor would outgrow what it may hold (1 MiB of text, or the space
 * reserved for it in a sparse file). */
VixError stub_vmdk_set(StubVmdk *vmdk, const char *key, const char *value, bool quoted);
/* The ddb.* keys without their "ddb." prefix, in descriptor order, each NUL-terminated, the
 * list ended by an empty string (GetMetadataKeys' format); a key seen twice is listed once.
 * Returns the bytes needed; fills buf only if bufLen is at least that. */
size_t stub_vmdk_ddb_keys(const StubVmdk *vmdk, char *buf, size_t bufLen);
/* A key the grammar accepts ([A-Za-z0-9._:-]+) / a value that can be written quoted (no '"',
 * no line break, no NUL). */
bool stub_vmdk_valid_key(const char *key);
bool stub_vmdk_valid_value(const char *value);
/* A path a new descriptor can name (extent line, parentFileNameHint): without '"' and line
 * breaks, which the descriptor grammar cannot quote. Else logs and gives VIX_E_INVALID_ARG. */
VixError stub_vmdk_check_path(const char *function, const char *path);
/* Render the text (lines joined with '\n'); malloc'd, *len set. */
char *stub_vmdk_render(const StubVmdk *vmdk, size_t *len);
/* Write the descriptor back to path: atomically (temp file + rename, mode kept) for a text
 * descriptor, in place (NUL-padded) for an embedded one (VIX_E_DISK_FULL if it no longer
 * fits). */
VixError stub_vmdk_save(const StubVmdk *vmdk, const char *path);
/* The changes real VDDK makes on the first write: new CID, longContentID, encoding. Saves. */
VixError stub_vmdk_mark_written(StubVmdk *vmdk, const char *path);
/* ddb.adapterType -> GetInfo's adapterType (pvscsi, lsisas1068, unknown: 256). */
VixDiskLibAdapterType stub_vmdk_adapter(const StubVmdk *vmdk);
/* Path of a file named in the descriptor (absolute, or relative to the descriptor's
 * directory); malloc'd. */
char *stub_vmdk_resolve(const char *descriptorPath, const char *fileName);
/* 8 hex digits of a fresh content ID (never ffffffff). */
void stub_vmdk_new_cid(char out[9]);

/* ---- opened extents (extent.c, sparse.c) ---------------------------------------------------- */

struct StubSparse;                 /* hosted sparse extent state (sparse.c) */

typedef struct {
   StubExtentLine line;           /* copy of the descriptor's line (fileName not owned) */
   uint64 start;                  /* first disk sector of this extent */
   int fd;                        /* -1 for ZERO */
   struct StubSparse *sparse;     /* SPARSE only */
} StubExtent;

/* What one disk sector range maps to (the longest run with one answer). */
typedef enum {
   STUB_MAP_DATA,                 /* bytes at fileOffset of fd */
   STUB_MAP_ZERO,                 /* reads zeros (ZERO extent, zeroed grain) */
   STUB_MAP_UNALLOCATED           /* not in this link: the parent's data, else zeros */
} StubMapKind;

typedef struct {
   StubMapKind kind;
   int fd;
   uint64 fileOffset;             /* bytes, for STUB_MAP_DATA */
   uint64 sectors;                /* length of the run (>= 1) */
} StubMapping;

/* Hosted sparse extents (sparse.c). backing fills sectors [sector, sector+n) of the extent
 * with what the disk shows there without this extent's data (a delta disk's parent), for the
 * rest of a partially written new grain; NULL: zeros. */
typedef VixError (*StubBackingRead)(void *ctx, uint64 sector, uint64 n, uint8 *buf);
VixError stub_sparse_open(int fd, const char *path, struct StubSparse **out);
void stub_sparse_close(struct StubSparse *sparse);
uint64 stub_sparse_capacity(const struct StubSparse *sparse);
VixError stub_sparse_map(struct StubSparse *sparse, uint64 sector, uint64 n, StubMapping *m);
VixError stub_sparse_write(struct StubSparse *sparse, uint64 sector, uint64 n,
                           const uint8 *buf, StubBackingRead backing, void *ctx);

/* ---- disks (extent.c) ---------------------------------------------------------------------- */

#define STUB_DISK_OPEN_READ_ONLY 1u   /* files opened O_RDONLY; writes refused */
#define STUB_DISK_OPEN_DIRECT    2u   /* O_DIRECT on FLAT extents (fallback if refused) */
#define STUB_DISK_OPEN_SINGLE_LINK 4u /* this link only, no parent (FLAG_OPEN_SINGLE_LINK) */

typedef struct StubDisk {
   char *path;                    /* the descriptor (or monolithicSparse file) */
   StubVmdk vmdk;
   StubExtent *extents;
   size_t numExtents;
   uint64 capacity;               /* sectors */
   bool readOnly;
   bool direct;                   /* O_DIRECT in effect on its FLAT extents */
   bool embedded;                 /* descriptor inside a sparse extent (monolithicSparse) */
   struct StubDisk *parent;       /* delta disk: parent (opened read-only), else NULL */
   int numLinks;                  /* 1 + links of the parent chain */
   pthread_mutex_t mutex;         /* grain allocation, descriptor edits */
} StubDisk;

/* Open a disk and its parent chain (parentFileNameHint, checked against parentCID).
 * Errors: those of stub_vmdk_load, VIX_E_FILE_NOT_FOUND for a missing extent,
 * VIX_E_DISK_OPENPARENT / VIX_E_DISK_CID_MISMATCH for the parent. Causes are logged. */
VixError stub_disk_open(const char *path, uint32 flags, StubDisk **out);
void stub_disk_close(StubDisk *disk);      /* NULL-safe; closes the parent chain too */
/* Sector I/O within [0, capacity) (callers check the range). Unallocated sectors of a delta
 * disk read from the parent chain. Write: VIX_E_FILE_ACCESS_ERROR on RDONLY/NOACCESS
 * extents (as VDDK 9.0), VIX_E_FILE_READ_ONLY on a read-only disk; allocates grains. */
VixError stub_disk_read(StubDisk *disk, uint64 sector, uint64 n, uint8 *buf);
VixError stub_disk_write(StubDisk *disk, uint64 sector, uint64 n, const uint8 *buf);
VixError stub_disk_flush(StubDisk *disk);
/* Map sector of this link only (the parent chain is not consulted); n >= 1 limits the run. */
VixError stub_disk_map(StubDisk *disk, uint64 sector, uint64 n, StubMapping *m);
/* Is any sector of [sector, sector+n) allocated in this disk or its parent chain?
 * FLAT: data per SEEK_DATA/SEEK_HOLE; SPARSE: allocated grains; ZERO: never. */
VixError stub_disk_is_allocated(StubDisk *disk, uint64 sector, uint64 n, bool *allocated);
/* Save the descriptor after stub_vmdk_set edits (text: atomic rename; embedded: in place). */
VixError stub_disk_save_descriptor(StubDisk *disk);
/* The first extent's fd (-1 if none). Handles lock by descriptor path (locks.c), not here. */
int stub_disk_lock_fd(const StubDisk *disk);

/* ---- creation (sparse.c, vmdk.c) ----------------------------------------------------------- */

typedef struct {
   uint64 capacity;                  /* sectors */
   VixDiskLibAdapterType adapterType;/* ide, buslogic, lsilogic */
   uint16 hwVersion;                 /* ddb.virtualHWVersion (0: 4, as qemu-img writes) */
} StubCreateSpec;

/* Hosted sparse extent layout as VMware and qemu-img write it: grains of 128 sectors,
 * 512 entries per grain table, descriptor at sector 1 (20 sectors), redundant grain
 * directory and tables, then the primary ones, grains from `overHead` on. */
#define STUB_SPARSE_MAGIC        0x564d444bu   /* "KDMV" little-endian */
#define STUB_SPARSE_GRAIN        128u          /* sectors */
#define STUB_SPARSE_GTES_PER_GT  512u
#define STUB_SPARSE_DESC_OFFSET  1u            /* sectors */
#define STUB_SPARSE_DESC_SIZE    20u           /* sectors */

/* On-disk header, 512 bytes, little-endian, packed. */
typedef struct __attribute__((packed)) {
   uint32 magicNumber;            /* STUB_SPARSE_MAGIC */
   uint32 version;                /* 1 (3 with zeroed-grain support is read too) */
   uint32 flags;                  /* bit 0 newline test, bit 1 redundant GD, bit 2 zeroed GTE,
                                     bit 16 compressed, bit 17 markers */
   uint64 capacity;               /* sectors */
   uint64 grainSize;              /* sectors */
   uint64 descriptorOffset;       /* sectors, 0 if none */
   uint64 descriptorSize;         /* sectors */
   uint32 numGTEsPerGT;
   uint64 rgdOffset;              /* sectors */
   uint64 gdOffset;               /* sectors */
   uint64 overHead;               /* sectors before the first grain */
   uint8 uncleanShutdown;
   char singleEndLineChar;        /* '\n' */
   char nonEndLineChar;           /* ' ' */
   char doubleEndLineChar1;       /* '\r' */
   char doubleEndLineChar2;       /* '\n' */
   uint16 compressAlgorithm;
   uint8 pad[433];
} StubSparseHeader;
_Static_assert(sizeof(StubSparseHeader) == 512, "sparse header is one sector");

/* Create an empty monolithicSparse disk (one file, embedded descriptor, mode 0600).
 * VIX_E_FILE_ALREADY_EXISTS if path exists; VIX_E_INVALID_ARG for capacity 0 or an unknown
 * adapter. */
VixError stub_sparse_create(const char *path, const StubCreateSpec *spec);
/* Create a monolithicSparse delta disk of parent (an opened disk): same capacity and
 * geometry, parentCID = parent's CID, parentFileNameHint = parentPath as given (relative
 * paths are relative to the child's directory, as VMware writes them). Reads of the new child
 * fall through to the parent. */
VixError stub_sparse_create_child(const char *childPath, const StubDisk *parent,
                                  const char *parentFileNameHint);
/* Descriptor text of a new disk: header keys, createType, the one extent line, parent keys
 * (parentCid NULL: ffffffff; parentHint NULL: none), ddb geometry/adapter/hw version/uuid.
 * malloc'd, NULL when out of memory. */
char *stub_vmdk_new_text(const char *createType, const char *extentLine,
                         const StubCreateSpec *spec, const char *parentCid,
                         const char *parentHint);
/* path ends in ".vmdk", capacity > 0, adapter ide/buslogic/lsilogic. */
bool stub_create_spec_valid(const char *path, const StubCreateSpec *spec);
/* Create a monolithicFlat disk: descriptor + sparse "<name>-flat.vmdk", both 0600. */
VixError stub_flat_create(const char *path, const StubCreateSpec *spec);

#endif /* STUB_FORMAT_H */
