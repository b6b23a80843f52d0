/*
 * manage.c -- disk management on local files: Create, Grow, Shrink, Defragment, Rename,
 * Unlink, CheckRepair, SpaceNeededForClone. Clone is in clone.c.
 *
 * Rules every function here follows:
 *  - a new disk is written in a staging directory beside its target and moved to its final
 *    name only when complete (progress.c), so a failure or a cancellation leaves nothing;
 *  - a disk that is open read-write (its extent locked, disk.c) is not changed: 15
 *    VIX_E_FILE_ALREADY_LOCKED;
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

/* Descriptor path plus the absolute paths of its extent files (the descriptor last). */
typedef struct {
   StubVmdk vmdk;
   char *files[2];
   size_t numFiles;
} DiskFiles;

static void disk_files_free(DiskFiles *d)
{
   for (size_t i = 0; i < d->numFiles; i++) {
      free(d->files[i]);
   }
   stub_vmdk_free(&d->vmdk);
   memset(d, 0, sizeof *d);
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
   d->files[0] = stub_vmdk_extent_path(&d->vmdk, path);
   d->files[1] = strdup(path);
   d->numFiles = 2;
   if (d->files[0] == NULL || d->files[1] == NULL) {
      disk_files_free(d);
      return VIX_E_OUT_OF_MEMORY;
   }
   return VIX_OK;
}

/* Take the lock a read-write Open takes (disk.c), so nobody writes while we change the disk.
 * Returns the locked fd (close it to unlock). */
static VixError lock_disk(const DiskFiles *d, bool writable, int *fd)
{
   *fd = open(d->files[0], (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
   if (*fd < 0) {
      return stub_errno_to_vix(errno);
   }
   if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
      int e = errno;
      close(*fd);
      *fd = -1;
      if (e == EWOULDBLOCK) {
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s is open for writing (locked)\n",
                   d->files[d->numFiles - 1]);
         return VIX_E_FILE_ALREADY_LOCKED;
      }
      return stub_errno_to_vix(e);
   }
   return VIX_OK;
}

VixError stub_check_unlocked(const char *path)
{
   DiskFiles d;
   if (!stub_disk_exists(path) || disk_files_load(path, &d) != VIX_OK) {
      return VIX_OK;   /* not a disk (or none): nothing holds it */
   }
   int fd = -1;
   VixError err = lock_disk(&d, false, &fd);
   if (fd >= 0) {
      close(fd);
   }
   disk_files_free(&d);
   return err == VIX_E_FILE_ALREADY_LOCKED ? err : VIX_OK;
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
      break;
   case VIXDISKLIB_DISK_MONOLITHIC_SPARSE:
   case VIXDISKLIB_DISK_SPLIT_SPARSE:
   case VIXDISKLIB_DISK_SPLIT_FLAT:
   case VIXDISKLIB_DISK_STREAM_OPTIMIZED:
      err = VIX_E_NOT_SUPPORTED;
      why = "the stub creates monolithicFlat disks only (a stub limit, not VDDK's)";
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
 * Write a new disk of p's type and capacity into the staging directory under the base name
 * of path; names gets the base names to commit (extents, then the descriptor). For a flat
 * disk the extent is preallocated with progress over [base, base + capacity bytes) of total
 * (VixDiskLib.h: MONOLITHIC_FLAT is "all space pre-allocated").
 */
VixError stub_stage_disk(StubStage *s, const char *path, const VixDiskLibCreateParams *p,
                         StubProgress *progress, uint64 base, uint64 total,
                         StubStagedDisk *out)
{
   memset(out, 0, sizeof *out);
   out->descriptor = stub_stage_path(s, path);
   char *flatBase = stub_flat_extent_name(base_name(path));
   out->extent = flatBase != NULL ? stub_stage_path(s, flatBase) : NULL;
   out->names[0] = flatBase;
   out->names[1] = strdup(base_name(path));
   out->numNames = 2;
   out->fd = -1;
   if (out->descriptor == NULL || out->extent == NULL || out->names[1] == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   VixError err = VixDiskLibStub_CreateFlatDisk(out->descriptor, p->capacity, p->adapterType);
   if (err == VIX_OK && p->hwVersion != 0) {
      StubVmdk v;
      char hw[8];
      snprintf(hw, sizeof hw, "%u", (unsigned)p->hwVersion);
      if ((err = stub_vmdk_load(out->descriptor, &v)) == VIX_OK) {
         err = stub_vmdk_set(&v, "ddb.virtualHWVersion", hw, true);
         if (err == VIX_OK) {
            err = stub_vmdk_save(&v, out->descriptor);
         }
         stub_vmdk_free(&v);
      }
   }
   if (err == VIX_OK) {
      out->fd = open(out->extent, O_RDWR | O_CLOEXEC);
      err = out->fd < 0 ? stub_errno_to_vix(errno) : VIX_OK;
   }
   if (err == VIX_OK) {
      uint64 bytes = p->capacity * VIXDISKLIB_SECTOR_SIZE;
      err = stub_allocate(out->fd, 0, bytes, progress, base, total);
   }
   return err;
}

void stub_staged_disk_free(StubStagedDisk *d)
{
   if (d->fd >= 0) {
      close(d->fd);
   }
   free(d->descriptor);
   free(d->extent);
   for (size_t i = 0; i < d->numNames; i++) {
      free(d->names[i]);
   }
   memset(d, 0, sizeof *d);
   d->fd = -1;
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
   if ((err = stub_check_create_params(createParams, "Create")) != VIX_OK) {
      return err;
   }
   if (stub_disk_exists(path)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Create: %s already exists\n", path);
      return VIX_E_FILE_ALREADY_EXISTS;
   }
   StubProgress progress;
   StubStage stage;
   StubStagedDisk disk = { .fd = -1 };
   stub_progress_init(&progress, progressFunc, progressCallbackData, "Create");
   uint64 bytes = createParams->capacity * VIXDISKLIB_SECTOR_SIZE;
   if ((err = stub_stage_begin(&stage, path)) != VIX_OK) {
      return err;
   }
   err = stub_stage_disk(&stage, path, createParams, &progress, 0, bytes, &disk);
   if (err == VIX_OK && fsync(disk.fd) != 0) {
      err = stub_errno_to_vix(errno);
   }
   if (err == VIX_OK) {
      err = stub_stage_commit(&stage, disk.names, disk.numNames, false);
   } else {
      stub_stage_abort(&stage);
   }
   stub_staged_disk_free(&disk);
   if (err == VIX_OK) {
      (void)stub_progress_report(&progress, bytes, bytes);   /* the disk exists now */
      stub_logf(STUB_LVL_INFO, "VixDiskLib: created %s (%llu sectors, monolithicFlat)\n",
                path, (unsigned long long)createParams->capacity);
   } else if (err != VIX_E_CANCELLED) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Create of %s failed (error %llu)\n", path,
                (unsigned long long)err);
   }
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
                      file != NULL ? file : v->extentFile, v->extentOffset) < 0) {
            return VIX_E_OUT_OF_MEMORY;
         }
         free(v->lines[i]);
         v->lines[i] = line;
         v->capacity = sectors;
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
   if (capacity < old || capacity > (UINT64_MAX >> 10)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Grow: %s has %llu sectors; it cannot grow to "
                "%llu\n", path, (unsigned long long)old, (unsigned long long)capacity);
      err = VIX_E_INVALID_ARG;
   } else if ((err = lock_disk(&d, true, &fd)) == VIX_OK && capacity > old) {
      struct stat st;
      off_t before = fstat(fd, &st) == 0 ? st.st_size : -1;
      uint64 from = (d.vmdk.extentOffset + old) * VIXDISKLIB_SECTOR_SIZE;
      uint64 to = (d.vmdk.extentOffset + capacity) * VIXDISKLIB_SECTOR_SIZE;
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
 * same structure; the stub applies the same rule to Shrink (README: "Disk management").
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
   StubProgress progress;
   stub_progress_init(&progress, progressFunc, progressCallbackData,
                      function + strlen("VixDiskLib_"));
   /* A flat extent has nothing to reclaim or reorder. */
   return stub_progress_report(&progress, 1, 1);
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
STUB_API VixError VixDiskLib_Rename(const char *srcFileName, const char *dstFileName)
{
   VixError err = stub_enter("VixDiskLib_Rename");
   if (err != VIX_OK) {
      return err;
   }
   if (srcFileName == NULL || dstFileName == NULL) {
      return VIX_E_INVALID_ARG;
   }
   DiskFiles d;
   if ((err = disk_files_load(srcFileName, &d)) != VIX_OK) {
      return err;
   }
   int fd = -1;
   char *dstExtent = stub_flat_extent_name(dstFileName);
   if (dstExtent == NULL) {
      err = VIX_E_OUT_OF_MEMORY;
   } else if (stub_disk_exists(dstFileName)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Rename: %s already exists\n", dstFileName);
      err = VIX_E_FILE_ALREADY_EXISTS;
   } else {
      err = lock_disk(&d, false, &fd);
   }
   bool extentMoved = false;
   if (err == VIX_OK) {
      extentMoved = renameat2(AT_FDCWD, d.files[0], AT_FDCWD, dstExtent, RENAME_NOREPLACE) == 0;
      err = extentMoved ? VIX_OK : stub_errno_to_vix(errno);
   }
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
      stub_logf(STUB_LVL_WARN, "VixDiskLib: Rename: cannot move %s back to %s\n", dstExtent,
                d.files[0]);
   }
   if (err == VIX_OK) {
      stub_logf(STUB_LVL_INFO, "VixDiskLib: renamed %s to %s\n", srcFileName, dstFileName);
   }
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
       (err = lock_disk(&d, false, &fd)) == VIX_OK) {
      for (size_t i = 0; i < d.numFiles; i++) {
         if (unlink(d.files[i]) != 0 && errno != ENOENT && err == VIX_OK) {
            err = stub_errno_to_vix(errno);
         }
      }
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
       (err = lock_disk(&d, repair != FALSE, &fd)) == VIX_OK) {
      struct stat st;
      uint64 need = (d.vmdk.extentOffset + d.vmdk.capacity) * VIXDISKLIB_SECTOR_SIZE;
      if (fstat(fd, &st) != 0) {
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

/* Bytes of the flat extent [start, end) that hold data (SEEK_DATA/SEEK_HOLE), in grains. */
static uint64 allocated_bytes(int fd, uint64 start, uint64 end)
{
   const uint64 grain = 128 * VIXDISKLIB_SECTOR_SIZE;
   uint64 total = 0;
   off_t pos = (off_t)start;
   while ((uint64)pos < end) {
      off_t data = lseek(fd, pos, SEEK_DATA);
      if (data < 0 || (uint64)data >= end) {
         break;
      }
      off_t hole = lseek(fd, data, SEEK_HOLE);
      uint64 stop = hole < 0 || (uint64)hole > end ? end : (uint64)hole;
      uint64 first = ((uint64)data - start) / grain, last = (stop - start + grain - 1) / grain;
      total += (last - first) * grain;
      pos = (off_t)(start + last * grain);
   }
   return total;
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
      uint64 start = h->vmdk.extentOffset * VIXDISKLIB_SECTOR_SIZE;
      uint64 data = allocated_bytes(h->fd, start, start + cap * VIXDISKLIB_SECTOR_SIZE);
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
