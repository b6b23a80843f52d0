/* test_errors.c -- behaviour 10 (error texts), fault injection, counters. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* 10: GetErrorText returns VDDK 9.0's exact text for every code of api/errors.tsv (read
 * here at run time, independently of the table generated into the library); the upper
 * 48 bits of a VixError are ignored; unknown codes get "Unknown error code N". */
void test_b10_error_texts(void)
{
   FILE *f = fopen(STUB_SRC_DIR "/api/errors.tsv", "r");
   if (f == NULL) {
      t_fail(__FILE__, __LINE__, "cannot read %s", STUB_SRC_DIR "/api/errors.tsv");
      return;
   }
   char line[1024];
   int codes = 0, lines = 0;
   while (fgets(line, sizeof line, f) != NULL) {
      lines++;
      line[strcspn(line, "\r\n")] = '\0';
      char *tab1 = strchr(line, '\t');
      char *tab2 = tab1 != NULL ? strchr(tab1 + 1, '\t') : NULL;
      if (line[0] == '#' || tab2 == NULL || strncmp(line, "code\t", 5) == 0) {
         continue;
      }
      VixError code = strtoull(line, NULL, 10);
      char *text = VixDiskLib_GetErrorText(code, NULL);
      CHECK_STR(text, tab2 + 1);
      VixDiskLib_FreeErrorText(text);
      text = VixDiskLib_GetErrorText(0xABCD00000000ULL | code, NULL);
      CHECK_STR(text, tab2 + 1);
      VixDiskLib_FreeErrorText(text);
      codes++;
   }
   fclose(f);
   CHECK_INT(lines, 273);
   CHECK_INT(codes, 269);
   char *text = VixDiskLib_GetErrorText(12345, NULL);
   CHECK_STR(text, "Unknown error code 12345");
   VixDiskLib_FreeErrorText(text);
   t_init(NULL);
   char *a = VixDiskLib_GetErrorText(VIX_E_FAIL, "de_DE");   /* locale ignored */
   char *b = VixDiskLib_GetErrorText(VIX_E_FAIL, NULL);
   CHECK_STR(a, "Unknown error");
   CHECK(a != b);
   CHECK_INT(VixDiskLibStub_GetCounter("errorTexts"), 2);
   VixDiskLib_FreeErrorText(a);
   VixDiskLib_FreeErrorText(b);
   VixDiskLib_FreeErrorText(NULL);
   CHECK_INT(VixDiskLibStub_GetCounter("errorTexts"), 0);
}

/* Faults: the n-th call fails once with the injected code and has no side effects. */
void test_fault_injection_without_side_effects(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn;
   VixDiskLibHandle h, h2;
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_ConnectEx", 1, VIX_E_CANNOT_CONNECT_TO_HOST));
   CHECK_ERR(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn), VIX_E_CANNOT_CONNECT_TO_HOST);
   CHECK_INT(VixDiskLibStub_GetCounter("connections"), 0);
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));   /* fired once */
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_Open", 2, VIX_E_FILE_ACCESS_ERROR));
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   CHECK_ERR(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h2), VIX_E_FILE_ACCESS_ERROR);
   CHECK_INT(VixDiskLibStub_GetCounter("handles"), 1);
   CHECK_OK(VixDiskLib_Close(h));
   /* a faulted Write writes nothing, not even the descriptor */
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   char *before = t_read_file(t_path("d.vmdk"));
   uint8 one[512], back[512];
   memset(one, 0x5A, sizeof one);
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_Write", 0, VIX_E_FAIL));
   CHECK_ERR(VixDiskLib_Write(h, 0, 1, one), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Write(h, 0, 1, one), VIX_E_FAIL);            /* every call */
   char *after = t_read_file(t_path("d.vmdk"));
   CHECK_STR(after, before);
   CHECK_OK(VixDiskLib_Read(h, 0, 1, back));
   CHECK(back[0] == 0);
   VixDiskLibStub_ClearFaults();
   CHECK_OK(VixDiskLib_Write(h, 0, 1, one));
   /* pointer-returning functions return NULL */
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_GetErrorText", 1, VIX_E_OUT_OF_MEMORY));
   CHECK(VixDiskLib_GetErrorText(VIX_E_FAIL, NULL) == NULL);
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_AllocateConnectParams", 1, VIX_E_FAIL));
   CHECK(VixDiskLib_AllocateConnectParams() == NULL);
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_GetTransportMode", 1, VIX_E_FAIL));
   CHECK(VixDiskLib_GetTransportMode(h) == NULL);
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_GetInfo", 1, VIX_E_OUT_OF_MEMORY));
   VixDiskLibInfo *info = NULL;
   CHECK_ERR(VixDiskLib_GetInfo(h, &info), VIX_E_OUT_OF_MEMORY);
   CHECK(info == NULL);
   CHECK_INT(VixDiskLibStub_GetCounter("infos"), 0);
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_Close", 1, VIX_E_FAIL));
   CHECK_ERR(VixDiskLib_Close(h), VIX_E_FAIL);
   CHECK_INT(VixDiskLibStub_GetCounter("handles"), 1);               /* still open */
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   /* bad injections */
   CHECK_ERR(VixDiskLibStub_InjectFault("VixDiskLib_Exit", 1, VIX_E_FAIL), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLibStub_InjectFault("NoSuchFunction", 1, VIX_E_FAIL), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLibStub_InjectFault("VixDiskLib_Open", 1, VIX_OK), VIX_E_INVALID_ARG);
   /* InitEx itself */
   VixDiskLib_Exit();
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_InitEx", 1, VIX_E_OUT_OF_MEMORY));
   CHECK_ERR(VixDiskLib_InitEx(8, 0, t_log, t_warn, t_panic, NULL, NULL), VIX_E_OUT_OF_MEMORY);
   CHECK_INT(VixDiskLibStub_GetCounter("logThreads"), 0);
   CHECK(VixDiskLib_ListTransportModes() == NULL);
   free(before);
   free(after);
}

/* Counters and Reset. */
void test_counters_and_reset(void)
{
   CHECK_INT(VixDiskLibStub_GetCounter("nonsense"), -1);
   CHECK_INT(VixDiskLibStub_GetCounter(NULL), -1);
   VixDiskLibConnectParams *p = VixDiskLib_AllocateConnectParams();
   CHECK_INT(VixDiskLibStub_GetCounter("connectParams"), 1);
   CHECK_INT(p->port, 0);
   CHECK(p->serverName == NULL && p->credType == 0);
   VixDiskLib_FreeConnectParams(p);
   CHECK_INT(VixDiskLibStub_GetCounter("connectParams"), 0);
   CHECK_INT(VixDiskLibStub_GetCounter("blockLists"), 0);
   t_init(NULL);
   t_world(true);
   VixDiskLibConnection conn;
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   CHECK_ERR(VixDiskLibStub_Reset(), VIX_E_INVALID_ARG);            /* connection open */
   CHECK_OK(VixDiskLib_Disconnect(conn));
   CHECK_INT(VixDiskLibStub_GetCounter("initEx"), 1);
   CHECK_OK(VixDiskLibStub_Reset());
   CHECK_INT(VixDiskLibStub_GetCounter("initEx"), 0);
   CHECK_ERR(VixDiskLibStub_AddUser("vc1", "a", "b"), VIX_E_HOST_SERVER_NOT_FOUND);  /* forgotten */
   CHECK_ERR(VixDiskLibStub_DefineServer("x", 7, NULL, NULL, t_dir), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLibStub_DefineServer("x", VIXDISKLIBSTUB_SERVER_ESXI, NULL, "nbd:ftp",
                                         t_dir), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLibStub_DefineServer("x", VIXDISKLIBSTUB_SERVER_ESXI, NULL, NULL,
                                         t_path("nodir")), VIX_E_FILE_NOT_FOUND);
}

/* Every exported name resolves by plain name (how JNA and dlsym look them up), although
 * each carries an ELF version. */
static bool listed_in(const char *path, const char *name)
{
   FILE *f = fopen(path, "r");
   char line[256];
   bool found = false;
   while (f != NULL && !found && fgets(line, sizeof line, f) != NULL) {
      line[strcspn(line, " \t\r\n")] = '\0';
      found = strcmp(line, name) == 0;
   }
   if (f != NULL) {
      fclose(f);
   }
   return found;
}

void test_symbols_found_by_plain_name(void)
{
   FILE *f = fopen(STUB_SRC_DIR "/api/functions.tsv", "r");
   if (f == NULL) {
      t_fail(__FILE__, __LINE__, "cannot read api/functions.tsv");
      return;
   }
   char line[256];
   int found = 0, absent = 0;
   while (fgets(line, sizeof line, f) != NULL) {
      char name[128];
      int major = 0;
      if (sscanf(line, "VixDiskLib_%100s VIXDISKLIB_%d.", name + 11, &major) != 2) {
         continue;
      }
      memcpy(name, "VixDiskLib_", 11);
      void *sym = dlsym(RTLD_DEFAULT, name);
      if (major > VIXDISKLIB_VERSION_MAJOR) {
         CHECK(sym == NULL);           /* introduced after this variant's release */
         absent++;
      } else if (sym != NULL) {
         found++;
      } else if (!listed_in(STUB_SRC_DIR "/tests/pending-functions.txt", name)) {
         t_fail(__FILE__, __LINE__, "dlsym(%s) failed", name);
      }
   }
   fclose(f);
   CHECK(found >= 22);
   CHECK_INT(absent, VIXDISKLIB_VERSION_MAJOR >= 9 ? 0 : 4);
   CHECK(dlsym(RTLD_DEFAULT, "VixDiskLibStub_Reset") != NULL);
   CHECK(dlsym(RTLD_DEFAULT, "stub_lock") == NULL);            /* internals are hidden */
}

/* Open/Close/GetInfo from many threads at once: consistent counters, no crash. */
typedef struct {
   VixDiskLibConnection conn;
   const char *path;
   int errors;
} OpenWorker;

static void *open_close_worker(void *arg)
{
   OpenWorker *w = arg;
   for (int i = 0; i < 100; i++) {
      VixDiskLibHandle h;
      VixDiskLibInfo *info;
      uint8 buf[512];
      if (VixDiskLib_Open(w->conn, w->path, VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h) != VIX_OK) {
         w->errors++;
         continue;
      }
      if (VixDiskLib_GetInfo(h, &info) != VIX_OK || info->capacity != 256) {
         w->errors++;
      } else {
         VixDiskLib_FreeInfo(info);
      }
      if (VixDiskLib_Read(h, (uint64)i, 1, buf) != VIX_OK || VixDiskLib_Close(h) != VIX_OK) {
         w->errors++;
      }
   }
   return NULL;
}

void test_concurrent_open_close_is_thread_safe(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 256, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn;
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   OpenWorker w[6];
   pthread_t threads[6];
   for (int i = 0; i < 6; i++) {
      w[i] = (OpenWorker){ conn, t_path("d.vmdk"), 0 };
      pthread_create(&threads[i], NULL, open_close_worker, &w[i]);
   }
   for (int i = 0; i < 6; i++) {
      pthread_join(threads[i], NULL);
      CHECK_INT(w[i].errors, 0);
   }
   CHECK_INT(VixDiskLibStub_GetCounter("handles"), 0);
   CHECK_INT(VixDiskLibStub_GetCounter("infos"), 0);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}
