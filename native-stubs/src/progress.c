/*
 * progress.c -- the machinery of long disk-management operations (Create, Clone, Grow,
 * Shrink, Defragment, CreateChild): percent progress through VixDiskLibProgressFunc with
 * cancellation, and staged files that appear under their final names only when the whole
 * operation succeeded.
 *
 * Progress: the callback runs on the calling thread (VixDiskLib.h: "called on the same
 * thread"), with a percentage that never decreases, each value at most once, ending with
 * 100 on success. Returning FALSE cancels: the operation stops, removes what it wrote and
 * returns VIX_E_CANCELLED (VDDK programming guide: returning FALSE cancels the operation;
 * see docs/vddk-behaviour.md).
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stub_internal.h"

void stub_progress_init(StubProgress *p, VixDiskLibProgressFunc func, void *data,
                        const char *operation)
{
   p->func = func;
   p->data = data;
   p->last = -1;
   p->operation = operation;
}

VixError stub_progress_report(StubProgress *p, uint64 done, uint64 total)
{
   int pct = total == 0 || done >= total ? 100 : (int)((done * 100) / total);
   if (pct <= p->last) {
      return VIX_OK;
   }
   p->last = pct;
   if (p->func != NULL && !p->func(p->data, pct)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s cancelled by the progress function at %d%%\n",
                p->operation, pct);
      return VIX_E_CANCELLED;
   }
   return VIX_OK;
}

/* ---- staged files ------------------------------------------------------------------------ */

/* The staging directory "<dir of finalPath>/.<name>.vddkstub-XXXXXX" (mode 0700): the
 * same filesystem as the target, so the final renames are atomic. */
VixError stub_stage_begin(StubStage *s, const char *finalPath)
{
   memset(s, 0, sizeof *s);
   const char *slash = strrchr(finalPath, '/');
   const char *base = slash != NULL ? slash + 1 : finalPath;
   int dirLen = slash != NULL ? (int)(slash - finalPath + 1) : 0;
   if (asprintf(&s->dir, "%.*s.%s.vddkstub-XXXXXX", dirLen, finalPath, base) < 0) {
      s->dir = NULL;
      return VIX_E_OUT_OF_MEMORY;
   }
   if (mkdtemp(s->dir) == NULL) {
      VixError err = stub_errno_to_vix(errno);
      free(s->dir);
      s->dir = NULL;
      return err;
   }
   if (asprintf(&s->finalDir, "%.*s", dirLen, finalPath) < 0) {
      s->finalDir = NULL;
      stub_stage_abort(s);
      return VIX_E_OUT_OF_MEMORY;
   }
   return VIX_OK;
}

char *stub_stage_path(const StubStage *s, const char *name)
{
   const char *slash = strrchr(name, '/');
   char *out;
   return asprintf(&out, "%s/%s", s->dir, slash != NULL ? slash + 1 : name) < 0 ? NULL : out;
}

/*
 * Move the staged files named (base names, in order: extents first, the descriptor last)
 * to the final directory, so that the disk appears only once all its files are there.
 * replace = false: an existing name fails with VIX_E_FILE_ALREADY_EXISTS (renameat2
 * RENAME_NOREPLACE: no race with another creator) and the files moved so far are removed.
 */
VixError stub_stage_commit(StubStage *s, char *const *names, size_t n, bool replace)
{
   size_t done = 0;
   VixError err = VIX_OK;
   for (; done < n && err == VIX_OK; done++) {
      char *from = stub_stage_path(s, names[done]), *to = NULL;
      if (from == NULL || asprintf(&to, "%s%s", s->finalDir, names[done]) < 0) {
         free(from);
         return VIX_E_OUT_OF_MEMORY;
      }
      int rc = replace ? rename(from, to)
                       : renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
      if (rc != 0) {
         err = stub_errno_to_vix(errno);
         done--;
      }
      free(from);
      free(to);
   }
   if (err != VIX_OK && !replace) {
      for (size_t i = 0; i < done; i++) {
         char *to = NULL;
         if (asprintf(&to, "%s%s", s->finalDir, names[i]) >= 0) {
            unlink(to);
            free(to);
         }
      }
   }
   stub_stage_abort(s);
   return err;
}

/* Remove the staging directory with whatever is still in it. NULL-safe, idempotent. */
void stub_stage_abort(StubStage *s)
{
   if (s->dir != NULL) {
      DIR *d = opendir(s->dir);
      struct dirent *e;
      while (d != NULL && (e = readdir(d)) != NULL) {
         if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            unlinkat(dirfd(d), e->d_name, 0);
         }
      }
      if (d != NULL) {
         closedir(d);
      }
      rmdir(s->dir);
   }
   free(s->dir);
   free(s->finalDir);
   memset(s, 0, sizeof *s);
}

/* Allocate [from, to) of fd in steps, reporting progress over [base, base + (to - from)) of
 * total; falls back to ftruncate where the filesystem cannot preallocate. */
VixError stub_allocate(int fd, uint64 from, uint64 to, StubProgress *p, uint64 base,
                       uint64 total)
{
   const uint64 step = 64ull << 20;
   for (uint64 off = from; off < to;) {
      uint64 len = to - off < step ? to - off : step;
      int rc = posix_fallocate(fd, (off_t)off, (off_t)len);
      if (rc == EOPNOTSUPP || rc == EINVAL) {
         if (ftruncate(fd, (off_t)to) != 0) {
            return stub_errno_to_vix(errno);
         }
         off = to;
      } else if (rc != 0) {
         return stub_errno_to_vix(rc);
      } else {
         off += len;
      }
      VixError err = stub_progress_report(p, base + (off - from), total);
      if (err != VIX_OK) {
         return err;
      }
   }
   return VIX_OK;
}
