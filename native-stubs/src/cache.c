/*
 * cache.c -- the per-handle read cache of vixDiskLib.disklib.EnableCache=1.
 *
 * Direct-mapped, 64 blocks of 64 KiB per handle. A handle's own writes update its cache;
 * writes through other handles (or other programs) are not seen until the block is evicted:
 * the stale-data hazard the VDDK guide warns about.
 */
#include <stdlib.h>
#include <string.h>

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

static VixError fill(struct StubCache *c, unsigned slot, StubCacheFill fn, void *ctx,
                     uint64 block)
{
   VixError err = fn(ctx, block * CACHE_BLOCK, CACHE_BLOCK, c->data + (size_t)slot * CACHE_BLOCK);
   c->tag[slot] = block;
   c->valid[slot] = err == VIX_OK;
   return err;
}

VixError stub_cache_read(struct StubCache *c, StubCacheFill fn, void *ctx, uint64 off,
                         uint64 len, uint8 *buf)
{
   while (len > 0) {
      uint64 block = off / CACHE_BLOCK;
      unsigned slot = (unsigned)(block % CACHE_SLOTS);
      if (!c->valid[slot] || c->tag[slot] != block) {
         VixError err = fill(c, slot, fn, ctx, block);
         if (err != VIX_OK) {
            return err;
         }
      }
      uint64 inBlock = off % CACHE_BLOCK;
      uint64 n = CACHE_BLOCK - inBlock < len ? CACHE_BLOCK - inBlock : len;
      memcpy(buf, c->data + (size_t)slot * CACHE_BLOCK + inBlock, n);
      buf += n;
      off += n;
      len -= n;
   }
   return VIX_OK;
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
