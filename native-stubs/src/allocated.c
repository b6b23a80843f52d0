/*
 * allocated.c -- QueryAllocatedBlocks / FreeBlockList.
 *
 * VDDK's chunk rules (measured on VDDK 9.0 and documented in VDDK 9.0's vixDiskLib.h):
 * chunkSize a power of two from VIXDISKLIB_MIN_CHUNK_SIZE (128 sectors) to
 * VIXDISKLIB_MAX_CHUNK_SIZE (128*1024); startSector
 * and numSectors whole chunks; at most VIXDISKLIB_MAX_CHUNK_NUMBER chunks per call; otherwise
 * 3 VIX_E_INVALID_ARG. A chunk is reported when any of its sectors is allocated: sparse
 * extents by their grain tables, a delta disk together with its parent chain, FLAT extents
 * always (VDDK 9.0 reports a local flat disk's whole range allocated), ZERO extents never.
 * Adjacent allocated chunks are merged into one block.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "stub_internal.h"

static bool power_of_two(uint64 x)
{
   return x != 0 && (x & (x - 1)) == 0;
}

static VixError check_chunks(VixDiskLibHandle h, uint64 start, uint64 num, uint64 chunk)
{
   const char *why = NULL;
   if (chunk < VIXDISKLIB_MIN_CHUNK_SIZE || chunk > VIXDISKLIB_MAX_CHUNK_SIZE ||
       !power_of_two(chunk)) {
      why = "chunkSize must be a power of two from 128 to 128*1024 sectors";
   } else if (start % chunk != 0 || num % chunk != 0 || num == 0) {
      why = "startSector and numSectors must be whole, non-zero chunks";
   } else if (num / chunk > VIXDISKLIB_MAX_CHUNK_NUMBER) {
      why = "more than VIXDISKLIB_MAX_CHUNK_NUMBER (512*1024) chunks";
   } else if (start > h->capacity || num > h->capacity - start) {
      why = "range ends past the capacity (query the whole chunks, treat the tail as "
            "allocated)";
   }
   if (why != NULL) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: QueryAllocatedBlocks(%llu, %llu, chunk %llu): "
                "%s\n", (unsigned long long)start, (unsigned long long)num,
                (unsigned long long)chunk, why);
      return VIX_E_INVALID_ARG;
   }
   return VIX_OK;
}

/* Append [offset, offset+length) to the list, merging with the last block. */
static VixError add_block(VixDiskLibBlockList **list, uint32 *cap, uint64 offset,
                          uint64 length)
{
   VixDiskLibBlockList *l = *list;
   if (l->numBlocks > 0) {
      VixDiskLibBlock *last = &l->blocks[l->numBlocks - 1];
      if (last->offset + last->length == offset) {
         last->length += length;
         return VIX_OK;
      }
   }
   if (l->numBlocks == *cap) {
      uint32 nc = *cap * 2;
      l = realloc(l, offsetof(VixDiskLibBlockList, blocks) + nc * sizeof(VixDiskLibBlock));
      if (l == NULL) {
         return VIX_E_OUT_OF_MEMORY;
      }
      *list = l;
      *cap = nc;
   }
   l->blocks[l->numBlocks].offset = offset;
   l->blocks[l->numBlocks].length = length;
   l->numBlocks++;
   return VIX_OK;
}

STUB_API VixError VixDiskLib_QueryAllocatedBlocks(VixDiskLibHandle diskHandle,
                                                  VixDiskLibSectorType startSector,
                                                  VixDiskLibSectorType numSectors,
                                                  VixDiskLibSectorType chunkSize,
                                                  VixDiskLibBlockList **blockList)
{
   VixError err = stub_enter_handle("VixDiskLib_QueryAllocatedBlocks", diskHandle);
   if (err != VIX_OK) {
      return err;
   }
   if (blockList == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = check_chunks(diskHandle, startSector, numSectors, chunkSize)) != VIX_OK) {
      return err;
   }
   uint32 cap = 16;
   VixDiskLibBlockList *list = malloc(offsetof(VixDiskLibBlockList, blocks) +
                                      cap * sizeof(VixDiskLibBlock));
   if (list == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   list->numBlocks = 0;
   for (uint64 s = startSector; s < startSector + numSectors && err == VIX_OK; s += chunkSize) {
      bool allocated;
      err = stub_disk_is_allocated(diskHandle->disk, s, chunkSize, &allocated);
      if (err == VIX_OK && allocated) {
         err = add_block(&list, &cap, s, chunkSize);
      }
   }
   if (err != VIX_OK) {
      free(list);
      return err;
   }
   stub_track(STUB_OBJ_BLOCK_LIST, list);
   *blockList = list;
   return VIX_OK;
}

STUB_API VixError VixDiskLib_FreeBlockList(VixDiskLibBlockList *blockList)
{
   if (blockList == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if (!stub_untrack(STUB_OBJ_BLOCK_LIST, blockList)) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: FreeBlockList(%p): not returned by "
                "QueryAllocatedBlocks (double free?); ignored\n", (void *)blockList);
      return VIX_E_INVALID_ARG;
   }
   free(blockList);
   return VIX_OK;
}
