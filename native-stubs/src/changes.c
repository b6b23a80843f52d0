/*
 * changes.c -- changed-block tracking for VDDK 9.0's OpenEx (change ID), QueryChangedAreas,
 * FreeChangedAreas; and GetConnectionFromDisk.
 *
 * What real VDDK 9.0 does with these is not measured; the stub follows vSphere's
 * QueryChangedDiskAreas, whose model VDDK 9 brings to the disk library, and says where it
 * chose (README.md, "Changed areas"):
 * - A change ID names a point in time of one disk. The stub mints them through the control
 *   API, VixDiskLibStub_GetChangeId(diskPath) (where a backup product would read the disk
 *   backing's changeId at snapshot time): "<uuid>/<epoch>". The first call turns tracking
 *   on for the disk by creating the sidecar file "<descriptor>.changes".
 * - Every successful write through the stub (Write, WriteAsync) marks its 64 KiB blocks in
 *   the handle; Flush and Close append them to the sidecar labelled with the current epoch
 *   (under flock), so a later process sees them. Minting a change ID starts a new epoch.
 *   Writes through a handle that was open while a change ID was minted count as after it
 *   (over-reporting, never under-reporting).
 * - OpenEx with a change ID of another tracking generation (VixDiskLibStub_ResetChangeTracking,
 *   or a made-up ID) or of a disk without tracking: 3 VIX_E_INVALID_ARG (expired/unknown).
 *   "*" means "everything": the whole disk is reported.
 * - QueryChangedAreas(startOffset in bytes, sector-aligned, below the capacity): areas
 *   changed since the handle's change ID from startOffset to the end of the disk, in one
 *   answer: startOffset and length in bytes (as vSphere's DiskChangeInfo), the areas as a
 *   VixDiskLibBlockList in sectors (as every VixDiskLibBlock), whole 64 KiB blocks clipped
 *   to the disk.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "stub_internal.h"

#define BLOCK_SECTORS 128ull      /* 64 KiB tracking granularity */

struct StubChanges {
   uint64 numBlocks;
   uint8 *bits;
   bool any;
};

static char *sidecar_path(const char *diskPath)
{
   char real[PATH_MAX], *p;
   const char *base = realpath(diskPath, real) != NULL ? real : diskPath;
   return asprintf(&p, "%s.changes", base) < 0 ? NULL : p;
}

char *stub_changes_sidecar(const char *diskPath)
{
   return sidecar_path(diskPath);
}

/* ---- the sidecar: "uuid U", "epoch N", then "SEQ FIRSTBLOCK NUMBLOCKS" lines ----------- */

typedef struct {
   char uuid[40];
   uint64 epoch;
   char *records;            /* the lines after the header, as read */
} Sidecar;

static int open_sidecar(const char *path, bool create)
{
   int fd = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
   if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
      close(fd);
      fd = -1;
   }
   return fd;
}

static bool read_sidecar(int fd, Sidecar *s)
{
   memset(s, 0, sizeof *s);
   off_t size = lseek(fd, 0, SEEK_END);
   char *text = size >= 0 ? malloc((size_t)size + 1) : NULL;
   if (text == NULL || pread(fd, text, (size_t)size, 0) != size) {
      free(text);
      return false;
   }
   text[size] = '\0';
   char *line2 = strchr(text, '\n');
   char *rest = line2 != NULL ? strchr(line2 + 1, '\n') : NULL;
   bool ok = sscanf(text, "uuid %39s\nepoch %" SCNu64, s->uuid, &s->epoch) == 2 && rest;
   if (ok) {
      s->records = strdup(rest + 1);
      ok = s->records != NULL;
   }
   free(text);
   return ok;
}

static bool write_sidecar(int fd, const Sidecar *s)
{
   char *text;
   int n = asprintf(&text, "uuid %s\nepoch %" PRIu64 "\n%s", s->uuid, s->epoch,
                    s->records != NULL ? s->records : "");
   if (n < 0) {
      return false;
   }
   bool ok = ftruncate(fd, 0) == 0 && pwrite(fd, text, (size_t)n, 0) == n;
   free(text);
   return ok;
}

static void new_uuid(char out[33])
{
   uint8 raw[16] = { 0 };
   int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
   if (fd < 0 || read(fd, raw, sizeof raw) != (ssize_t)sizeof raw) {
      uint64 t = (uint64)getpid() ^ (uint64)(uintptr_t)out;
      memcpy(raw, &t, sizeof t);
   }
   if (fd >= 0) {
      close(fd);
   }
   for (int i = 0; i < 16; i++) {
      snprintf(out + 2 * i, 3, "%02x", raw[i]);
   }
}

/* ---- control API -------------------------------------------------------------------------- */

static VixError mint(const char *diskPath, bool reset, char *buf, size_t bufLen)
{
   if (diskPath == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if (access(diskPath, F_OK) != 0) {
      return VIX_E_FILE_NOT_FOUND;
   }
   char *path = sidecar_path(diskPath);
   int fd = path != NULL ? open_sidecar(path, true) : -1;
   free(path);
   if (fd < 0) {
      return VIX_E_FILE_ACCESS_ERROR;
   }
   Sidecar s = { .records = NULL };
   if (reset || !read_sidecar(fd, &s)) {
      free(s.records);
      memset(&s, 0, sizeof s);
      new_uuid(s.uuid);
      s.epoch = 1;
   }
   char id[64];
   int n = snprintf(id, sizeof id, "%s/%" PRIu64, s.uuid, s.epoch);
   VixError err = VIX_OK;
   if (buf != NULL && (size_t)n < bufLen) {
      memcpy(buf, id, (size_t)n + 1);
      s.epoch++;                  /* later writes are after this change ID */
   } else if (buf != NULL || !reset) {
      err = VIX_E_BUFFER_TOOSMALL;
   }
   if (err == VIX_OK && !write_sidecar(fd, &s)) {
      err = VIX_E_FILE_ACCESS_ERROR;
   }
   free(s.records);
   close(fd);
   return err;
}

STUB_API VixError VixDiskLibStub_GetChangeId(const char *diskPath, char *buf, size_t bufLen)
{
   return buf == NULL ? VIX_E_BUFFER_TOOSMALL : mint(diskPath, false, buf, bufLen);
}

STUB_API VixError VixDiskLibStub_ResetChangeTracking(const char *diskPath)
{
   return mint(diskPath, true, NULL, 0);
}

/* ---- the write hook and Flush/Close -------------------------------------------------------- */

void stub_changes_record(VixDiskLibHandle h, uint64 start, uint64 num)
{
   if (num == 0) {
      return;
   }
   pthread_mutex_lock(&h->mutex);
   if (h->changes == NULL && (h->changes = calloc(1, sizeof *h->changes)) != NULL) {
      h->changes->numBlocks = (h->capacity + BLOCK_SECTORS - 1) / BLOCK_SECTORS;
      h->changes->bits = calloc((size_t)(h->changes->numBlocks + 7) / 8, 1);
   }
   struct StubChanges *c = h->changes;
   if (c != NULL && c->bits != NULL) {
      for (uint64 b = start / BLOCK_SECTORS; b <= (start + num - 1) / BLOCK_SECTORS; b++) {
         c->bits[b / 8] |= (uint8)(1u << (b % 8));
      }
      c->any = true;
   }
   pthread_mutex_unlock(&h->mutex);
}

static bool bit(const uint8 *bits, uint64 b)
{
   return (bits[b / 8] >> (b % 8)) & 1;
}

/* Runs of set bits as "SEQ FIRST COUNT\n" lines, appended to *out. */
static bool append_runs(const struct StubChanges *c, uint64 seq, char **out)
{
   for (uint64 b = 0; b < c->numBlocks;) {
      if (!bit(c->bits, b)) {
         b++;
         continue;
      }
      uint64 first = b;
      while (b < c->numBlocks && bit(c->bits, b)) {
         b++;
      }
      char *next;
      if (asprintf(&next, "%s%" PRIu64 " %" PRIu64 " %" PRIu64 "\n", *out, seq, first,
                   b - first) < 0) {
         return false;
      }
      free(*out);
      *out = next;
   }
   return true;
}

VixError stub_changes_flush(VixDiskLibHandle h)
{
   pthread_mutex_lock(&h->mutex);
   struct StubChanges *c = h->changes;
   VixError err = VIX_OK;
   if (c != NULL && c->any) {
      char *path = sidecar_path(h->path);
      int fd = path != NULL ? open_sidecar(path, false) : -1;   /* tracking on? */
      Sidecar s;
      if (fd >= 0 && read_sidecar(fd, &s)) {
         if (!append_runs(c, s.epoch, &s.records) || !write_sidecar(fd, &s)) {
            stub_logf(STUB_LVL_ERROR, "VixDiskLib: cannot record changed areas in %s\n",
                      path);
            err = VIX_E_FILE_ACCESS_ERROR;
         }
         free(s.records);
      }
      if (fd >= 0) {
         close(fd);
      }
      free(path);
      if (err == VIX_OK) {
         memset(c->bits, 0, (size_t)(c->numBlocks + 7) / 8);
         c->any = false;
      }
   }
   pthread_mutex_unlock(&h->mutex);
   return err;
}

void stub_changes_close(VixDiskLibHandle h)
{
   stub_changes_flush(h);
   if (h->changes != NULL) {
      free(h->changes->bits);
      free(h->changes);
      h->changes = NULL;
   }
   free(h->changeId);
   h->changeId = NULL;
}

#if VIXDISKLIB_VERSION_MAJOR >= 9

/* ---- OpenEx -------------------------------------------------------------------------------- */

/* "*" or "<uuid>/<epoch>" of the disk's current tracking generation. */
static VixError check_change_id(const char *diskPath, const char *changeId)
{
   if (strcmp(changeId, "*") == 0) {
      return VIX_OK;
   }
   char *path = sidecar_path(diskPath);
   int fd = path != NULL ? open_sidecar(path, false) : -1;
   Sidecar s;
   bool known = false;
   if (fd >= 0 && read_sidecar(fd, &s)) {
      size_t u = strlen(s.uuid);
      char *end = NULL;
      uint64 epoch = strncmp(changeId, s.uuid, u) == 0 && changeId[u] == '/'
                        ? strtoull(changeId + u + 1, &end, 10) : 0;
      known = end != NULL && *end == '\0' && epoch >= 1 && epoch < s.epoch;
      free(s.records);
   }
   if (fd >= 0) {
      close(fd);
   }
   if (!known) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: OpenEx: change ID '%s' is unknown or expired "
                "for %s%s\n", changeId, diskPath,
                fd < 0 ? " (no change tracking on this disk)" : "");
   }
   free(path);
   return known ? VIX_OK : VIX_E_INVALID_ARG;
}

STUB_API VixError VixDiskLib_OpenEx(const VixDiskLibConnection connection,
                                    const VixDiskLibOpenParams *openParams,
                                    VixDiskLibHandle *diskHandle)
{
   VixError err = stub_enter("VixDiskLib_OpenEx");
   if (err != VIX_OK) {
      return err;
   }
   if (openParams == NULL || openParams->path == NULL || diskHandle == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = stub_check_connection("OpenEx", connection)) != VIX_OK) {
      return err;
   }
   VixDiskLibHandle h = NULL;
   err = stub_handle_open(connection, openParams->path, openParams->flags, &h);
   const char *id = openParams->changeId;
   if (err != VIX_OK || id == NULL || id[0] == '\0') {
      *diskHandle = h;
      return err;
   }
   err = check_change_id(h->path, id);
   if (err == VIX_OK && (h->changeId = strdup(id)) == NULL) {
      err = VIX_E_OUT_OF_MEMORY;
   }
   if (err != VIX_OK) {
      stub_handle_close(h);      /* no side effects */
      return err;
   }
   *diskHandle = h;
   return VIX_OK;
}

/* ---- QueryChangedAreas / FreeChangedAreas ------------------------------------------------ */

static VixError collect_since(VixDiskLibHandle h, uint64 epoch, uint8 *bits, uint64 numBlocks)
{
   char *path = sidecar_path(h->path);
   int fd = path != NULL ? open_sidecar(path, false) : -1;
   free(path);
   Sidecar s;
   if (fd < 0 || !read_sidecar(fd, &s)) {
      if (fd >= 0) {
         close(fd);
      }
      return VIX_E_INVALID_ARG;   /* tracking reset or removed since OpenEx */
   }
   close(fd);
   size_t u = strlen(s.uuid);
   VixError err = strncmp(h->changeId, s.uuid, u) == 0 ? VIX_OK : VIX_E_INVALID_ARG;
   char *save = NULL;
   for (char *line = strtok_r(s.records, "\n", &save); err == VIX_OK && line != NULL;
        line = strtok_r(NULL, "\n", &save)) {
      uint64 seq, first, count;
      if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64, &seq, &first, &count) != 3 ||
          seq <= epoch) {
         continue;
      }
      for (uint64 b = first; b < first + count && b < numBlocks; b++) {
         bits[b / 8] |= (uint8)(1u << (b % 8));
      }
   }
   free(s.records);
   return err;
}

static VixDiskLibBlockList *runs_to_blocks(const uint8 *bits, uint64 numBlocks,
                                           uint64 startSector, uint64 capacity)
{
   uint32 n = 0;
   VixDiskLibBlockList *list = NULL;
   for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
         size_t size = offsetof(VixDiskLibBlockList, blocks) + (size_t)n * sizeof(VixDiskLibBlock);
         list = calloc(1, size > sizeof *list ? size : sizeof *list);
         if (list == NULL) {
            return NULL;
         }
      }
      uint32 k = 0;
      for (uint64 b = startSector / BLOCK_SECTORS; b < numBlocks;) {
         if (!bit(bits, b)) {
            b++;
            continue;
         }
         uint64 first = b;
         while (b < numBlocks && bit(bits, b)) {
            b++;
         }
         uint64 from = first * BLOCK_SECTORS < startSector ? startSector : first * BLOCK_SECTORS;
         uint64 to = b * BLOCK_SECTORS > capacity ? capacity : b * BLOCK_SECTORS;
         if (pass == 1) {
            list->blocks[k] = (VixDiskLibBlock){ from, to - from };
         }
         k++;
      }
      n = k;
   }
   list->numBlocks = n;
   return list;
}

STUB_API VixError VixDiskLib_QueryChangedAreas(VixDiskLibHandle diskHandle,
                                               const VixDiskLibQueryChangedAreaParams *params,
                                               VixDiskLibDiskChangeInfo **changeInfo)
{
   VixError err = stub_enter_handle("VixDiskLib_QueryChangedAreas", diskHandle);
   if (err != VIX_OK) {
      return err;
   }
   VixDiskLibHandle h = diskHandle;
   uint64 capacityBytes = h->capacity * VIXDISKLIB_SECTOR_SIZE;
   if (params == NULL || changeInfo == NULL || params->startOffset >= capacityBytes ||
       params->startOffset % VIXDISKLIB_SECTOR_SIZE != 0) {
      return VIX_E_INVALID_ARG;
   }
   if (h->changeId == NULL) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: QueryChangedAreas: %s was not opened with a "
                "change ID (VixDiskLib_OpenEx)\n", h->path);
      return VIX_E_INVALID_ARG;
   }
   uint64 startSector = params->startOffset / VIXDISKLIB_SECTOR_SIZE;
   uint64 numBlocks = (h->capacity + BLOCK_SECTORS - 1) / BLOCK_SECTORS;
   uint8 *bits = calloc((size_t)(numBlocks + 7) / 8, 1);
   if (bits == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   if (strcmp(h->changeId, "*") == 0) {
      memset(bits, 0xff, (size_t)(numBlocks + 7) / 8);
   } else {
      const char *slash = strrchr(h->changeId, '/');
      err = collect_since(h, strtoull(slash + 1, NULL, 10), bits, numBlocks);
      pthread_mutex_lock(&h->mutex);          /* this handle's writes not flushed yet */
      if (err == VIX_OK && h->changes != NULL && h->changes->bits != NULL) {
         for (uint64 i = 0; i < (numBlocks + 7) / 8; i++) {
            bits[i] |= h->changes->bits[i];
         }
      }
      pthread_mutex_unlock(&h->mutex);
   }
   if (err != VIX_OK) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: QueryChangedAreas: change ID '%s' of %s has "
                "expired (change tracking was reset)\n", h->changeId, h->path);
      free(bits);
      return err;
   }
   VixDiskLibDiskChangeInfo *info = calloc(1, sizeof *info);
   if (info != NULL) {
      info->areas = runs_to_blocks(bits, numBlocks, startSector, h->capacity);
   }
   free(bits);
   if (info == NULL || info->areas == NULL) {
      free(info);
      return VIX_E_OUT_OF_MEMORY;
   }
   info->startOffset = params->startOffset;
   info->length = capacityBytes - params->startOffset;
   stub_track(STUB_OBJ_CHANGE_INFO, info);
   *changeInfo = info;
   return VIX_OK;
}

STUB_API void VixDiskLib_FreeChangedAreas(VixDiskLibDiskChangeInfo *changeInfo)
{
   if (changeInfo == NULL) {
      return;
   }
   if (!stub_untrack(STUB_OBJ_CHANGE_INFO, changeInfo)) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: FreeChangedAreas(%p): not returned by "
                "QueryChangedAreas (double free?); ignored\n", (void *)changeInfo);
      return;
   }
   free(changeInfo->areas);
   free(changeInfo);
}

STUB_API VixError VixDiskLib_GetConnectionFromDisk(VixDiskLibHandle diskHandle,
                                                   VixDiskLibConnection *connection)
{
   VixError err = stub_enter_handle("VixDiskLib_GetConnectionFromDisk", diskHandle);
   if (err == VIX_OK && connection == NULL) {
      err = VIX_E_INVALID_ARG;
   }
   if (err == VIX_OK) {
      *connection = diskHandle->conn;
   }
   return err;
}

#endif /* VIXDISKLIB_VERSION_MAJOR >= 9 */
