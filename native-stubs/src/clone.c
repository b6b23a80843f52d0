/*
 * clone.c -- VixDiskLib_Clone: copy a disk, read through any connection (local, or remote
 * with the transport rules of Open), into a new local disk of the requested type.
 *
 * The copy is written in a staging directory (progress.c) and moved to dstPath at the end,
 * replacing an existing disk only with overWrite; a failure or a cancellation through the
 * progress function leaves dstPath as it was. Progress is the share of the source's sectors
 * copied. All-zero chunks are not written (the preallocated target reads zeros there).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stub_internal.h"

#define CLONE_CHUNK_SECTORS 2048u   /* 1 MiB per read */

static bool all_zero(const uint8 *buf, size_t len)
{
   for (size_t i = 0; i < len; i++) {
      if (buf[i] != 0) {
         return false;
      }
   }
   return true;
}

/* Copy sectors [0, cap) read by read(ctx, ...) into dst, 1 MiB per read, writing only the
 * grains (64 KiB) that are not all zeros, so a sparse target stays sparse. */
VixError stub_copy_sectors(StubBackingRead read, void *ctx, uint64 cap, StubDisk *dst,
                           StubProgress *progress)
{
   uint8 *buf = malloc((size_t)CLONE_CHUNK_SECTORS * VIXDISKLIB_SECTOR_SIZE);
   if (buf == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   VixError err = stub_progress_report(progress, 0, cap);
   for (uint64 s = 0; s < cap && err == VIX_OK;) {
      uint64 n = cap - s < CLONE_CHUNK_SECTORS ? cap - s : CLONE_CHUNK_SECTORS;
      err = read(ctx, s, n, buf);
      for (uint64 g = 0; err == VIX_OK && g < n; g += 128) {
         uint64 m = n - g < 128 ? n - g : 128;
         const uint8 *p = buf + g * VIXDISKLIB_SECTOR_SIZE;
         if (!all_zero(p, (size_t)(m * VIXDISKLIB_SECTOR_SIZE))) {
            err = stub_disk_write(dst, s + g, m, p);
         }
      }
      s += n;
      if (err == VIX_OK) {
         err = stub_progress_report(progress, s, cap);
      }
   }
   free(buf);
   return err;
}

/* Files of the disk now at dstPath that the new disk does not replace (they are removed
 * after an overwrite): a monolithicFlat extent of another name. */
static char *stale_extent(const char *dstPath, const char *newExtentBase)
{
   StubVmdk v;
   if (stub_vmdk_load(dstPath, &v) != VIX_OK) {
      return NULL;
   }
   char *old = v.numExtents == 1 && v.extents[0].fileName != NULL
                  ? stub_vmdk_resolve(dstPath, v.extents[0].fileName) : NULL;
   stub_vmdk_free(&v);
   if (old != NULL && strcmp(old, dstPath) == 0) {
      free(old);   /* monolithicSparse: replaced by the rename itself */
      return NULL;
   }
   const char *slash = old != NULL ? strrchr(old, '/') : NULL;
   if (old != NULL && strcmp(slash != NULL ? slash + 1 : old, newExtentBase) == 0) {
      free(old);
      old = NULL;   /* replaced by the rename itself */
   }
   return old;
}

static VixError read_handle(void *ctx, uint64 sector, uint64 n, uint8 *buf)
{
   return stub_handle_read(ctx, sector, n, buf);
}

static VixError clone_into(const char *dstPath, VixDiskLibHandle src,
                           const VixDiskLibCreateParams *params, StubProgress *progress,
                           bool overWrite)
{
   StubStage stage;
   StubStagedDisk disk;
   StubDisk *dst = NULL;
   StubProgress silent;   /* preallocation is not part of the reported copy */
   stub_progress_init(&silent, NULL, NULL, "Clone");
   VixError err = stub_stage_begin(&stage, dstPath);
   if (err != VIX_OK) {
      return err;
   }
   err = stub_stage_disk(&stage, dstPath, params, &silent, 0, 1, &disk);
   if (err == VIX_OK) {
      err = stub_disk_open(disk.descriptor, 0, &dst);
   }
   if (err == VIX_OK) {
      err = stub_copy_sectors(read_handle, src, src->capacity, dst, progress);
   }
   if (err == VIX_OK) {
      err = stub_disk_flush(dst);
   }
   stub_disk_close(dst);
   char *stale = NULL;
   if (err == VIX_OK) {
      stale = overWrite ? stale_extent(dstPath, disk.names[0]) : NULL;
      if (stale != NULL && disk.numNames == 2 && strcmp(stale, disk.names[0]) == 0) {
         free(stale);
         stale = NULL;
      }
      err = stub_stage_commit(&stage, disk.names, disk.numNames, overWrite);
   } else {
      stub_stage_abort(&stage);
   }
   if (err == VIX_OK && stale != NULL) {
      unlink(stale);
   }
   free(stale);
   stub_staged_disk_free(&disk);
   return err;
}

STUB_API VixError VixDiskLib_Clone(const VixDiskLibConnection dstConnection,
                                   const char *dstPath,
                                   const VixDiskLibConnection srcConnection,
                                   const char *srcPath,
                                   const VixDiskLibCreateParams *vixCreateParams,
                                   VixDiskLibProgressFunc progressFunc,
                                   void *progressCallbackData, Bool overWrite)
{
   VixError err = stub_enter("VixDiskLib_Clone");
   if (err != VIX_OK) {
      return err;
   }
   if (dstPath == NULL || srcPath == NULL || vixCreateParams == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = stub_vmdk_check_path("Clone", dstPath)) != VIX_OK) {
      return err;
   }
   if ((err = stub_check_connection("Clone", dstConnection)) != VIX_OK ||
       (err = stub_check_connection("Clone", srcConnection)) != VIX_OK) {
      return err;
   }
   if (!dstConnection->local) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Clone: the stub clones to local disks only "
                "(a stub limit: real VDDK also clones to a server)\n");
      return VIX_E_NOT_SUPPORTED;
   }
   VixDiskLibCreateParams params = *vixCreateParams;
   VixDiskLibHandle src = NULL;
   if ((err = stub_handle_open(srcConnection, srcPath,
                                        VIXDISKLIB_FLAG_OPEN_READ_ONLY, &src)) != VIX_OK) {
      return err;
   }
   if (params.capacity == 0) {
      params.capacity = src->capacity;   /* 0: the source's size */
   }
   if (params.capacity < src->capacity) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Clone: capacity %llu is smaller than the "
                "source's %llu sectors\n", (unsigned long long)params.capacity,
                (unsigned long long)src->capacity);
      err = VIX_E_INVALID_ARG;
   }
   if (err == VIX_OK) {
      err = stub_check_create_params(&params, "Clone");
   }
   if (err == VIX_OK && !overWrite && stub_disk_exists(dstPath)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Clone: %s already exists (overWrite is "
                "FALSE)\n", dstPath);
      err = VIX_E_FILE_ALREADY_EXISTS;
   }
   if (err == VIX_OK && overWrite) {
      err = stub_check_unlocked(dstPath);
   }
   if (err == VIX_OK) {
      StubProgress progress;
      stub_progress_init(&progress, progressFunc, progressCallbackData, "Clone");
      err = clone_into(dstPath, src, &params, &progress, overWrite != FALSE);
   }
   if (err == VIX_OK) {
      stub_logf(STUB_LVL_INFO, "VixDiskLib: cloned %s to %s (%llu sectors)\n", src->path,
                dstPath, (unsigned long long)params.capacity);
   }
   stub_handle_close(src);
   return err;
}
