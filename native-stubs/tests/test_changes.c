/* test_changes.c -- VDDK 9.0's OpenEx with a change ID, QueryChangedAreas/FreeChangedAreas
 * over the stub's changed-block tracking, GetConnectionFromDisk (VDDK 9 build only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

#if VIXDISKLIB_VERSION_MAJOR >= 9

#define CAPACITY 4096

static VixDiskLibConnection setup(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), CAPACITY, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn = NULL;
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   return conn;
}

static void write_sectors(VixDiskLibConnection conn, uint64 start, uint64 num)
{
   VixDiskLibHandle h;
   uint8 *buf = calloc(num, 512);
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_Write(h, start, num, buf));
   CHECK_OK(VixDiskLib_Close(h));
   free(buf);
}

static void async_callback(void *data, VixError result)
{
   *(VixError *)data = result;
}

/* The areas changed since id, from startOffset, as "start+len," text. */
static char *changed_since(VixDiskLibConnection conn, const char *id, uint64 startOffset)
{
   VixDiskLibOpenParams p = { t_path("d.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, (char *)id };
   VixDiskLibHandle h = NULL;
   VixError err = VixDiskLib_OpenEx(conn, &p, &h);
   if (err != VIX_OK) {
      t_fail(__FILE__, __LINE__, "OpenEx(%s) failed with %llu", id, (unsigned long long)err);
      return strdup("");
   }
   VixDiskLibQueryChangedAreaParams q = { startOffset };
   VixDiskLibDiskChangeInfo *info = NULL;
   CHECK_OK(VixDiskLib_QueryChangedAreas(h, &q, &info));
   static char text[1024];
   text[0] = '\0';
   if (info != NULL) {
      CHECK_INT(info->startOffset, startOffset);
      CHECK_INT(info->length, CAPACITY * 512ULL - startOffset);
      for (uint32 i = 0; i < info->areas->numBlocks; i++) {
         snprintf(text + strlen(text), sizeof text - strlen(text), "%llu+%llu,",
                  (unsigned long long)info->areas->blocks[i].offset,
                  (unsigned long long)info->areas->blocks[i].length);
      }
      CHECK_INT(VixDiskLibStub_GetCounter("changeInfos"), 1);
      VixDiskLib_FreeChangedAreas(info);
      CHECK_INT(VixDiskLibStub_GetCounter("changeInfos"), 0);
   }
   CHECK_OK(VixDiskLib_Close(h));
   return strdup(text);
}

/* Writes (sync, async, and from another process) after a change ID are its changed areas,
 * in whole 64 KiB blocks (sectors), merged, clipped to startOffset; a later change ID only
 * sees what came after it. */
void test_v9_changed_areas_since_a_change_id(void)
{
   VixDiskLibConnection conn = setup();
   char id0[64], id1[64];
   CHECK_OK(VixDiskLibStub_GetChangeId(t_path("d.vmdk"), id0, sizeof id0));
   write_sectors(conn, 0, 2);
   write_sectors(conn, 1000, 200);                  /* blocks 7..9 */
   fflush(stdout);
   pid_t pid = fork();
   if (pid == 0) {                                  /* another process, then it is gone */
      alarm(60);
      VixDiskLibHandle h;
      uint8 buf[512] = { 0 };
      VixError result = VIX_E_FAIL;
      bool ok = VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h) == VIX_OK &&
                VixDiskLib_WriteAsync(h, 2500, 1, buf, async_callback, &result) == VIX_ASYNC &&
                VixDiskLib_Wait(h) == VIX_OK && result == VIX_OK &&
                VixDiskLib_Close(h) == VIX_OK;
      _exit(ok ? 0 : 1);
   }
   int status = 0;
   waitpid(pid, &status, 0);
   CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
   CHECK_OK(VixDiskLibStub_GetChangeId(t_path("d.vmdk"), id1, sizeof id1));
   CHECK(strcmp(id0, id1) != 0);
   write_sectors(conn, 3000, 1);                    /* block 23 */
   char *all = changed_since(conn, id0, 0);
   CHECK_STR(all, "0+128,896+384,2432+128,2944+128,");
   char *tail = changed_since(conn, id0, 1000 * 512);
   CHECK_STR(tail, "1000+280,2432+128,2944+128,");
   char *later = changed_since(conn, id1, 0);
   CHECK_STR(later, "2944+128,");
   char *everything = changed_since(conn, "*", 0);
   CHECK_STR(everything, "0+4096,");
   free(all);
   free(tail);
   free(later);
   free(everything);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* Unknown, expired (tracking reset) and absent change IDs are refused; a handle without a
 * change ID cannot query; bad offsets are invalid. */
void test_v9_unknown_or_expired_change_ids_are_refused(void)
{
   VixDiskLibConnection conn = setup();
   VixDiskLibHandle h = NULL;
   VixDiskLibOpenParams p = { t_path("d.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, (char *)"x/1" };
   CHECK_ERR(VixDiskLib_OpenEx(conn, &p, &h), VIX_E_INVALID_ARG);     /* no tracking */
   CHECK(t_logs_count(1, "no change tracking on this disk") == 1);
   char id[64];
   CHECK_ERR(VixDiskLibStub_GetChangeId(t_path("d.vmdk"), id, 8), VIX_E_BUFFER_TOOSMALL);
   CHECK_ERR(VixDiskLibStub_GetChangeId(t_path("nope.vmdk"), id, sizeof id),
             VIX_E_FILE_NOT_FOUND);
   CHECK_OK(VixDiskLibStub_GetChangeId(t_path("d.vmdk"), id, sizeof id));
   CHECK_ERR(VixDiskLib_OpenEx(conn, &p, &h), VIX_E_INVALID_ARG);     /* made up */
   char future[80];
   snprintf(future, sizeof future, "%.*s/99", (int)(strchr(id, '/') - id), id);
   p.changeId = future;
   CHECK_ERR(VixDiskLib_OpenEx(conn, &p, &h), VIX_E_INVALID_ARG);     /* not minted yet */
   CHECK_INT(VixDiskLibStub_GetCounter("handles"), 0);               /* no side effects */
   p.changeId = id;
   CHECK_OK(VixDiskLib_OpenEx(conn, &p, &h));
   CHECK_OK(VixDiskLibStub_ResetChangeTracking(t_path("d.vmdk")));
   VixDiskLibQueryChangedAreaParams q = { 0 };
   VixDiskLibDiskChangeInfo *info = NULL;
   CHECK_ERR(VixDiskLib_QueryChangedAreas(h, &q, &info), VIX_E_INVALID_ARG);   /* expired */
   CHECK(t_logs_count(1, "has expired") == 1);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_ERR(VixDiskLib_OpenEx(conn, &p, &h), VIX_E_INVALID_ARG);     /* expired */
   p.changeId = NULL;                                                 /* like Open */
   CHECK_OK(VixDiskLib_OpenEx(conn, &p, &h));
   CHECK_ERR(VixDiskLib_QueryChangedAreas(h, &q, &info), VIX_E_INVALID_ARG);
   CHECK(t_logs_count(1, "was not opened with a change ID") == 1);
   CHECK_OK(VixDiskLib_Close(h));
   p.changeId = (char *)"*";
   CHECK_OK(VixDiskLib_OpenEx(conn, &p, &h));
   q.startOffset = 100;                                               /* not a sector */
   CHECK_ERR(VixDiskLib_QueryChangedAreas(h, &q, &info), VIX_E_INVALID_ARG);
   q.startOffset = CAPACITY * 512ULL;                                 /* past the end */
   CHECK_ERR(VixDiskLib_QueryChangedAreas(h, &q, &info), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_QueryChangedAreas(h, NULL, &info), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_ERR(VixDiskLib_OpenEx(conn, NULL, &h), VIX_E_INVALID_ARG);
   VixDiskLib_FreeChangedAreas(NULL);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* OpenEx opens like Open (flags, locks); GetConnectionFromDisk gives the handle's
 * connection. */
void test_v9_openex_and_get_connection_from_disk(void)
{
   VixDiskLibConnection conn = setup();
   VixDiskLibOpenParams p = { t_path("d.vmdk"), 0, NULL };
   VixDiskLibHandle h = NULL, h2 = NULL;
   CHECK_OK(VixDiskLib_OpenEx(conn, &p, &h));
   CHECK_ERR(VixDiskLib_OpenEx(conn, &p, &h2), 20006);                /* locked */
   VixDiskLibConnection back = NULL;
   CHECK_OK(VixDiskLib_GetConnectionFromDisk(h, &back));
   CHECK(back == conn);
   CHECK_ERR(VixDiskLib_GetConnectionFromDisk(h, NULL), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_GetConnectionFromDisk(NULL, &back), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_OpenEx", 1, VIX_E_OUT_OF_MEMORY));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_ERR(VixDiskLib_OpenEx(conn, &p, &h), VIX_E_OUT_OF_MEMORY);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* The tracking sidecar goes with its disk: Rename moves it (change IDs stay valid), Unlink
 * deletes it. */
void test_v9_change_tracking_follows_rename_and_unlink(void)
{
   VixDiskLibConnection conn = setup();
   char id[64];
   CHECK_OK(VixDiskLibStub_GetChangeId(t_path("d.vmdk"), id, sizeof id));
   write_sectors(conn, 0, 1);
   CHECK_OK(VixDiskLib_Rename(t_path("d.vmdk"), t_path("e.vmdk")));
   CHECK(access(t_path("d.vmdk.changes"), F_OK) != 0);
   VixDiskLibOpenParams p = { t_path("e.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, id };
   VixDiskLibHandle h = NULL;
   CHECK_OK(VixDiskLib_OpenEx(conn, &p, &h));
   VixDiskLibQueryChangedAreaParams q = { 0 };
   VixDiskLibDiskChangeInfo *info = NULL;
   CHECK_OK(VixDiskLib_QueryChangedAreas(h, &q, &info));
   CHECK(info != NULL && info->areas->numBlocks == 1 && info->areas->blocks[0].offset == 0);
   VixDiskLib_FreeChangedAreas(info);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Unlink(conn, t_path("e.vmdk")));
   CHECK(access(t_path("e.vmdk.changes"), F_OK) != 0);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

#endif
