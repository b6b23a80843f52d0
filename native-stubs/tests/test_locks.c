/* test_locks.c -- disk locks as VDDK 9.0 takes them: rw excludes everything, ro excludes
 * rw, ro+ro shares; 20006 after the retry period; stale locks of dead processes broken. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testlib.h"

#define RO VIXDISKLIB_FLAG_OPEN_READ_ONLY
#define LOCKED 20006   /* VIX_E_DIRECTORY_NOT_EMPTY: what VDDK 9.0 returns for a locked disk */

static VixDiskLibConnection setup(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn = NULL;
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   return conn;
}

static bool lock_file_exists(void)
{
   struct stat st;
   return stat(t_path("d.vmdk.lck"), &st) == 0;
}

static uint64 ms_since(const struct timespec *t0)
{
   struct timespec t1;
   clock_gettime(CLOCK_MONOTONIC, &t1);
   return (uint64)((t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000);
}

/* Open in a forked process (a different owner) and report the result code. */
static VixError open_in_other_process(VixDiskLibConnection conn, uint32 flags)
{
   fflush(stdout);
   pid_t pid = fork();
   if (pid == 0) {
      alarm(60);
      VixDiskLibHandle h;
      VixError err = VixDiskLib_Open(conn, t_path("d.vmdk"), flags, &h);
      _exit(err == VIX_OK ? 0 : err == LOCKED ? 1 : 2);
   }
   int status = 0;
   waitpid(pid, &status, 0);
   int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
   return rc == 0 ? VIX_OK : rc == 1 ? LOCKED : VIX_E_FAIL;
}

/* In one process: rw excludes rw and ro; ro excludes rw; ro + ro share. The lock survives
 * the descriptor rewrite of the first write; the lock file goes with the last handle. */
void test_locks_within_one_process(void)
{
   VixDiskLibConnection conn = setup();
   VixDiskLibHandle rw, ro1, ro2, h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &rw));
   CHECK(lock_file_exists());
   uint8 buf[512] = { 9 };
   CHECK_OK(VixDiskLib_Write(rw, 0, 1, buf));         /* descriptor replaced: lock holds */
   CHECK_ERR(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h), LOCKED);
   CHECK_ERR(VixDiskLib_Open(conn, t_path("d.vmdk"), RO, &h), LOCKED);
   CHECK(t_logs_count(1, "is locked: open read-write by process") >= 2);
   CHECK_OK(VixDiskLib_Close(rw));
   CHECK(!lock_file_exists());
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), RO, &ro1));
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), RO, &ro2));
   CHECK_ERR(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h), LOCKED);
   CHECK_OK(VixDiskLib_Close(ro1));
   CHECK_ERR(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h), LOCKED);
   CHECK_OK(VixDiskLib_Close(ro2));
   CHECK(!lock_file_exists());
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &rw));
   CHECK_OK(VixDiskLib_Close(rw));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* Across processes, the same rules. */
void test_locks_across_processes(void)
{
   VixDiskLibConnection conn = setup();
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   CHECK_ERR(open_in_other_process(conn, 0), LOCKED);
   CHECK_ERR(open_in_other_process(conn, RO), LOCKED);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), RO, &h));
   CHECK_ERR(open_in_other_process(conn, 0), LOCKED);
   CHECK_OK(open_in_other_process(conn, RO));       /* ro + ro, its lock gone with it */
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(open_in_other_process(conn, 0));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* The refusal comes no earlier than the retry period (default short; real VDDK ~3.5 s),
 * and an Open that starts while the lock is held succeeds if the lock goes within the
 * period. Only lower bounds are exact: a loaded machine may take longer for anything. */
void test_lock_refusal_comes_after_retry_period(void)
{
   VixDiskLibConnection conn = setup();
   VixDiskLibHandle h, h2;
   CHECK_OK(VixDiskLibStub_SetLockRetryMs(400));
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   struct timespec t0;
   clock_gettime(CLOCK_MONOTONIC, &t0);
   CHECK_ERR(VixDiskLib_Open(conn, t_path("d.vmdk"), RO, &h2), LOCKED);
   uint64 waited = ms_since(&t0);
   if (waited < 400 || waited > 400 + 20000) {   /* upper bound: it stops retrying at all */
      t_fail(__FILE__, __LINE__, "refused after %llu ms, expected 400 ms or (if the machine "
             "is slow) somewhat more", (unsigned long long)waited);
   }
   CHECK_INT(t_logs_count(1, "gave up after 400 ms of retrying"), 1);
   /* a holder in another process that lets go within the period (a long one: the holder
    * may be slow to run on a loaded machine) */
   CHECK_OK(VixDiskLibStub_SetLockRetryMs(30000));
   CHECK_OK(VixDiskLib_Close(h));
   int ready[2];
   CHECK(pipe(ready) == 0);
   fflush(stdout);
   pid_t pid = fork();
   if (pid == 0) {
      alarm(60);
      VixDiskLibHandle c;
      bool ok = VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &c) == VIX_OK;
      ssize_t w = write(ready[1], "x", 1);
      usleep(300 * 1000);
      ok = ok && w == 1 && VixDiskLib_Close(c) == VIX_OK;
      _exit(ok ? 0 : 1);
   }
   char x;
   CHECK(read(ready[0], &x, 1) == 1);
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));  /* retried until it let go */
   int status = 0;
   waitpid(pid, &status, 0);
   CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
   close(ready[0]);
   close(ready[1]);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* A process killed while it held a read-write lock leaves its record behind; the next Open
 * sees that the owner (pid + start time) is dead, breaks the lock and says so. */
void test_lock_of_killed_process_is_stale(void)
{
   VixDiskLibConnection conn = setup();
   int ready[2];
   CHECK(pipe(ready) == 0);
   fflush(stdout);
   pid_t pid = fork();
   if (pid == 0) {
      alarm(60);
      VixDiskLibHandle c;
      if (VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &c) == VIX_OK) {
         ssize_t w = write(ready[1], "x", 1);
         (void)w;
         pause();
      }
      _exit(1);
   }
   char x;
   CHECK(read(ready[0], &x, 1) == 1);
   close(ready[0]);
   close(ready[1]);
   kill(pid, SIGKILL);
   waitpid(pid, NULL, 0);
   char *records = t_read_file(t_path("d.vmdk.lck"));
   char expect[64];
   snprintf(expect, sizeof expect, "%ld ", (long)pid);
   CHECK(records != NULL && strncmp(records, expect, strlen(expect)) == 0 &&
         strstr(records, " rw ") != NULL);
   free(records);
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   snprintf(expect, sizeof expect, "by dead process %ld (read-write) broken", (long)pid);
   CHECK_INT(t_logs_count(1, expect), 1);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK(!lock_file_exists());
   CHECK_OK(VixDiskLib_Disconnect(conn));
}
