/*
 * sparse.c -- hosted sparse extents ("KDMV"): the format of monolithicSparse and
 * twoGbMaxExtentSparse disks and of hosted delta disks, as VMware's "Virtual Disk Format 5.0"
 * specification describes it and qemu-img reads and writes it.
 *
 * Layout: a 512-byte header (StubSparseHeader), optionally an embedded descriptor, a
 * redundant and a primary grain directory (GD: one uint32 sector offset per grain table),
 * grain tables (GT: numGTEsPerGT uint32 sector offsets of grains; 0 = unallocated, 1 = zeroed
 * grain when flag bit 2 is set) and grains of grainSize sectors. New grains are appended at
 * the end of the file; a partial write of a new grain fills the rest of the grain with what
 * the disk read there before (the parent's data for a delta disk, else zeros). Grain data is
 * written before the grain table entries that point to it.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stub_internal.h"

#define FLAG_NEWLINE_TEST  (1u << 0)
#define FLAG_REDUNDANT_GD  (1u << 1)
#define FLAG_ZEROED_GTE    (1u << 2)
#define FLAG_COMPRESSED    (1u << 16)
#define FLAG_MARKERS       (1u << 17)
#define GD_AT_END          UINT64_MAX

struct StubSparse {
   StubSparseHeader hdr;
   int fd;
   uint64 numGTs;             /* entries of the grain directory */
   uint64 gtBytes;            /* bytes of one grain table */
   uint32 *gd, *rgd;          /* rgd NULL without a redundant directory */
   uint32 **gts;              /* cached primary grain tables, loaded on first use */
   uint64 endSector;          /* end of the file, where the next grain goes */
   pthread_mutex_t mutex;     /* grain tables and allocation */
};

static VixError io_error(int e)
{
   return e == ENOSPC ? VIX_E_DISK_FULL : e == ENOMEM ? VIX_E_OUT_OF_MEMORY : VIX_E_FAIL;
}

static VixError pread_all(int fd, void *buf, size_t len, uint64 off)
{
   size_t done = 0;
   while (done < len) {
      ssize_t n = pread(fd, (uint8 *)buf + done, len - done, (off_t)(off + done));
      if (n < 0 && errno == EINTR) {
         continue;
      }
      if (n < 0) {
         return io_error(errno);
      }
      if (n == 0) {
         memset((uint8 *)buf + done, 0, len - done);
         break;
      }
      done += (size_t)n;
   }
   return VIX_OK;
}

static VixError pwrite_all(int fd, const void *buf, size_t len, uint64 off)
{
   size_t done = 0;
   while (done < len) {
      ssize_t n = pwrite(fd, (const uint8 *)buf + done, len - done, (off_t)(off + done));
      if (n < 0 && errno == EINTR) {
         continue;
      }
      if (n <= 0) {
         return io_error(n < 0 ? errno : ENOSPC);
      }
      done += (size_t)n;
   }
   return VIX_OK;
}

static uint64 div_up(uint64 a, uint64 b)
{
   return (a + b - 1) / b;
}

void stub_sparse_close(struct StubSparse *s)
{
   if (s == NULL) {
      return;
   }
   for (uint64 i = 0; s->gts != NULL && i < s->numGTs; i++) {
      free(s->gts[i]);
   }
   free(s->gts);
   free(s->gd);
   free(s->rgd);
   pthread_mutex_destroy(&s->mutex);
   free(s);
}

VixError stub_sparse_open(int fd, const char *path, struct StubSparse **out)
{
   struct StubSparse *s = calloc(1, sizeof *s);
   if (s == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   pthread_mutex_init(&s->mutex, NULL);
   s->fd = fd;
   StubSparseHeader *h = &s->hdr;
   VixError err = pread_all(fd, h, sizeof *h, 0);
   const char *why = NULL;
   if (err == VIX_OK) {
      if (h->magicNumber != STUB_SPARSE_MAGIC) {
         why = "not a hosted sparse extent (no KDMV header)";
      } else if (h->version < 1 || h->version > 3 || h->grainSize == 0 ||
                 h->numGTEsPerGT == 0 || h->gdOffset == 0 ||
                 (h->grainSize & (h->grainSize - 1)) != 0 || h->numGTEsPerGT > 65536) {
         why = "inconsistent sparse header";
      } else if ((h->flags & (FLAG_COMPRESSED | FLAG_MARKERS)) != 0 ||
                 h->gdOffset == GD_AT_END) {
         why = "compressed (streamOptimized) extents are not implemented by the stub";
         err = VIX_E_NOT_SUPPORTED;
      }
   }
   if (err == VIX_OK && why == NULL) {
      s->numGTs = div_up(div_up(h->capacity, h->grainSize), h->numGTEsPerGT);
      s->gtBytes = (uint64)h->numGTEsPerGT * 4;
      s->gd = calloc(s->numGTs ? s->numGTs : 1, 4);
      s->gts = calloc(s->numGTs ? s->numGTs : 1, sizeof *s->gts);
      if ((h->flags & FLAG_REDUNDANT_GD) != 0 && h->rgdOffset != 0) {
         s->rgd = calloc(s->numGTs ? s->numGTs : 1, 4);
      }
      if (s->gd == NULL || s->gts == NULL || ((h->flags & FLAG_REDUNDANT_GD) != 0 &&
                                             h->rgdOffset != 0 && s->rgd == NULL)) {
         err = VIX_E_OUT_OF_MEMORY;
      }
      if (err == VIX_OK) {
         err = pread_all(fd, s->gd, s->numGTs * 4, h->gdOffset * VIXDISKLIB_SECTOR_SIZE);
      }
      if (err == VIX_OK && s->rgd != NULL) {
         err = pread_all(fd, s->rgd, s->numGTs * 4, h->rgdOffset * VIXDISKLIB_SECTOR_SIZE);
      }
      struct stat st;
      if (err == VIX_OK && fstat(fd, &st) == 0) {
         s->endSector = div_up((uint64)st.st_size, VIXDISKLIB_SECTOR_SIZE);
      }
   }
   if (why != NULL) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: %s\n", path, why);
      if (err == VIX_OK) {
         err = VIX_E_DISK_INVALIDDISK;
      }
   }
   if (err != VIX_OK) {
      stub_sparse_close(s);
      return err;
   }
   *out = s;
   return VIX_OK;
}

uint64 stub_sparse_capacity(const struct StubSparse *s)
{
   return s->hdr.capacity;
}

/* The cached grain table of directory entry i (NULL if the directory has none there). */
static VixError grain_table(struct StubSparse *s, uint64 i, uint32 **gt)
{
   *gt = NULL;
   if (s->gd[i] == 0) {
      return VIX_OK;
   }
   if (s->gts[i] == NULL) {
      uint32 *t = malloc((size_t)s->gtBytes);
      if (t == NULL) {
         return VIX_E_OUT_OF_MEMORY;
      }
      VixError err = pread_all(s->fd, t, (size_t)s->gtBytes,
                               (uint64)s->gd[i] * VIXDISKLIB_SECTOR_SIZE);
      if (err != VIX_OK) {
         free(t);
         return err;
      }
      s->gts[i] = t;
   }
   *gt = s->gts[i];
   return VIX_OK;
}

/* Grain table entry of grain g (0 when unallocated). Lock held. */
static VixError grain_entry(struct StubSparse *s, uint64 g, uint32 *gte)
{
   uint64 i = g / s->hdr.numGTEsPerGT;
   *gte = 0;
   if (i >= s->numGTs) {
      return VIX_OK;
   }
   uint32 *gt;
   VixError err = grain_table(s, i, &gt);
   if (err == VIX_OK && gt != NULL) {
      *gte = gt[g % s->hdr.numGTEsPerGT];
   }
   return err;
}

static StubMapKind entry_kind(const struct StubSparse *s, uint32 gte)
{
   if (gte == 0) {
      return STUB_MAP_UNALLOCATED;
   }
   return gte == 1 && (s->hdr.flags & FLAG_ZEROED_GTE) != 0 ? STUB_MAP_ZERO : STUB_MAP_DATA;
}

VixError stub_sparse_map(struct StubSparse *s, uint64 sector, uint64 n, StubMapping *m)
{
   uint64 gs = s->hdr.grainSize;
   pthread_mutex_lock(&s->mutex);
   uint64 g = sector / gs;
   uint32 gte;
   VixError err = grain_entry(s, g, &gte);
   if (err == VIX_OK) {
      m->kind = entry_kind(s, gte);
      m->fd = s->fd;
      m->fileOffset = ((uint64)gte + sector % gs) * VIXDISKLIB_SECTOR_SIZE;
      m->sectors = gs - sector % gs;
      /* extend the run over following grains with the same answer (contiguous data) */
      while (m->sectors < n && err == VIX_OK) {
         uint32 next;
         err = grain_entry(s, g + 1, &next);
         StubMapKind k = entry_kind(s, next);
         if (err != VIX_OK || k != m->kind ||
             (k == STUB_MAP_DATA && (uint64)next != (uint64)gte + gs)) {
            break;
         }
         g++;
         gte = next;
         m->sectors += gs;
      }
      if (m->sectors > n) {
         m->sectors = n;
      }
   }
   pthread_mutex_unlock(&s->mutex);
   return err;
}

/* Append a zeroed grain table for directory entry i (primary and redundant). Lock held. */
static VixError allocate_grain_table(struct StubSparse *s, uint64 i)
{
   uint64 gtSectors = div_up(s->gtBytes, VIXDISKLIB_SECTOR_SIZE);
   uint32 *t = calloc(1, (size_t)(gtSectors * VIXDISKLIB_SECTOR_SIZE));
   if (t == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   VixError err = s->endSector + 2 * gtSectors > UINT32_MAX ? VIX_E_DISK_FULL : VIX_OK;
   for (int copy = 0; copy < (s->rgd != NULL ? 2 : 1) && err == VIX_OK; copy++) {
      uint32 *dir = copy == 0 ? s->gd : s->rgd;
      uint64 dirOffset = copy == 0 ? s->hdr.gdOffset : s->hdr.rgdOffset;
      uint32 at = (uint32)s->endSector;
      err = pwrite_all(s->fd, t, (size_t)(gtSectors * VIXDISKLIB_SECTOR_SIZE),
                       s->endSector * VIXDISKLIB_SECTOR_SIZE);
      if (err == VIX_OK) {
         s->endSector += gtSectors;
         err = pwrite_all(s->fd, &at, 4, dirOffset * VIXDISKLIB_SECTOR_SIZE + i * 4);
      }
      if (err == VIX_OK) {
         dir[i] = at;
      }
   }
   free(t);
   return err;
}

/* Point grain g at sector `at` in the primary and redundant grain tables. Lock held. */
static VixError set_grain_entry(struct StubSparse *s, uint64 g, uint32 at)
{
   uint64 i = g / s->hdr.numGTEsPerGT, j = g % s->hdr.numGTEsPerGT;
   uint32 *gt;
   VixError err = grain_table(s, i, &gt);
   if (err == VIX_OK && gt == NULL) {
      err = allocate_grain_table(s, i);
      if (err == VIX_OK) {
         err = grain_table(s, i, &gt);
      }
   }
   if (err == VIX_OK) {
      err = pwrite_all(s->fd, &at, 4, (uint64)s->gd[i] * VIXDISKLIB_SECTOR_SIZE + j * 4);
   }
   if (err == VIX_OK && s->rgd != NULL && s->rgd[i] != 0) {
      err = pwrite_all(s->fd, &at, 4, (uint64)s->rgd[i] * VIXDISKLIB_SECTOR_SIZE + j * 4);
   }
   if (err == VIX_OK) {
      gt[j] = at;
   }
   return err;
}

VixError stub_sparse_write(struct StubSparse *s, uint64 sector, uint64 n, const uint8 *buf,
                           StubBackingRead backing, void *ctx)
{
   uint64 gs = s->hdr.grainSize, grainBytes = gs * VIXDISKLIB_SECTOR_SIZE;
   uint8 *grain = NULL;
   VixError err = VIX_OK;
   pthread_mutex_lock(&s->mutex);
   while (n > 0 && err == VIX_OK) {
      uint64 g = sector / gs, in = sector % gs, len = gs - in < n ? gs - in : n;
      uint32 gte;
      err = grain_entry(s, g, &gte);
      if (err == VIX_OK && entry_kind(s, gte) == STUB_MAP_DATA) {
         err = pwrite_all(s->fd, buf, (size_t)(len * VIXDISKLIB_SECTOR_SIZE),
                          ((uint64)gte + in) * VIXDISKLIB_SECTOR_SIZE);
      } else if (err == VIX_OK) {
         if (grain == NULL && (grain = malloc((size_t)grainBytes)) == NULL) {
            err = VIX_E_OUT_OF_MEMORY;
            break;
         }
         memset(grain, 0, (size_t)grainBytes);
         if (len < gs && gte == 0 && backing != NULL) {
            /* what the disk showed here before: the parent's data (within capacity) */
            uint64 first = g * gs;
            uint64 avail = first < s->hdr.capacity ? s->hdr.capacity - first : 0;
            err = backing(ctx, first, avail < gs ? avail : gs, grain);
         }
         memcpy(grain + in * VIXDISKLIB_SECTOR_SIZE, buf, (size_t)(len * VIXDISKLIB_SECTOR_SIZE));
         uint32 at = (uint32)s->endSector;
         if (err == VIX_OK && s->endSector + gs > UINT32_MAX) {
            err = VIX_E_DISK_FULL;
         }
         if (err == VIX_OK) {
            err = pwrite_all(s->fd, grain, (size_t)grainBytes,
                             s->endSector * VIXDISKLIB_SECTOR_SIZE);
         }
         if (err == VIX_OK) {
            s->endSector += gs;
            err = set_grain_entry(s, g, at);
         }
      }
      sector += len;
      n -= len;
      buf += len * VIXDISKLIB_SECTOR_SIZE;
   }
   pthread_mutex_unlock(&s->mutex);
   free(grain);
   return err;
}

/* ---- creation -------------------------------------------------------------------------------- */

/* Write a new sparse extent file: header, descriptor text (may be NULL), redundant and primary
 * grain directories with all grain tables preallocated (as VMware and qemu-img lay it out). */
static VixError write_new_sparse(const char *path, uint64 capacity, const char *text)
{
   size_t textLen = text != NULL ? strlen(text) : 0;
   if (textLen > STUB_SPARSE_DESC_SIZE * VIXDISKLIB_SECTOR_SIZE) {
      return VIX_E_INVALID_ARG;
   }
   uint64 grains = div_up(capacity, STUB_SPARSE_GRAIN);
   uint64 numGTs = div_up(grains, STUB_SPARSE_GTES_PER_GT);
   uint64 gtSectors = div_up(STUB_SPARSE_GTES_PER_GT * 4, VIXDISKLIB_SECTOR_SIZE);
   uint64 gdSectors = div_up(numGTs * 4, VIXDISKLIB_SECTOR_SIZE);
   StubSparseHeader h;
   memset(&h, 0, sizeof h);
   h.magicNumber = STUB_SPARSE_MAGIC;
   h.version = 1;
   h.flags = FLAG_NEWLINE_TEST | FLAG_REDUNDANT_GD;
   h.capacity = capacity;
   h.grainSize = STUB_SPARSE_GRAIN;
   h.descriptorOffset = text != NULL ? STUB_SPARSE_DESC_OFFSET : 0;
   h.descriptorSize = text != NULL ? STUB_SPARSE_DESC_SIZE : 0;
   h.numGTEsPerGT = STUB_SPARSE_GTES_PER_GT;
   h.rgdOffset = STUB_SPARSE_DESC_OFFSET + STUB_SPARSE_DESC_SIZE;
   h.gdOffset = h.rgdOffset + gdSectors + gtSectors * numGTs;
   h.overHead = div_up(h.gdOffset + gdSectors + gtSectors * numGTs, STUB_SPARSE_GRAIN) *
                STUB_SPARSE_GRAIN;
   h.singleEndLineChar = '\n';
   h.nonEndLineChar = ' ';
   h.doubleEndLineChar1 = '\r';
   h.doubleEndLineChar2 = '\n';
   if (h.overHead + grains * STUB_SPARSE_GRAIN > UINT32_MAX) {
      return VIX_E_INVALID_ARG;              /* grain offsets are 32-bit sector numbers */
   }
   size_t metaBytes = (size_t)(h.overHead * VIXDISKLIB_SECTOR_SIZE);
   uint8 *meta = calloc(1, metaBytes);
   if (meta == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   memcpy(meta, &h, sizeof h);
   if (text != NULL) {
      memcpy(meta + STUB_SPARSE_DESC_OFFSET * VIXDISKLIB_SECTOR_SIZE, text, textLen);
   }
   uint64 dirs[2] = { h.rgdOffset, h.gdOffset };
   for (int d = 0; d < 2; d++) {
      uint32 *dir = (uint32 *)(meta + dirs[d] * VIXDISKLIB_SECTOR_SIZE);
      for (uint64 i = 0; i < numGTs; i++) {
         dir[i] = (uint32)(dirs[d] + gdSectors + i * gtSectors);
      }
   }
   VixError err = VIX_OK;
   int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
   if (fd < 0) {
      err = errno == EEXIST ? VIX_E_FILE_ALREADY_EXISTS
            : errno == ENOENT ? VIX_E_FILE_NOT_FOUND
            : errno == EACCES ? VIX_E_FILE_ACCESS_ERROR : VIX_E_FAIL;
   } else {
      err = pwrite_all(fd, meta, metaBytes, 0);
      if (err == VIX_OK && fsync(fd) != 0) {
         err = io_error(errno);
      }
      close(fd);
      if (err != VIX_OK) {
         unlink(path);
      }
   }
   free(meta);
   return err;
}

static const char *base_name(const char *path)
{
   const char *slash = strrchr(path, '/');
   return slash != NULL ? slash + 1 : path;
}

VixError stub_sparse_create(const char *path, const StubCreateSpec *spec)
{
   if (!stub_create_spec_valid(path, spec)) {
      return VIX_E_INVALID_ARG;
   }
   char *extentLine = NULL, *text = NULL;
   if (asprintf(&extentLine, "RW %" PRIu64 " SPARSE \"%s\"", spec->capacity,
                base_name(path)) >= 0) {
      text = stub_vmdk_new_text("monolithicSparse", extentLine, spec, NULL, NULL);
   }
   free(extentLine);
   if (text == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   VixError err = write_new_sparse(path, spec->capacity, text);
   free(text);
   return err;
}

VixError stub_sparse_create_child(const char *childPath, const StubDisk *parent,
                                  const char *parentFileNameHint)
{
   size_t pl = childPath != NULL ? strlen(childPath) : 0;
   if (childPath == NULL || parent == NULL || parentFileNameHint == NULL || pl < 6 ||
       strcmp(childPath + pl - 5, ".vmdk") != 0) {
      return VIX_E_INVALID_ARG;
   }
   char parentCid[16] = "ffffffff";
   stub_vmdk_get(&parent->vmdk, "CID", parentCid, sizeof parentCid);
   StubCreateSpec spec = { .capacity = parent->capacity,
                           .adapterType = VIXDISKLIB_ADAPTER_SCSI_LSILOGIC };
   char *extentLine = NULL, *text = NULL;
   if (asprintf(&extentLine, "RW %" PRIu64 " SPARSE \"%s\"", spec.capacity,
                base_name(childPath)) >= 0) {
      text = stub_vmdk_new_text("monolithicSparse", extentLine, &spec, parentCid,
                                parentFileNameHint);
   }
   free(extentLine);
   /* The child describes the same virtual hardware: copy the parent's ddb values. */
   static const char *const INHERITED[] = {
      "ddb.adapterType", "ddb.geometry.cylinders", "ddb.geometry.heads",
      "ddb.geometry.sectors", "ddb.geometry.biosCylinders", "ddb.geometry.biosHeads",
      "ddb.geometry.biosSectors", "ddb.virtualHWVersion", "ddb.uuid",
   };
   StubVmdk v;
   VixError err = text == NULL ? VIX_E_OUT_OF_MEMORY
                               : stub_vmdk_parse(text, strlen(text), childPath, &v);
   free(text);
   text = NULL;
   if (err != VIX_OK) {
      return err;
   }
   char value[256];
   for (size_t i = 0; i < sizeof INHERITED / sizeof INHERITED[0] && err == VIX_OK; i++) {
      if (stub_vmdk_get(&parent->vmdk, INHERITED[i], value, sizeof value) != NULL) {
         err = stub_vmdk_set(&v, INHERITED[i], value, true);
      }
   }
   size_t len;
   if (err == VIX_OK && (text = stub_vmdk_render(&v, &len)) == NULL) {
      err = VIX_E_OUT_OF_MEMORY;
   }
   stub_vmdk_free(&v);
   if (err == VIX_OK) {
      err = write_new_sparse(childPath, spec.capacity, text);
   }
   free(text);
   return err;
}

/* ---- control API fixtures ----------------------------------------------------------------- */

STUB_API VixError VixDiskLibStub_CreateSparseDisk(const char *path,
                                                  VixDiskLibSectorType capacitySectors,
                                                  VixDiskLibAdapterType adapterType)
{
   StubCreateSpec spec = { .capacity = capacitySectors, .adapterType = adapterType,
                           .hwVersion = 11 };
   return stub_sparse_create(path, &spec);
}

STUB_API VixError VixDiskLibStub_CreateChildDisk(const char *childPath, const char *parentPath)
{
   if (childPath == NULL || parentPath == NULL) {
      return VIX_E_INVALID_ARG;
   }
   /* the hint is relative to the child's directory: resolve it from there to open */
   char *resolved = stub_vmdk_resolve(childPath, parentPath);
   if (resolved == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   StubDisk *parent;
   VixError err = stub_disk_open(resolved, STUB_DISK_OPEN_READ_ONLY, &parent);
   free(resolved);
   if (err == VIX_OK) {
      err = stub_sparse_create_child(childPath, parent, parentPath);
      stub_disk_close(parent);
   }
   return err;
}
