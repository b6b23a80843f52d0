/*
 * cache.c -- the per-handle read cache of vixDiskLib.disklib.EnableCache=1.
 *
 * Direct-mapped, 64 blocks of 64 KiB per handle. A handle's own writes update its cache;
 * writes through other handles (or other programs) are not seen until the block is evicted:
 * the stale-data hazard the VDDK guide warns about.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stub_internal.h"

#define CACHE_BLOCK 65536u
#define CACHE_SLOTS 64u

struct StubCache {
   uint64 tag[CACHE_SLOTS];
   bool valid[CACHE_SLOTS];
   uint8 *data;               /* CACHE_SLOTS * CACHE_BLOCK */
};

struct StubCache *stub_cache_new(void)
{
   struct StubCache *c = calloc(1, sizeof *c);
   if (c != NULL && (c->data = malloc((size_t)CACHE_SLOTS * CACHE_BLOCK)) == NULL) {
      free(c);
      c = NULL;
   }
   return c;
}

void stub_cache_free(struct StubCache *c)
{
   if (c != NULL) {
      free(c->data);
      free(c);
   }
}

static bool fill(struct StubCache *c, unsigned slot, int fd, uint64 block)
{
   uint8 *dst = c->data + (size_t)slot * CACHE_BLOCK;
   size_t done = 0;
   while (done < CACHE_BLOCK) {
      ssize_t n = pread(fd, dst + done, CACHE_BLOCK - done,
                        (off_t)(block * CACHE_BLOCK + done));
      if (n < 0 && errno == EINTR) {
         continue;
      }
      if (n < 0) {
         c->valid[slot] = false;
         return false;
      }
      if (n == 0) {
         memset(dst + done, 0, CACHE_BLOCK - done);   /* past the end of the extent */
         break;
      }
      done += (size_t)n;
   }
   c->tag[slot] = block;
   c->valid[slot] = true;
   return true;
}

bool stub_cache_read(struct StubCache *c, int fd, uint64 off, uint64 len, uint8 *buf)
{
   while (len > 0) {
      uint64 block = off / CACHE_BLOCK;
      unsigned slot = (unsigned)(block % CACHE_SLOTS);
      if ((!c->valid[slot] || c->tag[slot] != block) && !fill(c, slot, fd, block)) {
         return false;
      }
      uint64 inBlock = off % CACHE_BLOCK;
      uint64 n = CACHE_BLOCK - inBlock < len ? CACHE_BLOCK - inBlock : len;
      memcpy(buf, c->data + (size_t)slot * CACHE_BLOCK + inBlock, n);
      buf += n;
      off += n;
      len -= n;
   }
   return true;
}

void stub_cache_update(struct StubCache *c, uint64 off, uint64 len, const uint8 *buf)
{
   while (len > 0) {
      uint64 block = off / CACHE_BLOCK;
      unsigned slot = (unsigned)(block % CACHE_SLOTS);
      uint64 inBlock = off % CACHE_BLOCK;
      uint64 n = CACHE_BLOCK - inBlock < len ? CACHE_BLOCK - inBlock : len;
      if (c->valid[slot] && c->tag[slot] == block) {
         memcpy(c->data + (size_t)slot * CACHE_BLOCK + inBlock, buf, n);
      }
      buf += n;
      off += n;
      len -= n;
   }
}
