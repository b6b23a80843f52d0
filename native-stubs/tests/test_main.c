/* test_main.c -- runs every C test of the stub; prints ok/FAIL/SKIP lines and a summary. */

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"
#include "tests.h"

extern int t_current_failed, t_current_skipped;

typedef struct {
   const char *name;
   void (*fn)(void);
} Test;

#define X(name) void name(void);
TEST_LIST
CHILD_LIST
#undef X
#define X(name) { #name, name },
static const Test TESTS[] = { TEST_LIST };
static const Test CHILDREN[] = { CHILD_LIST };
#undef X

/* stubtest --child NAME DIR: one t_in_child scenario; exit status 0 iff its checks passed. */
static int run_child(const char *name, const char *dir)
{
   snprintf(t_dir, sizeof t_dir, "%s", dir);
   for (size_t i = 0; i < sizeof CHILDREN / sizeof CHILDREN[0]; i++) {
      if (strcmp(CHILDREN[i].name, name) == 0) {
         alarm(120);
         CHILDREN[i].fn();
         fflush(stdout);
         _exit(t_current_failed > 0 ? 1 : 0);
      }
   }
   printf("   no child scenario %s\n", name);
   return 2;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
   (void)st; (void)flag; (void)ftw;
   return remove(path);
}

/* After each test: nothing may be left allocated or open, and Exit must stop the thread. */
static void check_no_leaks(void)
{
   static const char *const COUNTERS[] = { "connectParams", "infos", "errorTexts",
                                           "blockLists", "connections", "handles" };
   VixDiskLibStub_ClearFaults();
   for (size_t i = 0; i < sizeof COUNTERS / sizeof COUNTERS[0]; i++) {
      int64 n = VixDiskLibStub_GetCounter(COUNTERS[i]);
      if (n != 0) {
         t_fail(__FILE__, __LINE__, "leak: counter %s is %lld after the test", COUNTERS[i],
                (long long)n);
      }
   }
   VixDiskLib_Exit();
   if (VixDiskLibStub_GetCounter("logThreads") != 0) {
      t_fail(__FILE__, __LINE__, "log thread still running after Exit");
   }
   if (VixDiskLibStub_GetCounter("asyncThreads") != 0) {
      t_fail(__FILE__, __LINE__, "async worker threads still running after Exit");
   }
}

/* Run one test in a child process: a crash, hang or leak cannot spoil the other tests. */
static int run_isolated(const Test *t)
{
   fflush(stdout);
   pid_t pid = fork();
   if (pid < 0) {
      perror("fork");
      return 1;
   }
   if (pid == 0) {
      alarm(120);                           /* a hung test is killed and reported */
      t_current_failed = 0;
      t_current_skipped = 0;
      if (VixDiskLibStub_Reset() != VIX_OK) {
         t_fail(__FILE__, __LINE__, "VixDiskLibStub_Reset failed before the test");
      }
      t->fn();
      check_no_leaks();
      if (t_current_failed > 0) {   /* warnings and errors say why; verbose: everything */
         t_logs_dump(getenv("STUBTEST_VERBOSE") != NULL ? 0 : 1);
      }
      fflush(stdout);
      exit(t_current_failed > 0 ? 1 : t_current_skipped ? 77 : 0);   /* runs LeakSanitizer */
   }
   int status = 0;
   while (waitpid(pid, &status, 0) < 0) {
   }
   if (WIFSIGNALED(status)) {
      printf("   killed by signal %d (%s)\n", WTERMSIG(status),
             WTERMSIG(status) == SIGALRM ? "timeout" : "crash");
      return 1;
   }
   int rc = WEXITSTATUS(status);
   if (rc != 0 && rc != 1 && rc != 77) {   /* not the runner's own verdict: say what it was */
      printf("   exited with status %d (23: LeakSanitizer found leaks, see stderr)\n", rc);
   }
   return rc;
}

int main(int argc, char **argv)
{
   setvbuf(stdout, NULL, _IOLBF, 0);
   if (argc == 4 && strcmp(argv[1], "--child") == 0) {
      return run_child(argv[2], argv[3]);
   }
   int passed = 0, failed = 0, skipped = 0;
   for (size_t i = 0; i < sizeof TESTS / sizeof TESTS[0]; i++) {
      if (argc > 1 && strstr(TESTS[i].name, argv[1]) == NULL) {
         continue;
      }
      snprintf(t_dir, sizeof t_dir, "%s/vddkstub-XXXXXX",
               getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
      if (mkdtemp(t_dir) == NULL) {
         perror("mkdtemp");
         return 2;
      }
      int rc = run_isolated(&TESTS[i]);
      nftw(t_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
      if (rc == 77) {
         printf("SKIP %s\n", TESTS[i].name);
         skipped++;
      } else if (rc != 0) {
         printf("FAIL %s\n", TESTS[i].name);
         failed++;
      } else {
         printf("ok %s\n", TESTS[i].name);
         passed++;
      }
   }
   if (skipped > 0) {
      printf("%d skipped\n", skipped);
   }
   printf("%d passed, %d failed\n", passed, failed);
   return failed == 0 ? 0 : 1;
}
