/*
 * extent.c -- opened disks: a descriptor, its extents (FLAT, ZERO, SPARSE) laid end to end,
 * and for a delta disk its parent chain. Every sector access of the VixDiskLib functions goes
 * through stub_disk_map/read/write here; no other file knows an extent's format.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "stub_internal.h"

#define MAX_CHAIN_LINKS 64

static VixError open_link(const char *path, uint32 flags, int depth, StubDisk **out);

void stub_disk_close(StubDisk *d)
{
   if (d == NULL) {
      return;
   }
   for (size_t i = 0; i < d->numExtents; i++) {
      stub_sparse_close(d->extents[i].sparse);
      if (d->extents[i].fd >= 0) {
         close(d->extents[i].fd);
      }
   }
   free(d->extents);
   stub_vmdk_free(&d->vmdk);
   stub_disk_close(d->parent);
   pthread_mutex_destroy(&d->mutex);
   free(d->path);
   free(d);
}

/* Open one extent's file. A RDONLY or NOACCESS extent is opened read-only even on a
 * read-write disk (VDDK 9.0 opens such a disk read-write; its writes fail). */
static VixError open_extent(StubDisk *d, StubExtent *e, bool direct)
{
   char *path = stub_vmdk_resolve(d->path, e->line.fileName);
   if (path == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   bool ro = d->readOnly || e->line.access != STUB_ACCESS_RW;
   int flags = (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC;
   direct = direct && e->line.type == STUB_EXTENT_FLAT;
   e->fd = open(path, flags | (direct ? O_DIRECT : 0));
   if (e->fd < 0 && direct && errno == EINVAL) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: O_DIRECT not supported for %s; SAN I/O on this "
                "handle is buffered (alignment is still checked)\n", path);
      direct = false;
      e->fd = open(path, flags);
   }
   d->direct = d->direct || direct;
   VixError err = VIX_OK;
   if (e->fd < 0) {
      int en = errno;
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Open: cannot open extent %s: %s\n", path,
                strerror(en));
      err = stub_errno_to_vix(en);
   } else if (e->line.type == STUB_EXTENT_SPARSE) {
      err = stub_sparse_open(e->fd, path, &e->sparse);
   }
   free(path);
   return err;
}

/* A delta disk (parentCID other than ffffffff) opens its parent read-only. */
static VixError open_parent(StubDisk *d, uint32 flags, int depth)
{
   char parentCid[32], hint[4096];
   if (stub_vmdk_get(&d->vmdk, "parentCID", parentCid, sizeof parentCid) == NULL ||
       strcasecmp(parentCid, "ffffffff") == 0 || (flags & STUB_DISK_OPEN_SINGLE_LINK) != 0) {
      return VIX_OK;
   }
   if (stub_vmdk_get(&d->vmdk, "parentFileNameHint", hint, sizeof hint) == NULL) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s has parentCID %s but no parentFileNameHint\n",
                d->path, parentCid);
      return VIX_E_DISK_OPENPARENT;
   }
   if (depth + 1 >= MAX_CHAIN_LINKS) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: chain longer than %d links (a loop?)\n",
                d->path, MAX_CHAIN_LINKS);
      return VIX_E_DISK_OPENPARENT;
   }
   char *path = stub_vmdk_resolve(d->path, hint);
   if (path == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   VixError err = open_link(path, STUB_DISK_OPEN_READ_ONLY, depth + 1, &d->parent);
   if (err != VIX_OK && err != VIX_E_OUT_OF_MEMORY) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: cannot open %s, the parent of %s\n", path,
                d->path);
      err = VIX_E_DISK_OPENPARENT;
   }
   /* content IDs are hex numbers: qemu writes parentCID without leading zeros */
   char cid[32] = "";
   if (err == VIX_OK && (stub_vmdk_get(&d->parent->vmdk, "CID", cid, sizeof cid) == NULL ||
                         strtoul(cid, NULL, 16) != strtoul(parentCid, NULL, 16))) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: parentCID %s does not match the CID %s of "
                "the parent %s (the parent changed after the child was made)\n", d->path,
                parentCid, cid, path);
      err = VIX_E_DISK_CID_MISMATCH;
   }
   free(path);
   return err;
}

static VixError open_link(const char *path, uint32 flags, int depth, StubDisk **out)
{
   StubDisk *d = calloc(1, sizeof *d);
   if (d == NULL || (d->path = strdup(path)) == NULL) {
      free(d);
      return VIX_E_OUT_OF_MEMORY;
   }
   pthread_mutex_init(&d->mutex, NULL);
   d->readOnly = (flags & STUB_DISK_OPEN_READ_ONLY) != 0;
   VixError err = stub_vmdk_load(path, &d->vmdk);
   if (err == VIX_OK) {
      d->embedded = d->vmdk.embeddedSize > 0;
      d->capacity = d->vmdk.capacity;
      d->extents = calloc(d->vmdk.numExtents, sizeof *d->extents);
      err = d->extents == NULL ? VIX_E_OUT_OF_MEMORY : VIX_OK;
   }
   uint64 start = 0;
   for (size_t i = 0; err == VIX_OK && i < d->vmdk.numExtents; i++) {
      StubExtent *e = &d->extents[i];
      e->line = d->vmdk.extents[i];
      e->start = start;
      e->fd = -1;
      d->numExtents++;
      start += e->line.sectors;
      if (e->line.type != STUB_EXTENT_ZERO) {
         err = open_extent(d, e, (flags & STUB_DISK_OPEN_DIRECT) != 0);
      }
   }
   if (err == VIX_OK) {
      err = open_parent(d, flags, depth);
   }
   if (err != VIX_OK) {
      stub_disk_close(d);
      return err;
   }
   d->numLinks = 1 + (d->parent != NULL ? d->parent->numLinks : 0);
   *out = d;
   return VIX_OK;
}

VixError stub_disk_open(const char *path, uint32 flags, StubDisk **out)
{
   return open_link(path, flags, 0, out);
}

static StubExtent *find_extent(StubDisk *d, uint64 sector)
{
   for (size_t i = 0; i < d->numExtents; i++) {
      if (sector - d->extents[i].start < d->extents[i].line.sectors) {
         return &d->extents[i];
      }
   }
   return NULL;
}

VixError stub_disk_map(StubDisk *d, uint64 sector, uint64 n, StubMapping *m)
{
   StubExtent *e = find_extent(d, sector);
   if (e == NULL || n == 0) {
      return VIX_E_DISK_OUTOFRANGE;
   }
   uint64 rel = sector - e->start, left = e->line.sectors - rel;
   if (n > left) {
      n = left;
   }
   memset(m, 0, sizeof *m);
   m->fd = e->fd;
   m->sectors = n;
   if (e->line.access == STUB_ACCESS_NOACCESS) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: sector %llu is in a NOACCESS extent\n",
                d->path, (unsigned long long)sector);
      return VIX_E_FILE_ACCESS_ERROR;
   }
   switch (e->line.type) {
   case STUB_EXTENT_FLAT:
      m->kind = STUB_MAP_DATA;
      m->fileOffset = (e->line.offset + rel) * VIXDISKLIB_SECTOR_SIZE;
      return VIX_OK;
   case STUB_EXTENT_ZERO:
      m->kind = STUB_MAP_ZERO;
      return VIX_OK;
   case STUB_EXTENT_SPARSE:
   default:
      if (rel >= stub_sparse_capacity(e->sparse)) {
         m->kind = STUB_MAP_UNALLOCATED;    /* extent line larger than the sparse file */
         return VIX_OK;
      }
      if (n > stub_sparse_capacity(e->sparse) - rel) {
         n = stub_sparse_capacity(e->sparse) - rel;
      }
      return stub_sparse_map(e->sparse, rel, n, m);
   }
}

static VixError read_file(int fd, uint64 off, uint64 len, uint8 *buf)
{
   uint64 done = 0;
   while (done < len) {
      ssize_t n = pread(fd, buf + done, len - done, (off_t)(off + done));
      if (n < 0 && errno == EINTR) {
         continue;
      }
      if (n < 0) {
         return errno == EINVAL ? VIX_E_INVALID_ARG : VIX_E_FAIL;
      }
      if (n == 0) {
         memset(buf + done, 0, len - done);   /* a short extent reads as zeros */
         break;
      }
      done += (uint64)n;
   }
   return VIX_OK;
}

/* Sectors this link does not hold: the parent's (within its capacity), else zeros. */
static VixError read_parent(StubDisk *d, uint64 sector, uint64 n, uint8 *buf)
{
   StubDisk *p = d->parent;
   uint64 inParent = p == NULL || sector >= p->capacity ? 0
                     : (p->capacity - sector < n ? p->capacity - sector : n);
   memset(buf + inParent * VIXDISKLIB_SECTOR_SIZE, 0,
          (size_t)((n - inParent) * VIXDISKLIB_SECTOR_SIZE));
   return inParent > 0 ? stub_disk_read(p, sector, inParent, buf) : VIX_OK;
}

VixError stub_disk_read(StubDisk *d, uint64 sector, uint64 n, uint8 *buf)
{
   while (n > 0) {
      StubMapping m;
      VixError err = stub_disk_map(d, sector, n, &m);
      if (err == VIX_OK) {
         switch (m.kind) {
         case STUB_MAP_DATA:
            err = read_file(m.fd, m.fileOffset, m.sectors * VIXDISKLIB_SECTOR_SIZE, buf);
            break;
         case STUB_MAP_ZERO:
            memset(buf, 0, (size_t)(m.sectors * VIXDISKLIB_SECTOR_SIZE));
            break;
         case STUB_MAP_UNALLOCATED:
            err = read_parent(d, sector, m.sectors, buf);
            break;
         }
      }
      if (err != VIX_OK) {
         return err;
      }
      sector += m.sectors;
      n -= m.sectors;
      buf += m.sectors * VIXDISKLIB_SECTOR_SIZE;
   }
   return VIX_OK;
}

typedef struct {
   StubDisk *disk;
   const StubExtent *extent;
} Backing;

static VixError backing_read(void *ctx, uint64 sector, uint64 n, uint8 *buf)
{
   Backing *b = ctx;
   return read_parent(b->disk, b->extent->start + sector, n, buf);
}

static VixError write_file(int fd, uint64 off, uint64 len, const uint8 *buf)
{
   uint64 done = 0;
   while (done < len) {
      ssize_t n = pwrite(fd, buf + done, len - done, (off_t)(off + done));
      if (n < 0 && errno == EINTR) {
         continue;
      }
      if (n <= 0) {
         int e = n < 0 ? errno : ENOSPC;
         /* EINVAL: misaligned O_DIRECT I/O; EBADF: the extent is open read-only */
         return e == EINVAL ? VIX_E_INVALID_ARG
                : e == EBADF ? VIX_E_FILE_READ_ONLY : stub_errno_to_vix(e);
      }
      done += (uint64)n;
   }
   return VIX_OK;
}

VixError stub_disk_write(StubDisk *d, uint64 sector, uint64 n, const uint8 *buf)
{
   if (d->readOnly) {
      return VIX_E_FILE_READ_ONLY;
   }
   /* VDDK 9.0 (measured): a write touching a RDONLY extent fails with 13; nothing is written */
   for (uint64 s = sector; s < sector + n;) {
      StubExtent *e = find_extent(d, s);
      if (e == NULL) {
         return VIX_E_DISK_OUTOFRANGE;
      }
      if (e->line.access != STUB_ACCESS_RW || e->line.type == STUB_EXTENT_ZERO) {
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: Write to %s: sector %llu is in a %s extent\n",
                   d->path, (unsigned long long)s,
                   e->line.type == STUB_EXTENT_ZERO ? "ZERO"
                   : e->line.access == STUB_ACCESS_RDONLY ? "RDONLY" : "NOACCESS");
         return VIX_E_FILE_ACCESS_ERROR;
      }
      s = e->start + e->line.sectors;
   }
   while (n > 0) {
      StubExtent *e = find_extent(d, sector);
      uint64 rel = sector - e->start;
      uint64 len = e->line.sectors - rel < n ? e->line.sectors - rel : n;
      VixError err;
      if (e->line.type == STUB_EXTENT_SPARSE) {
         Backing b = { d, e };
         uint64 cap = stub_sparse_capacity(e->sparse);
         if (rel + len > cap) {
            stub_logf(STUB_LVL_ERROR, "VixDiskLib: Write to %s: sectors beyond the sparse "
                      "extent's own capacity %llu\n", d->path, (unsigned long long)cap);
            return VIX_E_DISK_OUTOFRANGE;
         }
         err = stub_sparse_write(e->sparse, rel, len, buf,
                                 d->parent != NULL ? backing_read : NULL, &b);
      } else {
         err = write_file(e->fd, (e->line.offset + rel) * VIXDISKLIB_SECTOR_SIZE,
                          len * VIXDISKLIB_SECTOR_SIZE, buf);
      }
      if (err != VIX_OK) {
         return err;
      }
      sector += len;
      n -= len;
      buf += len * VIXDISKLIB_SECTOR_SIZE;
   }
   return VIX_OK;
}

VixError stub_disk_flush(StubDisk *d)
{
   for (size_t i = 0; i < d->numExtents; i++) {
      if (d->extents[i].fd >= 0 && fsync(d->extents[i].fd) != 0 && errno != EINVAL &&
          errno != EBADF) {
         return VIX_E_FAIL;
      }
   }
   return VIX_OK;
}

/* FLAT extents count as allocated throughout: VDDK 9.0 reports a local flat disk's whole
 * range allocated (measured; native-stubs/README.md, "Disk formats"). */
VixError stub_disk_is_allocated(StubDisk *d, uint64 sector, uint64 n, bool *allocated)
{
   *allocated = false;
   while (n > 0) {
      StubMapping m;
      VixError err = stub_disk_map(d, sector, n, &m);
      if (err == VIX_E_FILE_ACCESS_ERROR) {
         *allocated = true;                  /* NOACCESS: nothing known, report data */
         return VIX_OK;
      }
      if (err != VIX_OK) {
         return err;
      }
      if (m.kind == STUB_MAP_DATA) {
         *allocated = true;
         return VIX_OK;
      }
      if (m.kind == STUB_MAP_UNALLOCATED && d->parent != NULL && sector < d->parent->capacity) {
         uint64 inParent = d->parent->capacity - sector < m.sectors
                           ? d->parent->capacity - sector : m.sectors;
         if ((err = stub_disk_is_allocated(d->parent, sector, inParent, allocated)) != VIX_OK ||
             *allocated) {
            return err;
         }
      }
      sector += m.sectors;
      n -= m.sectors;
   }
   return VIX_OK;
}

VixError stub_disk_save_descriptor(StubDisk *d)
{
   return stub_vmdk_save(&d->vmdk, d->path);
}

int stub_disk_lock_fd(const StubDisk *d)
{
   for (size_t i = 0; i < d->numExtents; i++) {
      if (d->extents[i].fd >= 0) {
         return d->extents[i].fd;
      }
   }
   return -1;
}
