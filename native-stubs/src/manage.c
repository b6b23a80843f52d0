/*
 * manage.c -- disk management on local files: Create, Grow, Shrink, Defragment, Rename,
 * Unlink, CheckRepair, SpaceNeededForClone. Clone is in clone.c.
 *
 * Rules every function here follows:
 *  - a new disk is written in a staging directory beside its target and moved to its final
 *    name only when complete (progress.c), so a failure or a cancellation leaves nothing;
 *  - a disk that is open (its lock, locks.c) is not changed: 20006, as Open fails;
 *  - where VDDK's documents say what happens, the comment at the rule cites them; the other
 *    choices are listed in native-stubs/README.md ("Disk management").
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stub_internal.h"

/* ---- the files of a disk ------------------------------------------------------------------- */

/* A disk's descriptor and the absolute paths of its files: extents first, the descriptor
 * last (a monolithicSparse disk is one file: its extent holds its descriptor). */
#define MAX_DISK_FILES 16
typedef struct {
   StubVmdk vmdk;
   char *files[MAX_DISK_FILES];
   size_t numFiles;
   bool sparse;         /* one SPARSE extent (monolithicSparse, or a delta disk) */
   bool flat;           /* one FLAT extent (monolithicFlat) */
   bool child;          /* has a parent (parentCID other than ffffffff) */
   StubDiskLock *lock;  /* lock_disk */
} DiskFiles;

static void disk_files_free(DiskFiles *d)
{
   stub_disklock_release(d->lock);
   for (size_t i = 0; i < d->numFiles; i++) {
      free(d->files[i]);
   }
   stub_vmdk_free(&d->vmdk);
   memset(d, 0, sizeof *d);
}

static bool add_file(DiskFiles *d, char *file)
{
   for (size_t i = 0; file != NULL && i < d->numFiles; i++) {
      if (strcmp(d->files[i], file) == 0) {
         free(file);
         return true;
      }
   }
   if (file == NULL || d->numFiles == MAX_DISK_FILES) {
      free(file);
      return false;
   }
   d->files[d->numFiles++] = file;
   return true;
}

static VixError disk_files_load(const char *path, DiskFiles *d)
{
   memset(d, 0, sizeof *d);
   VixError err = stub_vmdk_load(path, &d->vmdk);
   if (err != VIX_OK) {
      if (err == VIX_E_FILE_NOT_FOUND) {
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: disk %s not found\n", path);
      }
      return err;
   }
   bool ok = true;
   for (size_t i = 0; ok && i < d->vmdk.numExtents; i++) {
      if (d->vmdk.extents[i].fileName != NULL) {
         ok = add_file(d, stub_vmdk_resolve(path, d->vmdk.extents[i].fileName));
      }
   }
   char *self = strdup(path);
   if (ok && self != NULL && d->numFiles > 0 && strcmp(d->files[d->numFiles - 1], self) == 0) {
      free(self);   /* embedded descriptor: already listed */
   } else {
      ok = ok && add_file(d, self);
   }
   if (!ok) {
      disk_files_free(d);
      return VIX_E_OUT_OF_MEMORY;
   }
   char cid[32];
   d->sparse = d->vmdk.numExtents == 1 && d->vmdk.extents[0].type == STUB_EXTENT_SPARSE;
   d->flat = d->vmdk.numExtents == 1 && d->vmdk.extents[0].type == STUB_EXTENT_FLAT;
   d->child = stub_vmdk_get(&d->vmdk, "parentCID", cid, sizeof cid) != NULL &&
              strcasecmp(cid, "ffffffff") != 0;
   return VIX_OK;
}

/* Take the disk lock Open takes (locks.c): readOnlyLock = FALSE excludes every other
 * handle, as changing or deleting the disk needs (VixDiskLib.h on Grow: "The specified disk
 * is not open"); TRUE excludes writers only. 20006 after the retry period if held. Then open
 * the first extent file with openFlags (O_RDONLY / O_RDWR) for the caller. The lock is
 * released by disk_files_free. */
static VixError lock_disk(DiskFiles *d, int openFlags, bool readOnlyLock, int *fd)
{
   *fd = -1;
   VixError err = stub_disklock_acquire(d->files[d->numFiles - 1], readOnlyLock, &d->lock);
   if (err != VIX_OK) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s is open (locked)\n", d->files[d->numFiles - 1]);
      return err;
   }
   *fd = open(d->files[0], openFlags | O_CLOEXEC);
   return *fd < 0 ? stub_errno_to_vix(errno) : VIX_OK;
}

VixError stub_check_unlocked(const char *path)
{
   DiskFiles d;
   if (!stub_disk_exists(path) || disk_files_load(path, &d) != VIX_OK) {
      return VIX_OK;   /* not a disk (or none): nothing holds it */
   }
   int fd = -1;
   VixError err = lock_disk(&d, O_RDONLY, false, &fd);
   if (fd >= 0) {
      close(fd);
   }
   disk_files_free(&d);
   return err == STUB_E_DISK_LOCKED ? err : VIX_OK;
}

bool stub_disk_exists(const char *path)
{
   struct stat st;
   if (lstat(path, &st) == 0) {
      return true;
   }
   char *flat = stub_flat_extent_name(path);
   bool exists = flat != NULL && lstat(flat, &st) == 0;
   free(flat);
   return exists;
}

/* "dir/NAME.vmdk" -> "dir/NAME-flat.vmdk" (what a monolithicFlat disk's extent is named). */
char *stub_flat_extent_name(const char *path)
{
   size_t len = strlen(path);
   int stem = len > 5 && strcmp(path + len - 5, ".vmdk") == 0 ? (int)(len - 5) : (int)len;
   char *out;
   return asprintf(&out, "%.*s-flat.vmdk", stem, path) < 0 ? NULL : out;
}

static const char *base_name(const char *path)
{
   const char *slash = strrchr(path, '/');
   return slash != NULL ? slash + 1 : path;
}

/* ---- creation parameters --------------------------------------------------------------------- */

VixError stub_check_create_params(const VixDiskLibCreateParams *p, const char *function)
{
   const char *why = NULL;
   VixError err = VIX_OK;
   switch (p->diskType) {
   case VIXDISKLIB_DISK_MONOLITHIC_FLAT:
   case VIXDISKLIB_DISK_MONOLITHIC_SPARSE:
      break;
   case VIXDISKLIB_DISK_SPLIT_SPARSE:
   case VIXDISKLIB_DISK_SPLIT_FLAT:
   case VIXDISKLIB_DISK_STREAM_OPTIMIZED:
      err = VIX_E_NOT_SUPPORTED;
      why = "the stub creates monolithicSparse and monolithicFlat disks only (a stub limit, not VDDK's)";
      break;
   case VIXDISKLIB_DISK_VMFS_FLAT:
   case VIXDISKLIB_DISK_VMFS_THIN:
   case VIXDISKLIB_DISK_VMFS_SPARSE:
      /* VMFS disk types need a VMFS datastore (VixDiskLib.h: Create makes hosted disks). */
      err = VIX_E_DISK_NEEDVMFS;
      why = "VMFS disk types can only be created on VMFS (clone to a datastore instead)";
      break;
   default:
      err = VIX_E_INVALID_ARG;
      why = "unknown diskType";
   }
   if (err == VIX_OK && (p->adapterType < VIXDISKLIB_ADAPTER_IDE ||
                         p->adapterType > VIXDISKLIB_ADAPTER_SCSI_LSILOGIC)) {
      err = VIX_E_INVALID_ARG;
      why = "adapterType must be IDE (1), SCSI_BUSLOGIC (2) or SCSI_LSILOGIC (3)";
   }
   if (err == VIX_OK && p->capacity == 0) {
      err = VIX_E_INVALID_ARG;
      why = "capacity is 0 sectors";
   }
   if (err == VIX_OK && p->capacity > (UINT64_MAX >> 10)) {
      err = VIX_E_INVALID_ARG;
      why = "capacity is too large";
   }
   if (err == VIX_OK) {
      uint32 l = p->logicalSectorSize, ph = p->physicalSectorSize;
      if ((l == 0 && ph == 0) || (l == 512 && ph == 512)) {
         /* 512-byte sectors: the only kind hosted VMDKs have */
      } else if ((l == 512 && ph == 4096) || (l == 4096 && ph == 4096)) {
         err = VIX_E_NOT_SUPPORTED;
         why = "512e and 4Kn sector sizes are not supported for hosted disks";
      } else {
         err = VIX_E_INVALID_ARG;
         why = "logical/physical sector sizes must be 0/0, 512/512, 512/4096 or 4096/4096";
      }
   }
   if (err != VIX_OK) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: %s (diskType %d, adapterType %d, "
                "capacity %llu, sector sizes %u/%u)\n", function, why, (int)p->diskType,
                (int)p->adapterType, (unsigned long long)p->capacity, p->logicalSectorSize,
                p->physicalSectorSize);
   }
   return err;
}

/*
 * Write a new, empty disk of p's type and capacity into the staging directory under the base
 * name of path (format layer: stub_flat_create / stub_sparse_create). A flat extent is then
 * preallocated with progress over [base, base + capacity bytes) of total (VixDiskLib.h:
 * MONOLITHIC_FLAT is "all space pre-allocated"); a sparse disk has nothing to allocate.
 */
VixError stub_stage_disk(StubStage *s, const char *path, const VixDiskLibCreateParams *p,
                         StubProgress *progress, uint64 base, uint64 total,
                         StubStagedDisk *out)
{
   memset(out, 0, sizeof *out);
   bool flat = p->diskType == VIXDISKLIB_DISK_MONOLITHIC_FLAT;
   StubCreateSpec spec = { .capacity = p->capacity, .adapterType = p->adapterType,
                           .hwVersion = p->hwVersion };
   out->descriptor = stub_stage_path(s, path);
   char *flatBase = flat ? stub_flat_extent_name(base_name(path)) : NULL;
   if (flat) {
      out->names[out->numNames++] = flatBase;
   }
   out->names[out->numNames++] = strdup(base_name(path));
   if (out->descriptor == NULL || (flat && flatBase == NULL) ||
       out->names[out->numNames - 1] == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   VixError err = flat ? stub_flat_create(out->descriptor, &spec)
                       : stub_sparse_create(out->descriptor, &spec);
   if (err == VIX_OK && flat) {
      char *extent = stub_stage_path(s, flatBase);
      int fd = extent != NULL ? open(extent, O_RDWR | O_CLOEXEC) : -1;
      err = fd < 0 ? (extent == NULL ? VIX_E_OUT_OF_MEMORY : stub_errno_to_vix(errno))
                   : stub_allocate(fd, 0, p->capacity * VIXDISKLIB_SECTOR_SIZE, progress,
                                   base, total);
      if (err == VIX_OK && fsync(fd) != 0) {
         err = stub_errno_to_vix(errno);
      }
      if (fd >= 0) {
         close(fd);
      }
      free(extent);
   }
   return err;
}

void stub_staged_disk_free(StubStagedDisk *d)
{
   free(d->descriptor);
   for (size_t i = 0; i < d->numNames; i++) {
      free(d->names[i]);
   }
   memset(d, 0, sizeof *d);
}

/* ---- Create ------------------------------------------------------------------------------ */

STUB_API VixError VixDiskLib_Create(const VixDiskLibConnection connection, const char *path,
                                    const VixDiskLibCreateParams *createParams,
                                    VixDiskLibProgressFunc progressFunc,
                                    void *progressCallbackData)
{
   VixError err = stub_enter("VixDiskLib_Create");
   if (err != VIX_OK) {
      return err;
   }
   if (path == NULL || createParams == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = stub_check_connection("Create", connection)) != VIX_OK) {
      return err;
   }
   if (!connection->local) {
      /* VixDiskLib.h: "Creates a local disk. Remote disk creation is not supported." */
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Create: remote disk creation is not supported "
                "(create a local disk and Clone it to the server)\n");
      return VIX_E_NOT_SUPPORTED;
   }
   if ((err = stub_check_create_params(createParams, "Create")) != VIX_OK ||
       (err = stub_vmdk_check_path("Create", path)) != VIX_OK) {
      return err;
   }
   if (stub_disk_exists(path)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Create: %s already exists\n", path);
      return VIX_E_FILE_ALREADY_EXISTS;
   }
   StubProgress progress;
   StubStage stage;
   StubStagedDisk disk;
   stub_progress_init(&progress, progressFunc, progressCallbackData, "Create");
   uint64 bytes = createParams->capacity * VIXDISKLIB_SECTOR_SIZE;
   if ((err = stub_stage_begin(&stage, path)) != VIX_OK) {
      return err;
   }
   err = stub_stage_disk(&stage, path, createParams, &progress, 0, bytes, &disk);
   if (err == VIX_OK) {
      err = stub_stage_commit(&stage, disk.names, disk.numNames, false);
   } else {
      stub_stage_abort(&stage);
   }
   stub_staged_disk_free(&disk);
   if (err == VIX_OK) {
      (void)stub_progress_report(&progress, bytes, bytes);   /* the disk exists now */
      stub_logf(STUB_LVL_INFO, "VixDiskLib: created %s (%llu sectors, %s)\n", path,
                (unsigned long long)createParams->capacity,
                createParams->diskType == VIXDISKLIB_DISK_MONOLITHIC_FLAT ? "monolithicFlat"
                                                                        : "monolithicSparse");
   } else if (err != VIX_E_CANCELLED) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Create of %s failed (error %llu)\n", path,
                (unsigned long long)err);
   }
   return err;
}

/* ---- rewriting a monolithicSparse disk (Grow, Shrink, Defragment) ------------------------------ */

static VixError read_disk(void *ctx, uint64 sector, uint64 n, uint8 *buf)
{
   return stub_disk_read(ctx, sector, n, buf);
}

/* The new descriptor keeps the old one's identity and hardware: CID and every ddb.* key
 * (adapter, geometry, uuid, hardware version, content IDs); with a new capacity and
 * updateGeometry, ddb.geometry.cylinders follows it. */
static VixError carry_descriptor(const StubVmdk *old, const char *stagedPath, uint64 capacity,
                                 bool updateGeometry)
{
   StubVmdk v;
   VixError err = stub_vmdk_load(stagedPath, &v);
   if (err != VIX_OK) {
      return err;
   }
   char value[1024];
   if (stub_vmdk_get(old, "CID", value, sizeof value) != NULL) {
      err = stub_vmdk_set(&v, "CID", value, false);
   }
   for (size_t i = 0; i < old->numLines && err == VIX_OK; i++) {
      const char *line = old->lines[i];
      const char *eq = strchr(line, '=');
      if (strncasecmp(line, "ddb.", 4) != 0 || eq == NULL) {
         continue;
      }
      char key[256];
      size_t kl = (size_t)(eq - line);
      while (kl > 0 && (line[kl - 1] == ' ' || line[kl - 1] == '\t')) {
         kl--;
      }
      snprintf(key, sizeof key, "%.*s", (int)kl, line);
      if (stub_vmdk_get(old, key, value, sizeof value) != NULL) {
         err = stub_vmdk_set(&v, key, value, true);
      }
   }
   if (err == VIX_OK && updateGeometry) {
      char buf[32];
      uint64 heads = stub_vmdk_get(&v, "ddb.geometry.heads", buf, sizeof buf) != NULL
                        ? strtoull(buf, NULL, 10) : 255;
      uint64 sectors = stub_vmdk_get(&v, "ddb.geometry.sectors", buf, sizeof buf) != NULL
                          ? strtoull(buf, NULL, 10) : 63;
      uint64 cylinders = heads * sectors == 0 ? 0 : capacity / (heads * sectors);
      if (heads == 16 && cylinders > 16383) {
         cylinders = 16383;   /* the IDE limit VMware applies */
      }
      snprintf(buf, sizeof buf, "%" PRIu64, cylinders);
      err = stub_vmdk_set(&v, "ddb.geometry.cylinders", buf, true);
   }
   if (err == VIX_OK) {
      err = stub_vmdk_save(&v, stagedPath);
   }
   stub_vmdk_free(&v);
   return err;
}

/*
 * Write the monolithicSparse base disk src (at path) anew, with capacity sectors: grains in
 * disk order, all-zero grains dropped, the descriptor's identity kept; the new file replaces
 * path only when complete (a failure or cancellation leaves path as it was).
 */
static VixError rewrite_sparse(const char *path, StubDisk *src, uint64 capacity,
                               bool updateGeometry, StubProgress *progress)
{
   StubStage stage;
   VixError err = stub_stage_begin(&stage, path);
   if (err != VIX_OK) {
      return err;
   }
   char *staged = stub_stage_path(&stage, path), *name = strdup(base_name(path));
   StubCreateSpec spec = { .capacity = capacity,
                           .adapterType = VIXDISKLIB_ADAPTER_SCSI_LSILOGIC };
   StubDisk *dst = NULL;
   err = staged == NULL || name == NULL ? VIX_E_OUT_OF_MEMORY
                                        : stub_sparse_create(staged, &spec);
   if (err == VIX_OK) {
      err = carry_descriptor(&src->vmdk, staged, capacity, updateGeometry);
   }
   if (err == VIX_OK) {
      err = stub_disk_open(staged, 0, &dst);
   }
   if (err == VIX_OK) {
      err = stub_copy_sectors(read_disk, src, src->capacity, dst, progress);
   }
   if (err == VIX_OK) {
      err = stub_disk_flush(dst);
   }
   stub_disk_close(dst);
   if (err == VIX_OK) {
      err = stub_stage_commit(&stage, &name, 1, true);
   } else {
      stub_stage_abort(&stage);
   }
   free(staged);
   free(name);
   return err;
}

/* ---- Grow ---------------------------------------------------------------------------------- */

/* Rewrite the FLAT extent line of a monolithicFlat descriptor: new size, new file name
 * (NULL: keep it), same access and offset. */
static VixError set_extent(StubVmdk *v, uint64 sectors, const char *file)
{
   for (size_t i = 0; i < v->numLines; i++) {
      char access[16], type[16];
      uint64 n;
      if (sscanf(v->lines[i], "%15s %" SCNu64 " %15s", access, &n, type) == 3 &&
          strcasecmp(type, "FLAT") == 0 && n == v->capacity) {
         char *line;
         if (asprintf(&line, "%s %" PRIu64 " FLAT \"%s\" %" PRIu64, access, sectors,
                      file != NULL ? file : v->extents[0].fileName, v->extents[0].offset) < 0) {
            return VIX_E_OUT_OF_MEMORY;
         }
         free(v->lines[i]);
         v->lines[i] = line;
         return VIX_OK;
      }
   }
   return VIX_E_INCORRECT_FILE_TYPE;
}

static VixError grow_descriptor(StubVmdk *v, const char *path, uint64 capacity,
                                bool updateGeometry)
{
   VixError err = set_extent(v, capacity, NULL);
   if (err == VIX_OK && updateGeometry) {
      char buf[32];
      uint64 heads = stub_vmdk_get(v, "ddb.geometry.heads", buf, sizeof buf) != NULL
                        ? strtoull(buf, NULL, 10) : 255;
      uint64 sectors = stub_vmdk_get(v, "ddb.geometry.sectors", buf, sizeof buf) != NULL
                          ? strtoull(buf, NULL, 10) : 63;
      uint64 cylinders = heads * sectors == 0 ? 0 : capacity / (heads * sectors);
      if (heads == 16 && cylinders > 16383) {
         cylinders = 16383;   /* the IDE limit VMware applies */
      }
      snprintf(buf, sizeof buf, "%" PRIu64, cylinders);
      err = stub_vmdk_set(v, "ddb.geometry.cylinders", buf, true);
   }
   return err == VIX_OK ? stub_vmdk_save(v, path) : err;
}

STUB_API VixError VixDiskLib_Grow(VixDiskLibConnection connection, const char *path,
                                  VixDiskLibSectorType capacity, Bool updateGeometry,
                                  VixDiskLibProgressFunc progressFunc,
                                  void *progressCallbackData)
{
   VixError err = stub_enter("VixDiskLib_Grow");
   if (err != VIX_OK) {
      return err;
   }
   if (path == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = stub_check_connection("Grow", connection)) != VIX_OK) {
      return err;
   }
   if (!connection->local) {
      /* VDDK programming guide: Grow "supports hosted disk, but not managed disk". */
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Grow: only local (hosted) disks can grow\n");
      return VIX_E_NOT_SUPPORTED;
   }
   DiskFiles d;
   if ((err = disk_files_load(path, &d)) != VIX_OK) {
      return err;
   }
   int fd = -1;
   uint64 old = d.vmdk.capacity;
   StubProgress progress;
   stub_progress_init(&progress, progressFunc, progressCallbackData, "Grow");
   if (!d.flat && !(d.sparse && d.numFiles == 1 && !d.child)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Grow: the stub grows monolithicFlat and "
                "monolithicSparse base disks only (a stub limit)\n");
      err = VIX_E_NOT_SUPPORTED;
   } else if (capacity < old || capacity > (UINT64_MAX >> 10)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Grow: %s has %llu sectors; it cannot grow to "
                "%llu\n", path, (unsigned long long)old, (unsigned long long)capacity);
      err = VIX_E_INVALID_ARG;
   } else if ((err = lock_disk(&d, O_RDWR, false, &fd)) == VIX_OK && capacity > old &&
              d.sparse) {
      StubDisk *src = NULL;
      err = stub_disk_open(path, STUB_DISK_OPEN_READ_ONLY, &src);
      if (err == VIX_OK) {
         err = rewrite_sparse(path, src, capacity, updateGeometry != FALSE, &progress);
      }
      stub_disk_close(src);
   } else if (err == VIX_OK && capacity > old) {
      struct stat st;
      off_t before = fstat(fd, &st) == 0 ? st.st_size : -1;
      uint64 from = (d.vmdk.extents[0].offset + old) * VIXDISKLIB_SECTOR_SIZE;
      uint64 to = (d.vmdk.extents[0].offset + capacity) * VIXDISKLIB_SECTOR_SIZE;
      err = before < 0 ? stub_errno_to_vix(errno)
                       : stub_allocate(fd, from, to, &progress, 0, to - from);
      if (err == VIX_OK) {
         err = grow_descriptor(&d.vmdk, path, capacity, updateGeometry != FALSE);
      }
      if (err != VIX_OK && before >= 0 && ftruncate(fd, before) != 0) {
         stub_logf(STUB_LVL_WARN, "VixDiskLib: Grow: cannot restore the size of %s\n",
                   d.files[0]);
      }
   }
   if (err == VIX_OK) {
      stub_progress_report(&progress, 1, 1);
      stub_logf(STUB_LVL_INFO, "VixDiskLib: grew %s from %llu to %llu sectors\n", path,
                (unsigned long long)old, (unsigned long long)capacity);
   }
   if (fd >= 0) {
      close(fd);
   }
   disk_files_free(&d);
   return err;
}

/* ---- Shrink / Defragment ------------------------------------------------------------------- */

/*
 * VDDK programming guide, "Defragment an Existing Disk": effective with SPARSE files, "might
 * not do anything with FLAT type. In either case, the function returns VIX_OK"; "supports
 * hosted disk, but not managed disk". The guide's Shrink paragraph sits beside it with the
 * same structure; the stub applies the same rule to Shrink (README: "Disk management"). A
 * monolithicSparse base disk is written anew: zeroed grains dropped (Shrink's reclaimed
 * space), grains in disk order (Defragment's consolidation).
 */
static VixError compact(const char *function, VixDiskLibHandle h,
                        VixDiskLibProgressFunc progressFunc, void *progressCallbackData)
{
   VixError err = stub_enter_handle(function, h);
   if (err != VIX_OK) {
      return err;
   }
   if (!h->conn->local) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: only local (hosted) disks are supported\n",
                function + strlen("VixDiskLib_"));
      return VIX_E_NOT_SUPPORTED;
   }
   if (h->readOnly) {
      return VIX_E_FILE_READ_ONLY;
   }
   if (strcmp(function, "VixDiskLib_Shrink") == 0 && h->disk->numLinks > 1) {
      /* 16009's text: "cannot be shrunk because it is not the parent disk" */
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Shrink: %s is a delta disk (%d links)\n",
                h->path, h->disk->numLinks);
      return VIX_E_DISK_CANTSHRINK;
   }
   StubProgress progress;
   stub_progress_init(&progress, progressFunc, progressCallbackData,
                      function + strlen("VixDiskLib_"));
   StubDisk *disk = h->disk;
   bool sparseBase = disk->numExtents == 1 && disk->numLinks == 1 && disk->embedded &&
                     disk->extents[0].line.type == STUB_EXTENT_SPARSE;
   if (!sparseBase) {
      /* flat extents (and redo logs, for Defragment): nothing to reclaim or reorder */
      return stub_progress_report(&progress, 1, 1);
   }
   /* monolithicSparse: written anew without its zeroed grains, grains in disk order, then
    * the handle continues on the new file */
   if ((err = stub_async_drain(h, function)) != VIX_OK) {
      return err;
   }
   pthread_mutex_lock(&h->mutex);
   err = rewrite_sparse(h->path, disk, disk->capacity, false, &progress);
   StubDisk *fresh = NULL;
   if (err == VIX_OK &&
       (err = stub_disk_open(h->path, h->direct ? STUB_DISK_OPEN_DIRECT : 0, &fresh)) == VIX_OK) {
      h->disk = fresh;
      stub_disk_close(disk);
   }
   pthread_mutex_unlock(&h->mutex);
   if (err == VIX_OK) {
      stub_logf(STUB_LVL_INFO, "VixDiskLib: %s: rewrote %s\n", function + strlen("VixDiskLib_"),
                h->path);
   }
   return err;
}

STUB_API VixError VixDiskLib_Shrink(VixDiskLibHandle diskHandle,
                                    VixDiskLibProgressFunc progressFunc,
                                    void *progressCallbackData)
{
   return compact("VixDiskLib_Shrink", diskHandle, progressFunc, progressCallbackData);
}

STUB_API VixError VixDiskLib_Defragment(VixDiskLibHandle diskHandle,
                                        VixDiskLibProgressFunc progressFunc,
                                        void *progressCallbackData)
{
   return compact("VixDiskLib_Defragment", diskHandle, progressFunc, progressCallbackData);
}

/* ---- Rename / Unlink ----------------------------------------------------------------------- */

/*
 * Rename a monolithicFlat disk: the extent becomes "<new name>-flat.vmdk" beside the new
 * descriptor, which names it. Order: new extent name (no replace), new descriptor (no
 * replace), old descriptor removed; every step is undone if a later one fails.
 */
/* Point the SPARSE extent line of the monolithicSparse file at path to the file's new name. */
static VixError rename_sparse_extent(const char *path)
{
   StubVmdk v;
   VixError err = stub_vmdk_load(path, &v);
   if (err != VIX_OK) {
      return err;
   }
   err = VIX_E_INCORRECT_FILE_TYPE;
   for (size_t i = 0; i < v.numLines; i++) {
      char access[16], type[16];
      uint64 n;
      if (sscanf(v.lines[i], "%15s %" SCNu64 " %15s", access, &n, type) == 3 &&
          strcasecmp(type, "SPARSE") == 0) {
         char *line;
         if (asprintf(&line, "%s %" PRIu64 " SPARSE \"%s\"", access, n, base_name(path)) < 0) {
            err = VIX_E_OUT_OF_MEMORY;
            break;
         }
         free(v.lines[i]);
         v.lines[i] = line;
         err = stub_vmdk_save(&v, path);
         break;
      }
   }
   stub_vmdk_free(&v);
   return err;
}

STUB_API VixError VixDiskLib_Rename(const char *srcFileName, const char *dstFileName)
{
   VixError err = stub_enter("VixDiskLib_Rename");
   if (err != VIX_OK) {
      return err;
   }
   if (srcFileName == NULL || dstFileName == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = stub_vmdk_check_path("Rename", dstFileName)) != VIX_OK) {
      return err;
   }
   DiskFiles d;
   if ((err = disk_files_load(srcFileName, &d)) != VIX_OK) {
      return err;
   }
   char *srcSidecar = stub_changes_sidecar(srcFileName);   /* before src goes away */
   int fd = -1;
   char *dstExtent = stub_flat_extent_name(dstFileName);
   if (dstExtent == NULL) {
      err = VIX_E_OUT_OF_MEMORY;
   } else if (stub_disk_exists(dstFileName)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Rename: %s already exists\n", dstFileName);
      err = VIX_E_FILE_ALREADY_EXISTS;
   } else {
      err = lock_disk(&d, O_RDONLY, false, &fd);
   }
   bool extentMoved = false;
   if (err == VIX_OK && d.sparse && d.numFiles == 1) {
      /* monolithicSparse: one file, its descriptor inside names the file itself */
      if (renameat2(AT_FDCWD, srcFileName, AT_FDCWD, dstFileName, RENAME_NOREPLACE) != 0) {
         err = stub_errno_to_vix(errno);
      } else if ((err = rename_sparse_extent(dstFileName)) != VIX_OK &&
                 rename(dstFileName, srcFileName) != 0) {
         stub_logf(STUB_LVL_WARN, "VixDiskLib: Rename: cannot move %s back to %s\n",
                   dstFileName, srcFileName);
      }
   } else if (err == VIX_OK && !d.flat) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Rename: the stub renames monolithicFlat and "
                "monolithicSparse disks only (a stub limit)\n");
      err = VIX_E_NOT_SUPPORTED;
   } else if (err == VIX_OK) {
      extentMoved = renameat2(AT_FDCWD, d.files[0], AT_FDCWD, dstExtent, RENAME_NOREPLACE) == 0;
      err = extentMoved ? VIX_OK : stub_errno_to_vix(errno);
      if (err == VIX_OK) {
         err = set_extent(&d.vmdk, d.vmdk.capacity, base_name(dstExtent));
      }
      if (err == VIX_OK) {
         err = stub_vmdk_save(&d.vmdk, dstFileName);   /* mode 0600, like every new file */
      }
      if (err == VIX_OK && unlink(srcFileName) != 0) {
         err = stub_errno_to_vix(errno);
         unlink(dstFileName);
      }
      if (err != VIX_OK && extentMoved && rename(dstExtent, d.files[0]) != 0) {
         stub_logf(STUB_LVL_WARN, "VixDiskLib: Rename: cannot move %s back to %s\n",
                   dstExtent, d.files[0]);
      }
   }
   if (err == VIX_OK) {
      stub_logf(STUB_LVL_INFO, "VixDiskLib: renamed %s to %s\n", srcFileName, dstFileName);
      char *to = stub_changes_sidecar(dstFileName);  /* changed-block tracking moves along */
      if (srcSidecar != NULL && to != NULL && rename(srcSidecar, to) != 0 && errno != ENOENT) {
         stub_logf(STUB_LVL_WARN, "VixDiskLib: Rename: cannot move %s to %s\n", srcSidecar, to);
      }
      free(to);
   }
   free(srcSidecar);
   if (fd >= 0) {
      close(fd);
   }
   free(dstExtent);
   disk_files_free(&d);
   return err;
}

/* VixDiskLib.h: "Deletes all extents of the specified disk link. If the path refers to a
 * parent disk, the child (redo log) will be orphaned." */
STUB_API VixError VixDiskLib_Unlink(VixDiskLibConnection connection, const char *path)
{
   VixError err = stub_enter("VixDiskLib_Unlink");
   if (err != VIX_OK) {
      return err;
   }
   if (path == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = stub_check_connection("Unlink", connection)) != VIX_OK) {
      return err;
   }
   char *local = NULL;
   DiskFiles d = { .numFiles = 0 };
   int fd = -1;
   if ((err = stub_handle_local_path(connection, path, &local)) == VIX_OK &&
       (err = disk_files_load(local, &d)) == VIX_OK &&
       (err = lock_disk(&d, O_RDONLY, false, &fd)) == VIX_OK) {
      char *sidecar = stub_changes_sidecar(local);   /* changed-block tracking, if any */
      for (size_t i = 0; i < d.numFiles; i++) {
         if (unlink(d.files[i]) != 0 && errno != ENOENT && err == VIX_OK) {
            err = stub_errno_to_vix(errno);
         }
      }
      if (err == VIX_OK && sidecar != NULL) {
         unlink(sidecar);
      }
      free(sidecar);
   }
   if (err == VIX_OK) {
      stub_logf(STUB_LVL_INFO, "VixDiskLib: deleted %s\n", local);
   }
   if (fd >= 0) {
      close(fd);
   }
   disk_files_free(&d);
   free(local);
   return err;
}

/* ---- CheckRepair ------------------------------------------------------------------------------ */

/*
 * VixDiskLib.h: "Check a sparse disk for internal consistency ... VIX_OK if success ... Note
 * this refers to the success of the call, not the consistency of the disk being checked."
 * The problems found are reported through the warn log; repair = TRUE fixes them. A flat
 * disk's one possible problem is an extent shorter than the descriptor's capacity (repair:
 * extend it with zeros).
 */
STUB_API VixError VixDiskLib_CheckRepair(const VixDiskLibConnection connection,
                                         const char *filename, Bool repair)
{
   VixError err = stub_enter("VixDiskLib_CheckRepair");
   if (err != VIX_OK) {
      return err;
   }
   if (filename == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = stub_check_connection("CheckRepair", connection)) != VIX_OK) {
      return err;
   }
   char *local = NULL;
   DiskFiles d = { .numFiles = 0 };
   int fd = -1;
   if ((err = stub_handle_local_path(connection, filename, &local)) == VIX_OK &&
       (err = disk_files_load(local, &d)) == VIX_OK &&
       (err = lock_disk(&d, repair ? O_RDWR : O_RDONLY, !repair, &fd)) == VIX_OK) {
      struct stat st;
      uint64 need = d.flat ? (d.vmdk.extents[0].offset + d.vmdk.capacity) *
                                VIXDISKLIB_SECTOR_SIZE : 0;
      StubDisk *disk = NULL;
      if (!d.flat) {
         /* other layouts: what the format layer checks when it opens the link */
         err = stub_disk_open(local, STUB_DISK_OPEN_READ_ONLY | STUB_DISK_OPEN_SINGLE_LINK,
                              &disk);
         stub_disk_close(disk);
         if (err == VIX_OK) {
            stub_logf(STUB_LVL_INFO, "VixDiskLib: CheckRepair: %s is consistent\n", local);
         }
      } else if (fstat(fd, &st) != 0) {
         err = stub_errno_to_vix(errno);
      } else if ((uint64)st.st_size < need) {
         stub_logf(STUB_LVL_WARN, "VixDiskLib: CheckRepair: %s: extent %s has %llu bytes, "
                   "the descriptor needs %llu%s\n", local, d.files[0],
                   (unsigned long long)st.st_size, (unsigned long long)need,
                   repair ? "; extended with zeros" : "; not repaired");
         if (repair && ftruncate(fd, (off_t)need) != 0) {
            err = stub_errno_to_vix(errno);
         }
      } else {
         stub_logf(STUB_LVL_INFO, "VixDiskLib: CheckRepair: %s is consistent\n", local);
      }
   }
   if (fd >= 0) {
      close(fd);
   }
   disk_files_free(&d);
   free(local);
   return err;
}

/* ---- SpaceNeededForClone ------------------------------------------------------------------------ */

/* Bytes of the disk's allocated grains (64 KiB each), the parent chain included. */
static VixError allocated_bytes(StubDisk *disk, uint64 *bytes)
{
   const uint64 grain = 128;
   *bytes = 0;
   for (uint64 s = 0; s < disk->capacity; s += grain) {
      bool allocated = false;
      uint64 n = disk->capacity - s < grain ? disk->capacity - s : grain;
      VixError err = stub_disk_is_allocated(disk, s, n, &allocated);
      if (err != VIX_OK) {
         return err;
      }
      *bytes += allocated ? grain * VIXDISKLIB_SECTOR_SIZE : 0;
   }
   return VIX_OK;
}

/*
 * Flat targets: capacity bytes plus one sector of descriptor. Sparse targets: the source's
 * allocated grains (64 KiB each) plus the sparse metadata (header and embedded descriptor, 21
 * sectors; grain directory and tables, twice). The formula is the stub's; VDDK's guide warns
 * the result may not be accurate for thin disks.
 */
STUB_API VixError VixDiskLib_SpaceNeededForClone(VixDiskLibHandle diskHandle,
                                                 VixDiskLibDiskType cloneDiskType,
                                                 uint64 *spaceNeeded)
{
   VixError err = stub_enter_handle("VixDiskLib_SpaceNeededForClone", diskHandle);
   if (err != VIX_OK) {
      return err;
   }
   if (spaceNeeded == NULL) {
      return VIX_E_INVALID_ARG;
   }
   VixDiskLibHandle h = diskHandle;
   uint64 cap = h->capacity;
   switch (cloneDiskType) {
   case VIXDISKLIB_DISK_UNKNOWN:          /* VixDiskLib.h: "the source disk type is assumed" */
      if (h->disk->numExtents == 1 && h->disk->extents[0].line.type == STUB_EXTENT_SPARSE) {
         return VixDiskLib_SpaceNeededForClone(h, VIXDISKLIB_DISK_MONOLITHIC_SPARSE,
                                               spaceNeeded);
      }
      /* fall through */
   case VIXDISKLIB_DISK_MONOLITHIC_FLAT:
   case VIXDISKLIB_DISK_SPLIT_FLAT:
   case VIXDISKLIB_DISK_VMFS_FLAT:
      *spaceNeeded = cap * VIXDISKLIB_SECTOR_SIZE + VIXDISKLIB_SECTOR_SIZE;
      return VIX_OK;
   case VIXDISKLIB_DISK_MONOLITHIC_SPARSE:
   case VIXDISKLIB_DISK_SPLIT_SPARSE:
   case VIXDISKLIB_DISK_STREAM_OPTIMIZED:
   case VIXDISKLIB_DISK_VMFS_THIN:
   case VIXDISKLIB_DISK_VMFS_SPARSE: {
      uint64 data = 0;
      if ((err = allocated_bytes(h->disk, &data)) != VIX_OK) {
         return err;
      }
      uint64 tables = (cap + 128ull * 512 - 1) / (128ull * 512);
      uint64 gdSectors = (tables * 4 + VIXDISKLIB_SECTOR_SIZE - 1) / VIXDISKLIB_SECTOR_SIZE;
      uint64 meta = 21 + 2 * (gdSectors + tables * 4);   /* a grain table is 4 sectors */
      *spaceNeeded = data + meta * VIXDISKLIB_SECTOR_SIZE;
      return VIX_OK;
   }
   default:
      return VIX_E_INVALID_ARG;
   }
}
