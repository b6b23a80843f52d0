/*
 * locks.c -- disk locks as VDDK 9.0 takes them, within a process and across processes.
 *
 * Measured on VDDK 9.0 (README.md, "Locks"): while a disk is open read-write, any second
 * Open (read-write or read-only) fails; while it is open read-only, a read-write Open
 * fails; read-only plus read-only works. The refusal is 20006 (VIX_E_DIRECTORY_NOT_EMPTY,
 * "The specified directory is not empty"; not in vixDiskLib.h) after about 3.5 s of
 * retrying. Real VDDK keeps its lock in "<disk>.lck", recording the owner; a lock whose
 * owner died is stale and broken, so a crashed backup does not lock the disk forever.
 *
 * The stub's equivalent: "<descriptor>.lck" (realpath of the descriptor, so every alias of
 * the disk finds the same file) holds one line per open handle,
 *     <pid> <starttime> <ro|rw> <serial>
 * with the owner's pid and start time (field 22 of /proc/<pid>/stat, so a reused pid is not
 * taken for the owner) and a per-process handle serial. Updates hold flock on the file.
 * Records of dead owners are dropped (logged) whenever the file is read. The file is
 * removed when its last record goes. The retry period is short by default (so tests do not
 * wait 3.5 s) and set by VixDiskLibStub_SetLockRetryMs.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "stub_internal.h"

#define LOCK_RETRY_DEFAULT_MS 250
#define LOCK_RETRY_STEP_MS 25
#define MAX_RECORDS 256          /* handles of one disk at once; more are refused */

struct StubDiskLock {
   char *path;               /* the .lck file */
   unsigned long long serial;
};

typedef struct {
   long pid;
   unsigned long long start;
   bool readOnly;
   unsigned long long serial;
} LockRecord;

static uint32 g_retryMs = LOCK_RETRY_DEFAULT_MS;   /* guarded by stub_lock */
static unsigned long long g_nextSerial;             /* guarded by stub_lock */

bool stub_process_start_time(long pid, unsigned long long *start)
{
   char path[64], buf[1024];
   snprintf(path, sizeof path, "/proc/%ld/stat", pid);
   FILE *f = fopen(path, "r");
   if (f == NULL) {
      return false;
   }
   size_t n = fread(buf, 1, sizeof buf - 1, f);
   fclose(f);
   buf[n] = '\0';
   char *p = strrchr(buf, ')');   /* the command name may contain spaces and ')' */
   char state;
   if (p == NULL || sscanf(p + 1, " %c", &state) != 1 || state == 'Z' || state == 'X') {
      return false;
   }
   /* After ')' come fields 3.. ; the start time is field 22. */
   char *save = NULL;
   char *tok = strtok_r(p + 1, " ", &save);
   for (int field = 3; tok != NULL && field < 22; field++) {
      tok = strtok_r(NULL, " ", &save);
   }
   return tok != NULL && sscanf(tok, "%llu", start) == 1;
}

bool stub_process_alive(long pid, unsigned long long startTime)
{
   unsigned long long start;
   return stub_process_start_time(pid, &start) && start == startTime;
}

STUB_API VixError VixDiskLibStub_SetLockRetryMs(uint32 ms)
{
   stub_lock();
   g_retryMs = ms;
   stub_unlock();
   return VIX_OK;
}

static uint32 retry_ms(void)
{
   stub_lock();
   uint32 ms = g_retryMs;
   stub_unlock();
   return ms;
}

void stub_disklock_reset(void)
{
   g_retryMs = LOCK_RETRY_DEFAULT_MS;
}

static char *lock_path(const char *diskPath)
{
   char real[PATH_MAX], *p;
   const char *base = realpath(diskPath, real) != NULL ? real : diskPath;
   return asprintf(&p, "%s.lck", base) < 0 ? NULL : p;
}

/* Open and flock the lock file; retried if another process removed it meanwhile. -1 with
 * errno on failure. */
static int open_locked(const char *path, bool create)
{
   for (;;) {
      int fd = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
      if (fd < 0) {
         return -1;
      }
      struct stat a, b;
      if (flock(fd, LOCK_EX) != 0) {
         int e = errno;
         close(fd);
         errno = e;
         return -1;
      }
      if (fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_ino == b.st_ino &&
          a.st_dev == b.st_dev) {
         return fd;
      }
      close(fd);   /* unlinked by its last owner after we opened it: open the new one */
   }
}

/* Read the records, dropping (and logging) those of dead owners. */
static int read_records(int fd, const char *path, LockRecord *recs)
{
   char buf[MAX_RECORDS * 64 + 1];
   ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
   buf[n > 0 ? n : 0] = '\0';
   int count = 0;
   char *save = NULL;
   for (char *line = strtok_r(buf, "\n", &save); line != NULL && count < MAX_RECORDS;
        line = strtok_r(NULL, "\n", &save)) {
      LockRecord r;
      char mode[4];
      if (sscanf(line, "%ld %llu %3s %llu", &r.pid, &r.start, mode, &r.serial) != 4) {
         continue;
      }
      r.readOnly = strcmp(mode, "ro") == 0;
      if (!stub_process_alive(r.pid, r.start)) {
         stub_logf(STUB_LVL_WARN, "VixDiskLib: stale lock of %s by dead process %ld "
                   "(%s) broken\n", path, r.pid, r.readOnly ? "read-only" : "read-write");
         continue;
      }
      recs[count++] = r;
   }
   return count;
}

static bool write_records(int fd, const LockRecord *recs, int count)
{
   char buf[MAX_RECORDS * 64 + 1];
   size_t len = 0;
   for (int i = 0; i < count; i++) {
      len += (size_t)snprintf(buf + len, sizeof buf - len, "%ld %llu %s %llu\n", recs[i].pid,
                              recs[i].start, recs[i].readOnly ? "ro" : "rw", recs[i].serial);
   }
   return ftruncate(fd, 0) == 0 && pwrite(fd, buf, len, 0) == (ssize_t)len;
}

typedef enum { TRY_OK, TRY_CONFLICT, TRY_ERROR } TryResult;

static TryResult try_acquire(const char *path, bool readOnly, unsigned long long serial,
                             LockRecord *owner, int *err)
{
   int fd = open_locked(path, true);
   if (fd < 0) {
      *err = errno;
      return TRY_ERROR;
   }
   LockRecord *recs = malloc((MAX_RECORDS + 1) * sizeof *recs);
   if (recs == NULL) {
      close(fd);
      *err = ENOMEM;
      return TRY_ERROR;
   }
   int count = read_records(fd, path, recs);
   TryResult result = TRY_OK;
   for (int i = 0; i < count && result == TRY_OK; i++) {
      if (!recs[i].readOnly || !readOnly) {
         *owner = recs[i];
         result = TRY_CONFLICT;
      }
   }
   if (result == TRY_OK && count == MAX_RECORDS) {
      *owner = recs[0];
      result = TRY_CONFLICT;
   }
   if (result == TRY_OK) {
      unsigned long long start = 0;
      stub_process_start_time((long)getpid(), &start);
      recs[count++] = (LockRecord){ (long)getpid(), start, readOnly, serial };
   }
   if (!write_records(fd, recs, count) && result == TRY_OK) {
      *err = errno;
      result = TRY_ERROR;
   }
   free(recs);
   close(fd);
   return result;
}

static void sleep_ns(uint64 ns)
{
   struct timespec ts = { (time_t)(ns / 1000000000u), (long)(ns % 1000000000u) };
   while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
   }
}

/* Nanoseconds, not milliseconds: a deadline rounded down to the millisecond would give up
 * up to 1 ms before the period is over (seen as a refusal after 399 ms of a 400 ms period). */
static uint64 now_ns(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (uint64)ts.tv_sec * 1000000000u + (uint64)ts.tv_nsec;
}

VixError stub_disklock_acquire(const char *diskPath, bool readOnly, StubDiskLock **out)
{
   *out = NULL;
   StubDiskLock *l = calloc(1, sizeof *l);
   if (l == NULL || (l->path = lock_path(diskPath)) == NULL) {
      free(l);
      return VIX_E_OUT_OF_MEMORY;
   }
   stub_lock();
   l->serial = ++g_nextSerial;
   stub_unlock();
   uint32 periodMs = retry_ms();
   uint64 deadline = now_ns() + (uint64)periodMs * 1000000u;   /* refused no earlier */
   for (;;) {
      LockRecord owner;
      int e = 0;
      TryResult r = try_acquire(l->path, readOnly, l->serial, &owner, &e);
      if (r == TRY_OK) {
         *out = l;
         return VIX_OK;
      }
      if (r == TRY_ERROR) {
         if (readOnly && (e == EACCES || e == EROFS || e == EPERM)) {
            /* A read-only open of a disk in a read-only directory: nothing to record. */
            stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: cannot create lock file %s (%s); "
                      "read-only open goes on unlocked\n", l->path, strerror(e));
            free(l->path);
            l->path = NULL;
            *out = l;
            return VIX_OK;
         }
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: Open: cannot lock %s: %s\n", diskPath,
                   strerror(e));
         free(l->path);
         free(l);
         return e == EACCES || e == EPERM || e == EROFS ? VIX_E_FILE_ACCESS_ERROR
                                                        : VIX_E_FAIL;
      }
      uint64 now = now_ns();
      if (now >= deadline) {
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: Open: %s is locked: open %s by process %ld%s "
                   "(gave up after %u ms of retrying)\n", diskPath,
                   owner.readOnly ? "read-only" : "read-write", owner.pid,
                   owner.pid == (long)getpid() ? " (this process)" : "", periodMs);
         free(l->path);
         free(l);
         return STUB_E_DISK_LOCKED;
      }
      uint64 left = deadline - now, step = (uint64)LOCK_RETRY_STEP_MS * 1000000u;
      sleep_ns(left < step ? left : step);
   }
}

void stub_disklock_release(StubDiskLock *l)
{
   if (l == NULL) {
      return;
   }
   int fd = l->path != NULL ? open_locked(l->path, false) : -1;
   if (fd >= 0) {
      LockRecord *recs = malloc(MAX_RECORDS * sizeof *recs);
      int count = recs != NULL ? read_records(fd, l->path, recs) : 0, kept = 0;
      for (int i = 0; i < count; i++) {
         if (recs[i].pid != (long)getpid() || recs[i].serial != l->serial) {
            recs[kept++] = recs[i];
         }
      }
      if (recs == NULL) {
         /* out of memory: the record stays until this process dies (then it is stale) */
      } else if (kept == 0) {
         unlink(l->path);          /* still under flock: openers re-check the inode */
      } else {
         write_records(fd, recs, kept);
      }
      free(recs);
      close(fd);
   }
   free(l->path);
   free(l);
}
