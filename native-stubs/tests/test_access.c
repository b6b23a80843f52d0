/* test_access.c -- behaviours 8 (PrepareForAccess/EndAccess) and 9 (Cleanup). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

/* 8: against ESXi: an error code and the exact warn message, on the calling thread. */
void test_b8_prepare_for_access_on_esxi_fails_with_message(void)
{
   t_init(NULL);
   t_world(true);
   VixDiskLibConnectParams *p = t_params("esx1", "moref=vm-42", "admin", "secret");
   t_logs_clear();
   CHECK_ERR(VixDiskLib_PrepareForAccess(p, "backup-app"), VIX_E_NOT_SUPPORTED);
   CHECK_INT(t_logs_count_thread(1, "VDDK: HostAgent is not a VirtualCenter, cannot disable "
                                    "sVmotion.", pthread_self(), true), 1);
   CHECK_INT(VixDiskLibStub_CountAccessRecords("esx1"), 0);
   VixDiskLib_FreeConnectParams(p);
}

/* 8: against vCenter: one VM required; the record persists in the state file with the
 * identity; EndAccess clears it; EndAccess without PrepareForAccess is fine. */
void test_b8_prepare_and_end_access_on_vcenter(void)
{
   t_init(NULL);
   t_world(true);
   CHECK_OK(VixDiskLibStub_AddVm("vc1", "vm-43", TRUE));
   VixDiskLibConnectParams *p = t_params("vc1", "moref=vm-42", "admin", "secret");
   CHECK_OK(VixDiskLib_PrepareForAccess(p, "backup-app"));
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 1);
   char *state = t_read_file(t_path("state/access-state.txt"));
   CHECK(state != NULL && strstr(state, "vm-42\t") != NULL &&
         strstr(state, "\tbackup-app\n") != NULL);
   free(state);
   p->vmxSpec = (char *)"moref=vm-43";
   CHECK_OK(VixDiskLib_PrepareForAccess(p, "backup-app"));
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 2);
   CHECK_OK(VixDiskLib_EndAccess(p, "backup-app"));
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 1);
   CHECK_OK(VixDiskLib_EndAccess(p, "backup-app"));          /* nothing to end: still OK */
   p->vmxSpec = (char *)"moref=vm-42";
   CHECK_OK(VixDiskLib_EndAccess(p, "other-app"));            /* other identity: kept */
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 1);
   CHECK_OK(VixDiskLib_EndAccess(p, "backup-app"));
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 0);
   /* params must name one defined VM */
   p->vmxSpec = NULL;
   CHECK_ERR(VixDiskLib_PrepareForAccess(p, "x"), VIX_E_INVALID_ARG);
   p->vmxSpec = (char *)"moref=vm-404";
   CHECK_ERR(VixDiskLib_PrepareForAccess(p, "x"), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_PrepareForAccess(NULL, "x"), VIX_E_INVALID_ARG);
   p->vmxSpec = (char *)"moref=vm-42";
   p->creds.uid.password = (char *)"bad";
   CHECK_ERR(VixDiskLib_PrepareForAccess(p, "x"), VIX_E_HOST_USER_PERMISSIONS);
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 0);
   CHECK_INT(VixDiskLibStub_CountAccessRecords("nosuch"), -1);
   VixDiskLib_FreeConnectParams(p);
}

/* 8/9: the state survives a crashed process; Cleanup removes dead records (cleaned) and
 * reports live ones (remaining). */
void test_b9_cleanup_after_killed_process(void)
{
   t_init(NULL);
   t_world(true);
   CHECK_OK(VixDiskLibStub_AddVm("vc1", "vm-43", FALSE));
   VixDiskLibConnectParams *p = t_params("vc1", "moref=vm-42", "admin", "secret");
   int ready[2];
   CHECK(pipe(ready) == 0);
   fflush(stdout);
   pid_t child = fork();
   if (child == 0) {
      /* the child prepares vm-42 and "crashes" (is killed) without EndAccess */
      alarm(60);   /* never outlive a broken parent */
      VixError err = VixDiskLib_PrepareForAccess(p, "crashing-backup");
      char c = err == VIX_OK ? 'y' : 'n';
      if (write(ready[1], &c, 1) != 1) {
         _exit(2);
      }
      pause();
      _exit(0);
   }
   char c = 0;
   CHECK(read(ready[0], &c, 1) == 1 && c == 'y');
   close(ready[0]);
   close(ready[1]);
   uint32 cleaned = 99, remaining = 99;
   CHECK_OK(VixDiskLib_Cleanup(p, &cleaned, &remaining));   /* child alive: it remains */
   CHECK_INT(cleaned, 0);
   CHECK_INT(remaining, 1);
   kill(child, SIGKILL);
   waitpid(child, NULL, 0);
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 1);   /* survived the crash */
   CHECK_OK(VixDiskLib_Cleanup(p, &cleaned, &remaining));
   CHECK_INT(cleaned, 1);
   CHECK_INT(remaining, 0);
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 0);
   /* a dead record and a live record of this process on another VM */
   fflush(stdout);
   pid_t quick = fork();
   if (quick == 0) {
      alarm(60);
      _exit(VixDiskLib_PrepareForAccess(p, "crashing-backup") == VIX_OK ? 0 : 1);
   }
   int status;
   waitpid(quick, &status, 0);
   CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
   p->vmxSpec = (char *)"moref=vm-43";
   CHECK_OK(VixDiskLib_PrepareForAccess(p, "live-backup"));
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 2);
   CHECK_OK(VixDiskLib_Cleanup(p, &cleaned, &remaining));
   CHECK_INT(cleaned, 1);
   CHECK_INT(remaining, 1);
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 1);
   CHECK_OK(VixDiskLib_Cleanup(p, &cleaned, &remaining));   /* nothing more to clean */
   CHECK_INT(cleaned, 0);
   CHECK_INT(remaining, 1);
   CHECK_OK(VixDiskLib_EndAccess(p, "live-backup"));
   CHECK_OK(VixDiskLib_Cleanup(p, &cleaned, &remaining));
   CHECK_INT(cleaned, 0);
   CHECK_INT(remaining, 0);
   VixDiskLib_FreeConnectParams(p);
}

/* 8: concurrent PrepareForAccess from several processes loses no record. */
void test_b8_concurrent_processes_keep_state_consistent(void)
{
   t_init(NULL);
   t_world(true);
   char moref[8][16];
   for (int i = 0; i < 8; i++) {
      snprintf(moref[i], sizeof moref[i], "vm-%d", 100 + i);
      CHECK_OK(VixDiskLibStub_AddVm("vc1", moref[i], FALSE));
   }
   fflush(stdout);
   pid_t kids[8];
   for (int i = 0; i < 8; i++) {
      if ((kids[i] = fork()) == 0) {
         alarm(60);   /* never outlive a broken parent */
         char vmx[32];
         snprintf(vmx, sizeof vmx, "moref=%s", moref[i]);
         VixDiskLibConnectParams *p = t_params("vc1", vmx, "admin", "secret");
         VixError err = VixDiskLib_PrepareForAccess(p, "parallel");
         p->vmxSpec = vmx;
         _exit(err == VIX_OK && VixDiskLib_EndAccess(p, "nothing") == VIX_OK ? 0 : 1);
      }
   }
   for (int i = 0; i < 8; i++) {
      int status;
      waitpid(kids[i], &status, 0);
      CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
   }
   CHECK_INT(VixDiskLibStub_CountAccessRecords("vc1"), 8);
   VixDiskLibConnectParams *p = t_params("vc1", NULL, "admin", "secret");
   uint32 cleaned, remaining;
   CHECK_OK(VixDiskLib_Cleanup(p, &cleaned, &remaining));
   CHECK_INT(cleaned, 8);
   CHECK_INT(remaining, 0);
   VixDiskLib_FreeConnectParams(p);
}

/* 9: Cleanup with local connect params (NULL, all-zero, empty server name): VIX_OK and
 * both counts left as the caller set them (measured on VDDK 9.0). */
void test_b9_cleanup_with_local_params_is_ok_and_leaves_counts(void)
{
   t_init(NULL);
   VixDiskLibConnectParams *zero = VixDiskLib_AllocateConnectParams();
   VixDiskLibConnectParams *empty = VixDiskLib_AllocateConnectParams();
   empty->serverName = (char *)"";
   const VixDiskLibConnectParams *cases[] = { NULL, zero, empty };
   for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
      uint32 cleaned = 77, remaining = 88;
      CHECK_OK(VixDiskLib_Cleanup(cases[i], &cleaned, &remaining));
      CHECK_INT(cleaned, 77);
      CHECK_INT(remaining, 88);
   }
   CHECK_OK(VixDiskLib_Cleanup(NULL, NULL, NULL));
   VixDiskLib_FreeConnectParams(zero);
   empty->serverName = NULL;
   VixDiskLib_FreeConnectParams(empty);
}
