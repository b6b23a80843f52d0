/* test_manage.c -- disk management: Create, Grow, Shrink, Defragment, Rename, Unlink,
 * Clone, CheckRepair, SpaceNeededForClone, GetConnectParams; progress, cancellation,
 * qemu-img interop and injected faults. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testlib.h"

/* ---- helpers ------------------------------------------------------------------------------ */

typedef struct {
   int calls;
   int last;            /* last percentage seen */
   bool monotone;       /* every call larger than the one before */
   int cancelAt;        /* return FALSE at the first percentage >= cancelAt (-1: never) */
} Progress;

static Bool on_progress(void *data, int pct)
{
   Progress *p = data;
   if (pct <= p->last || pct < 0 || pct > 100) {
      p->monotone = false;
   }
   p->calls++;
   p->last = pct;
   return p->cancelAt >= 0 && pct >= p->cancelAt ? FALSE : TRUE;
}

static Progress progress(int cancelAt)
{
   return (Progress){ .calls = 0, .last = -1, .monotone = true, .cancelAt = cancelAt };
}

static VixDiskLibCreateParams flat_params(uint64 capacity)
{
   return (VixDiskLibCreateParams){ .diskType = VIXDISKLIB_DISK_MONOLITHIC_FLAT,
                                    .adapterType = VIXDISKLIB_ADAPTER_SCSI_LSILOGIC,
                                    .hwVersion = VIXDISKLIB_HWVERSION_ESX65,
                                    .capacity = capacity };
}

/* Entries of t_dir (files and directories, not . and ..). */
static int dir_entries(void)
{
   DIR *d = opendir(t_dir);
   int n = 0;
   for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
      n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
   }
   if (d != NULL) {
      closedir(d);
   }
   return n;
}

static bool exists(const char *path)
{
   struct stat st;
   return stat(path, &st) == 0;
}

static void write_pattern(VixDiskLibConnection conn, const char *path, uint64 sector, int seed)
{
   VixDiskLibHandle h;
   uint8 buf[4 * 512];
   for (size_t i = 0; i < sizeof buf; i++) {
      buf[i] = (uint8)(i * 13 + seed);
   }
   CHECK_OK(VixDiskLib_Open(conn, path, 0, &h));
   CHECK_OK(VixDiskLib_Write(h, sector, 4, buf));
   CHECK_OK(VixDiskLib_Close(h));
}

static bool has_pattern(VixDiskLibConnection conn, const char *path, uint64 sector, int seed)
{
   VixDiskLibHandle h = NULL;
   uint8 buf[4 * 512];
   bool ok = VixDiskLib_Open(conn, path, VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h) == VIX_OK;
   ok = ok && VixDiskLib_Read(h, sector, 4, buf) == VIX_OK;
   for (size_t i = 0; ok && i < sizeof buf; i++) {
      ok = buf[i] == (uint8)(i * 13 + seed);
   }
   if (h != NULL) {
      VixDiskLib_Close(h);
   }
   return ok;
}

static uint64 capacity_of(VixDiskLibConnection conn, const char *path)
{
   VixDiskLibHandle h;
   VixDiskLibInfo *info = NULL;
   uint64 cap = 0;
   if (VixDiskLib_Open(conn, path, VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h) == VIX_OK) {
      if (VixDiskLib_GetInfo(h, &info) == VIX_OK) {
         cap = info->capacity;
         VixDiskLib_FreeInfo(info);
      }
      VixDiskLib_Close(h);
   }
   return cap;
}

/* ---- Create --------------------------------------------------------------------------------- */

void test_create_flat_disk_with_params_progress_and_qemu_img_interop(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(20480);
   Progress pr = progress(-1);
   CHECK_OK(VixDiskLib_Create(conn, t_path("c.vmdk"), &p, on_progress, &pr));
   CHECK(pr.monotone && pr.last == 100 && pr.calls >= 1);
   struct stat st;
   CHECK(stat(t_path("c.vmdk"), &st) == 0 && (st.st_mode & 0777) == 0600);
   CHECK(stat(t_path("c-flat.vmdk"), &st) == 0 && (st.st_mode & 0777) == 0600 &&
         st.st_size == 20480LL * 512 && st.st_blocks * 512 >= 20480LL * 512);  /* preallocated */
   CHECK_INT(dir_entries(), 2);                               /* no staging directory left */
   char *text = t_read_file(t_path("c.vmdk"));
   CHECK(text != NULL && strstr(text, "ddb.virtualHWVersion = \"13\"") != NULL &&
         strstr(text, "ddb.adapterType = \"lsilogic\"") != NULL &&
         strstr(text, "RW 20480 FLAT \"c-flat.vmdk\" 0") != NULL);
   free(text);
   VixDiskLibHandle h;
   VixDiskLibInfo *info = NULL;
   CHECK_OK(VixDiskLib_Open(conn, t_path("c.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_GetInfo(h, &info));
   if (info != NULL) {
      CHECK_INT(info->capacity, 20480);
      CHECK_INT(info->adapterType, VIXDISKLIB_ADAPTER_SCSI_LSILOGIC);
      CHECK_INT(info->physGeo.heads, 255);
      VixDiskLib_FreeInfo(info);
   }
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   if (!t_have_qemu()) {
      t_skip("qemu-img not installed");
      return;
   }
   char cmd[1024], out[4096];
   snprintf(cmd, sizeof cmd, "%s info %s 2>&1", t_qemu_img(), t_path("c.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0);
   CHECK(strstr(out, "virtual size: 10 MiB (10485760 bytes)") != NULL);
   CHECK(strstr(out, "create type: monolithicFlat") != NULL);
   snprintf(cmd, sizeof cmd, "%s create -q -f raw %s 10M && %s compare -q %s %s 2>&1",
            t_qemu_img(), t_path("zero.raw"), t_qemu_img(), t_path("c.vmdk"),
            t_path("zero.raw"));
   CHECK(t_run(cmd, out, sizeof out) == 0);                   /* a new disk reads zeros */
}

void test_create_refuses_existing_paths_and_impossible_params(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(2048);
   CHECK_OK(VixDiskLib_Create(conn, t_path("a.vmdk"), &p, NULL, NULL));
   CHECK_ERR(VixDiskLib_Create(conn, t_path("a.vmdk"), &p, NULL, NULL),
             VIX_E_FILE_ALREADY_EXISTS);
   t_write_file(t_path("b-flat.vmdk"), "someone else's data");
   CHECK_ERR(VixDiskLib_Create(conn, t_path("b.vmdk"), &p, NULL, NULL),
             VIX_E_FILE_ALREADY_EXISTS);
   CHECK(!exists(t_path("b.vmdk")));
   const struct {
      VixDiskLibDiskType type;
      int adapter;
      uint64 capacity;
      uint32 logical, physical;
      VixError expected;
   } CASES[] = {
      { VIXDISKLIB_DISK_MONOLITHIC_FLAT, 3, 0, 0, 0, VIX_E_INVALID_ARG },
      { VIXDISKLIB_DISK_MONOLITHIC_FLAT, 0, 2048, 0, 0, VIX_E_INVALID_ARG },
      { VIXDISKLIB_DISK_MONOLITHIC_FLAT, 256, 2048, 0, 0, VIX_E_INVALID_ARG },
      { VIXDISKLIB_DISK_UNKNOWN, 3, 2048, 0, 0, VIX_E_INVALID_ARG },
      { VIXDISKLIB_DISK_VMFS_FLAT, 3, 2048, 0, 0, VIX_E_DISK_NEEDVMFS },
      { VIXDISKLIB_DISK_VMFS_THIN, 3, 2048, 0, 0, VIX_E_DISK_NEEDVMFS },
      { VIXDISKLIB_DISK_VMFS_SPARSE, 3, 2048, 0, 0, VIX_E_DISK_NEEDVMFS },
      { VIXDISKLIB_DISK_SPLIT_FLAT, 3, 2048, 0, 0, VIX_E_NOT_SUPPORTED },
      { VIXDISKLIB_DISK_SPLIT_SPARSE, 3, 2048, 0, 0, VIX_E_NOT_SUPPORTED },
      { VIXDISKLIB_DISK_STREAM_OPTIMIZED, 3, 2048, 0, 0, VIX_E_NOT_SUPPORTED },
      { VIXDISKLIB_DISK_MONOLITHIC_FLAT, 3, 2048, 512, 4096, VIX_E_NOT_SUPPORTED },
      { VIXDISKLIB_DISK_MONOLITHIC_FLAT, 3, 2048, 4096, 4096, VIX_E_NOT_SUPPORTED },
      { VIXDISKLIB_DISK_MONOLITHIC_FLAT, 3, 2048, 1000, 1000, VIX_E_INVALID_ARG },
      { VIXDISKLIB_DISK_MONOLITHIC_FLAT, 3, 2048, 512, 0, VIX_E_INVALID_ARG },
   };
   for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
      VixDiskLibCreateParams q = { CASES[i].type, (VixDiskLibAdapterType)CASES[i].adapter, 7,
                                   CASES[i].capacity, CASES[i].logical, CASES[i].physical };
      VixError e = VixDiskLib_Create(conn, t_path("x.vmdk"), &q, NULL, NULL);
      if (e != CASES[i].expected) {
         t_fail(__FILE__, __LINE__, "case %zu: Create returned %llu, expected %llu", i,
                (unsigned long long)e, (unsigned long long)CASES[i].expected);
      }
   }
   CHECK_OK(VixDiskLib_Create(conn, t_path("s.vmdk"), &(VixDiskLibCreateParams){
      VIXDISKLIB_DISK_MONOLITHIC_FLAT, VIXDISKLIB_ADAPTER_IDE, 4, 2048, 512, 512 }, NULL, NULL));
   CHECK_ERR(VixDiskLib_Create(conn, NULL, &p, NULL, NULL), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_Create(conn, t_path("y.vmdk"), NULL, NULL, NULL), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_Create(NULL, t_path("y.vmdk"), &p, NULL, NULL), VIX_E_INVALID_ARG);
   CHECK_INT(dir_entries(), 5);   /* a, a-flat, b-flat, s, s-flat: nothing else was made */
   t_world(false);
   VixDiskLibConnectParams *rp = t_params("vc1", "moref=vm-42", "admin", "secret");
   VixDiskLibConnection remote;
   CHECK_OK(VixDiskLib_ConnectEx(rp, FALSE, NULL, NULL, &remote));
   CHECK_ERR(VixDiskLib_Create(remote, "[ds1] r.vmdk", &p, NULL, NULL), VIX_E_NOT_SUPPORTED);
   CHECK_OK(VixDiskLib_Disconnect(remote));
   VixDiskLib_FreeConnectParams(rp);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* A descriptor cannot name a file whose path holds '"' or a line break: Create, Clone,
 * Rename and CreateChild refuse such a target (or parent) with VIX_E_INVALID_ARG before
 * writing anything. */
void test_paths_a_descriptor_cannot_name_are_refused_leaving_nothing(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(2048);
   CHECK_OK(VixDiskLib_Create(conn, t_path("a.vmdk"), &p, NULL, NULL));
   static const char *const BAD[] = { "q\"uote.vmdk", "new\nline.vmdk", "cr\r.vmdk" };
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("a.vmdk"), 0, &h));
   for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
      CHECK_ERR(VixDiskLib_Create(conn, t_path(BAD[i]), &p, NULL, NULL), VIX_E_INVALID_ARG);
      CHECK_ERR(VixDiskLib_Clone(conn, t_path(BAD[i]), conn, t_path("a.vmdk"), &p, NULL, NULL,
                                 FALSE), VIX_E_INVALID_ARG);
      CHECK_ERR(VixDiskLib_CreateChild(h, t_path(BAD[i]), VIXDISKLIB_DISK_MONOLITHIC_SPARSE,
                                       NULL, NULL), VIX_E_INVALID_ARG);
   }
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_ERR(VixDiskLib_Rename(t_path("a.vmdk"), t_path(BAD[0])), VIX_E_INVALID_ARG);
   /* a parent in a directory with a quote: the child's parentFileNameHint would hold it */
   CHECK(mkdir(t_path("d\"ir"), 0700) == 0);
   CHECK_ERR(VixDiskLib_Create(conn, t_path("d\"ir/p.vmdk"), &p, NULL, NULL),
             VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d\"ir/p.vmdk"), 2048,
                                          VIXDISKLIB_ADAPTER_SCSI_LSILOGIC));
   CHECK_OK(VixDiskLib_Open(conn, t_path("d\"ir/p.vmdk"), 0, &h));
   CHECK_ERR(VixDiskLib_CreateChild(h, t_path("c.vmdk"), VIXDISKLIB_DISK_MONOLITHIC_SPARSE,
                                    NULL, NULL), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_INT(dir_entries(), 3);   /* a.vmdk, a-flat.vmdk, d"ir: nothing else was made */
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

void test_create_cancelled_by_progress_leaves_nothing(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(262144);   /* 128 MiB: two allocation steps */
   Progress pr = progress(50);
   CHECK_ERR(VixDiskLib_Create(conn, t_path("c.vmdk"), &p, on_progress, &pr),
             VIX_E_CANCELLED);
   CHECK_INT(pr.last, 50);
   CHECK_INT(dir_entries(), 0);
   CHECK(t_logs_count(1, "Create cancelled by the progress function at 50%") == 1);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* ---- Grow ------------------------------------------------------------------------------------ */

void test_grow_flat_disk_keeps_data_and_updates_geometry(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(20480);
   const char *d = t_path("g.vmdk");
   CHECK_OK(VixDiskLib_Create(conn, d, &p, NULL, NULL));
   write_pattern(conn, d, 100, 5);
   Progress pr = progress(-1);
   CHECK_OK(VixDiskLib_Grow(conn, d, 40960, TRUE, on_progress, &pr));
   CHECK(pr.monotone && pr.last == 100);
   CHECK_INT(capacity_of(conn, d), 40960);
   CHECK(has_pattern(conn, d, 100, 5));
   char *text = t_read_file(d);
   CHECK(text != NULL && strstr(text, "ddb.geometry.cylinders = \"2\"") != NULL);
   free(text);
   CHECK_OK(VixDiskLib_Grow(conn, d, 40960, FALSE, NULL, NULL));      /* same size: no-op */
   CHECK_ERR(VixDiskLib_Grow(conn, d, 1024, FALSE, NULL, NULL), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_Grow(conn, t_path("none.vmdk"), 1, FALSE, NULL, NULL),
             VIX_E_FILE_NOT_FOUND);
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, d, 0, &h));                         /* a writer holds it */
   CHECK_ERR(VixDiskLib_Grow(conn, d, 81920, FALSE, NULL, NULL), 20006);
   CHECK_OK(VixDiskLib_Close(h));
   /* cancelled: capacity and extent size unchanged */
   pr = progress(0);
   CHECK_ERR(VixDiskLib_Grow(conn, d, 81920, FALSE, on_progress, &pr), VIX_E_CANCELLED);
   CHECK_INT(capacity_of(conn, d), 40960);
   struct stat st;
   CHECK(stat(t_path("g-flat.vmdk"), &st) == 0 && st.st_size == 40960LL * 512);
   CHECK_OK(VixDiskLib_Disconnect(conn));
   if (t_have_qemu()) {
      char cmd[1024], out[4096];
      snprintf(cmd, sizeof cmd, "%s info %s 2>&1", t_qemu_img(), d);
      CHECK(t_run(cmd, out, sizeof out) == 0 &&
            strstr(out, "virtual size: 20 MiB (20971520 bytes)") != NULL);
   }
}

/* ---- Shrink / Defragment ---------------------------------------------------------------------- */

void test_shrink_and_defragment_of_flat_disk_succeed_without_change(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(2048);
   CHECK_OK(VixDiskLib_Create(conn, t_path("f.vmdk"), &p, NULL, NULL));
   write_pattern(conn, t_path("f.vmdk"), 7, 9);
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("f.vmdk"), 0, &h));
   Progress pr = progress(-1);
   CHECK_OK(VixDiskLib_Shrink(h, on_progress, &pr));
   CHECK(pr.last == 100 && pr.calls == 1);
   pr = progress(-1);
   CHECK_OK(VixDiskLib_Defragment(h, on_progress, &pr));
   CHECK(pr.last == 100 && pr.calls == 1);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK(has_pattern(conn, t_path("f.vmdk"), 7, 9));
   CHECK_OK(VixDiskLib_Open(conn, t_path("f.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   CHECK_ERR(VixDiskLib_Shrink(h, NULL, NULL), VIX_E_FILE_READ_ONLY);
   CHECK_ERR(VixDiskLib_Defragment(h, NULL, NULL), VIX_E_FILE_READ_ONLY);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_ERR(VixDiskLib_Shrink(h, NULL, NULL), VIX_E_INVALID_ARG);   /* stale handle */
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* ---- Rename / Unlink ---------------------------------------------------------------------------- */

void test_rename_moves_descriptor_and_extent(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(2048);
   CHECK_OK(VixDiskLib_Create(conn, t_path("a.vmdk"), &p, NULL, NULL));
   write_pattern(conn, t_path("a.vmdk"), 3, 1);
   CHECK_OK(VixDiskLib_Rename(t_path("a.vmdk"), t_path("b.vmdk")));
   CHECK(!exists(t_path("a.vmdk")) && !exists(t_path("a-flat.vmdk")));
   CHECK(exists(t_path("b-flat.vmdk")));
   CHECK(has_pattern(conn, t_path("b.vmdk"), 3, 1));
   struct stat st;
   CHECK(stat(t_path("b.vmdk"), &st) == 0 && (st.st_mode & 0777) == 0600);
   CHECK_OK(VixDiskLib_Create(conn, t_path("c.vmdk"), &p, NULL, NULL));
   CHECK_ERR(VixDiskLib_Rename(t_path("b.vmdk"), t_path("c.vmdk")), VIX_E_FILE_ALREADY_EXISTS);
   CHECK_ERR(VixDiskLib_Rename(t_path("none.vmdk"), t_path("d.vmdk")), VIX_E_FILE_NOT_FOUND);
   CHECK_ERR(VixDiskLib_Rename(NULL, t_path("d.vmdk")), VIX_E_INVALID_ARG);
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("b.vmdk"), 0, &h));
   CHECK_ERR(VixDiskLib_Rename(t_path("b.vmdk"), t_path("d.vmdk")), 20006);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK(exists(t_path("b.vmdk")) && exists(t_path("b-flat.vmdk")) && !exists(t_path("d.vmdk")));
   CHECK_INT(dir_entries(), 4);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

void test_unlink_deletes_every_file_of_the_disk(void)
{
   t_init(NULL);
   t_world(false);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(2048);
   CHECK_OK(VixDiskLib_Create(conn, t_path("u.vmdk"), &p, NULL, NULL));
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("u.vmdk"), 0, &h));
   CHECK_ERR(VixDiskLib_Unlink(conn, t_path("u.vmdk")), 20006);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Unlink(conn, t_path("u.vmdk")));
   CHECK(!exists(t_path("u.vmdk")) && !exists(t_path("u-flat.vmdk")));
   CHECK_ERR(VixDiskLib_Unlink(conn, t_path("u.vmdk")), VIX_E_FILE_NOT_FOUND);
   CHECK_ERR(VixDiskLib_Unlink(conn, NULL), VIX_E_INVALID_ARG);
   /* a datastore path on a remote connection */
   CHECK_OK(VixDiskLib_Create(conn, t_path("ds1/r.vmdk"), &p, NULL, NULL));
   VixDiskLibConnectParams *rp = t_params("vc1", "moref=vm-42", "admin", "secret");
   VixDiskLibConnection remote;
   CHECK_OK(VixDiskLib_ConnectEx(rp, FALSE, NULL, NULL, &remote));
   CHECK_OK(VixDiskLib_Unlink(remote, "[ds1] r.vmdk"));
   CHECK(!exists(t_path("ds1/r.vmdk")) && !exists(t_path("ds1/r-flat.vmdk")));
   CHECK_OK(VixDiskLib_Disconnect(remote));
   VixDiskLib_FreeConnectParams(rp);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* ---- Clone ---------------------------------------------------------------------------------------- */

void test_clone_copies_data_with_progress_and_honours_overwrite(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(8192);
   CHECK_OK(VixDiskLib_Create(conn, t_path("src.vmdk"), &p, NULL, NULL));
   write_pattern(conn, t_path("src.vmdk"), 0, 1);
   write_pattern(conn, t_path("src.vmdk"), 8188, 2);
   VixDiskLibCreateParams cp = flat_params(0);   /* 0: the source's capacity */
   cp.adapterType = VIXDISKLIB_ADAPTER_IDE;
   Progress pr = progress(-1);
   CHECK_OK(VixDiskLib_Clone(conn, t_path("dst.vmdk"), conn, t_path("src.vmdk"), &cp,
                             on_progress, &pr, FALSE));
   CHECK(pr.monotone && pr.last == 100 && pr.calls >= 5);    /* 4 chunks of 1 MiB */
   CHECK(has_pattern(conn, t_path("dst.vmdk"), 0, 1) &&
         has_pattern(conn, t_path("dst.vmdk"), 8188, 2));
   CHECK_INT(capacity_of(conn, t_path("dst.vmdk")), 8192);
   char *text = t_read_file(t_path("dst.vmdk"));
   CHECK(text != NULL && strstr(text, "ddb.adapterType = \"ide\"") != NULL);
   free(text);
   CHECK_ERR(VixDiskLib_Clone(conn, t_path("dst.vmdk"), conn, t_path("src.vmdk"), &cp, NULL,
                              NULL, FALSE), VIX_E_FILE_ALREADY_EXISTS);
   /* overwrite with other content; a cancelled overwrite leaves the old disk */
   write_pattern(conn, t_path("src.vmdk"), 0, 7);
   pr = progress(50);
   CHECK_ERR(VixDiskLib_Clone(conn, t_path("dst.vmdk"), conn, t_path("src.vmdk"), &cp,
                              on_progress, &pr, TRUE), VIX_E_CANCELLED);
   CHECK(has_pattern(conn, t_path("dst.vmdk"), 0, 1));
   CHECK_INT(dir_entries(), 4);
   CHECK_OK(VixDiskLib_Clone(conn, t_path("dst.vmdk"), conn, t_path("src.vmdk"), &cp, NULL,
                             NULL, TRUE));
   CHECK(has_pattern(conn, t_path("dst.vmdk"), 0, 7));
   /* a writer on the target blocks an overwrite */
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("dst.vmdk"), 0, &h));
   CHECK_ERR(VixDiskLib_Clone(conn, t_path("dst.vmdk"), conn, t_path("src.vmdk"), &cp, NULL,
                              NULL, TRUE), 20006);
   CHECK_OK(VixDiskLib_Close(h));
   cp.capacity = 100;
   CHECK_ERR(VixDiskLib_Clone(conn, t_path("small.vmdk"), conn, t_path("src.vmdk"), &cp, NULL,
                              NULL, FALSE), VIX_E_INVALID_ARG);
   cp.capacity = 0;
   CHECK_ERR(VixDiskLib_Clone(conn, t_path("x.vmdk"), conn, t_path("none.vmdk"), &cp, NULL,
                              NULL, FALSE), VIX_E_FILE_NOT_FOUND);
   CHECK_INT(dir_entries(), 4);
   CHECK_OK(VixDiskLib_Disconnect(conn));
   if (t_have_qemu()) {
      char cmd[1024], out[4096];
      snprintf(cmd, sizeof cmd, "%s compare -q %s %s 2>&1 && %s check %s 2>&1",
               t_qemu_img(), t_path("src.vmdk"), t_path("dst.vmdk"), t_qemu_img(),
               t_path("dst.vmdk"));
      int rc = t_run(cmd, out, sizeof out);
      CHECK(rc == 0 || strstr(out, "does not support checks") != NULL);
   }
}

/* Clone reads through a remote connection with Open's rules (datastore path, transport). */
void test_clone_from_a_remote_datastore_to_a_local_disk(void)
{
   t_init(NULL);
   t_world(false);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(2048);
   CHECK_OK(VixDiskLib_Create(conn, t_path("ds1/vm.vmdk"), &p, NULL, NULL));
   write_pattern(conn, t_path("ds1/vm.vmdk"), 12, 4);
   VixDiskLibConnectParams *rp = t_params("vc1", "moref=vm-42", "admin", "secret");
   VixDiskLibConnection remote;
   CHECK_OK(VixDiskLib_ConnectEx(rp, TRUE, NULL, "nbd", &remote));
   CHECK_OK(VixDiskLib_Clone(conn, t_path("backup.vmdk"), remote, "[ds1] vm.vmdk", &p, NULL,
                             NULL, FALSE));
   CHECK(has_pattern(conn, t_path("backup.vmdk"), 12, 4));
   CHECK_ERR(VixDiskLib_Clone(remote, "[ds1] copy.vmdk", conn, t_path("backup.vmdk"), &p,
                              NULL, NULL, FALSE), VIX_E_NOT_SUPPORTED);
   CHECK_OK(VixDiskLib_Disconnect(remote));
   VixDiskLib_FreeConnectParams(rp);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* ---- CheckRepair / SpaceNeededForClone ------------------------------------------------------------ */

void test_check_repair_reports_and_repairs_a_short_flat_extent(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(2048);
   CHECK_OK(VixDiskLib_Create(conn, t_path("r.vmdk"), &p, NULL, NULL));
   CHECK_OK(VixDiskLib_CheckRepair(conn, t_path("r.vmdk"), FALSE));
   CHECK(t_logs_count(0, "r.vmdk is consistent") == 1);
   CHECK(truncate(t_path("r-flat.vmdk"), 4096) == 0);
   /* VixDiskLib.h: the result is the call's success, not the disk's consistency */
   CHECK_OK(VixDiskLib_CheckRepair(conn, t_path("r.vmdk"), FALSE));
   CHECK(t_logs_count(1, "not repaired") == 1);
   struct stat st;
   CHECK(stat(t_path("r-flat.vmdk"), &st) == 0 && st.st_size == 4096);
   CHECK_OK(VixDiskLib_CheckRepair(conn, t_path("r.vmdk"), TRUE));
   CHECK(stat(t_path("r-flat.vmdk"), &st) == 0 && st.st_size == 2048LL * 512);
   unlink(t_path("r-flat.vmdk"));
   CHECK_ERR(VixDiskLib_CheckRepair(conn, t_path("r.vmdk"), TRUE), VIX_E_FILE_NOT_FOUND);
   CHECK_ERR(VixDiskLib_CheckRepair(conn, t_path("none.vmdk"), FALSE), VIX_E_FILE_NOT_FOUND);
   CHECK_ERR(VixDiskLib_CheckRepair(conn, NULL, FALSE), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

void test_space_needed_for_clone_by_target_type(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(131072);
   p.diskType = VIXDISKLIB_DISK_MONOLITHIC_SPARSE;
   CHECK_OK(VixDiskLib_Create(conn, t_path("s.vmdk"), &p, NULL, NULL));
   VixDiskLibHandle h;
   uint64 flat = 0, sparse = 0, sparse2 = 0, unknown = 0;
   const uint64 meta = (21 + 2 * (1 + 2 * 4)) * 512;   /* header+descriptor, 2 x (GD + 2 GTs) */
   CHECK_OK(VixDiskLib_Open(conn, t_path("s.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_SpaceNeededForClone(h, VIXDISKLIB_DISK_MONOLITHIC_FLAT, &flat));
   CHECK_OK(VixDiskLib_SpaceNeededForClone(h, VIXDISKLIB_DISK_MONOLITHIC_SPARSE, &sparse));
   CHECK_OK(VixDiskLib_SpaceNeededForClone(h, VIXDISKLIB_DISK_UNKNOWN, &unknown));
   CHECK_INT(flat, 131072LL * 512 + 512);
   CHECK_INT(sparse, meta);                        /* empty: metadata only */
   CHECK_INT(unknown, sparse);                     /* the source's type: sparse */
   uint8 buf[512] = { 1 };
   CHECK_OK(VixDiskLib_Write(h, 70000, 1, buf));
   CHECK_OK(VixDiskLib_SpaceNeededForClone(h, VIXDISKLIB_DISK_VMFS_THIN, &sparse2));
   CHECK_INT(sparse2, meta + 65536);               /* one grain of data */
   CHECK_ERR(VixDiskLib_SpaceNeededForClone(h, (VixDiskLibDiskType)99, &flat),
             VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_SpaceNeededForClone(h, VIXDISKLIB_DISK_MONOLITHIC_FLAT, NULL),
             VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_Close(h));
   /* a flat source counts as allocated everywhere (VDDK 9.0: QueryAllocatedBlocks) */
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("f.vmdk"), 131072, VIXDISKLIB_ADAPTER_IDE));
   CHECK_OK(VixDiskLib_Open(conn, t_path("f.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_SpaceNeededForClone(h, VIXDISKLIB_DISK_MONOLITHIC_SPARSE, &sparse));
   CHECK_INT(sparse, meta + 131072LL * 512);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* monolithicSparse: Create, Clone into it, Rename and Unlink its one file; qemu-img agrees. */
void test_sparse_disks_are_created_cloned_renamed_and_unlinked(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(8192);
   CHECK_OK(VixDiskLib_Create(conn, t_path("src.vmdk"), &p, NULL, NULL));
   write_pattern(conn, t_path("src.vmdk"), 4000, 3);
   VixDiskLibCreateParams sp = p;
   sp.diskType = VIXDISKLIB_DISK_MONOLITHIC_SPARSE;
   Progress pr = progress(-1);
   CHECK_OK(VixDiskLib_Create(conn, t_path("empty.vmdk"), &sp, on_progress, &pr));
   CHECK(pr.last == 100);
   struct stat st;
   CHECK(stat(t_path("empty.vmdk"), &st) == 0 && (st.st_mode & 0777) == 0600);
   CHECK_OK(VixDiskLib_Clone(conn, t_path("sp.vmdk"), conn, t_path("src.vmdk"), &sp, NULL,
                             NULL, FALSE));
   CHECK(has_pattern(conn, t_path("sp.vmdk"), 4000, 3));
   CHECK(stat(t_path("sp.vmdk"), &st) == 0 && st.st_size < 1024 * 1024);   /* one grain */
   if (t_have_qemu()) {
      char cmd[1024], out[4096];
      snprintf(cmd, sizeof cmd, "%s check %s 2>&1 && %s compare -q %s %s 2>&1 && %s info %s",
               t_qemu_img(), t_path("sp.vmdk"), t_qemu_img(), t_path("src.vmdk"),
               t_path("sp.vmdk"), t_qemu_img(), t_path("sp.vmdk"));
      CHECK(t_run(cmd, out, sizeof out) == 0);
      CHECK(strstr(out, "create type: monolithicSparse") != NULL);
   }
   CHECK_OK(VixDiskLib_Rename(t_path("sp.vmdk"), t_path("sp2.vmdk")));
   CHECK(!exists(t_path("sp.vmdk")) && has_pattern(conn, t_path("sp2.vmdk"), 4000, 3));
   CHECK_OK(VixDiskLib_CheckRepair(conn, t_path("sp2.vmdk"), FALSE));
   CHECK_OK(VixDiskLib_Unlink(conn, t_path("sp2.vmdk")));
   CHECK(!exists(t_path("sp2.vmdk")));
   CHECK_INT(dir_entries(), 3);                   /* src, src-flat, empty */
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* ---- GetConnectParams --------------------------------------------------------------------------- */

void test_get_connect_params_returns_an_owned_copy(void)
{
   t_init(NULL);
   t_world(false);
   VixDiskLibConnectParams *rp = t_params("vc1", "moref=vm-42", "admin", "secret");
   rp->port = 443;
   rp->nfcHostPort = 902;
   VixDiskLibConnection remote, local;
   CHECK_OK(VixDiskLib_ConnectEx(rp, FALSE, NULL, NULL, &remote));
   VixDiskLib_FreeConnectParams(rp);                 /* the connection keeps its own copy */
   VixDiskLibConnectParams *got = NULL;
   CHECK_OK(VixDiskLib_GetConnectParams(remote, &got));
   CHECK_INT(VixDiskLibStub_GetCounter("connectParams"), 1);
   if (got != NULL) {
      CHECK_STR(got->serverName, "vc1");
      CHECK_STR(got->vmxSpec, "moref=vm-42");
      CHECK_STR(got->thumbPrint, "AA:BB:CC");
      CHECK_INT(got->credType, VIXDISKLIB_CRED_UID);
      CHECK_STR(got->creds.uid.userName, "admin");
      CHECK_STR(got->creds.uid.password, "secret");
      CHECK_INT(got->port, 443);
      CHECK_INT(got->nfcHostPort, 902);
      VixDiskLib_FreeConnectParams(got);            /* frees the strings too (ASan: no leak) */
   }
   CHECK_INT(VixDiskLibStub_GetCounter("connectParams"), 0);
   VixDiskLib_FreeConnectParams(got);               /* double free: logged, ignored */
   CHECK(t_logs_count(1, "FreeConnectParams") == 1);
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &local));
   CHECK_OK(VixDiskLib_GetConnectParams(local, &got));
   if (got != NULL) {
      CHECK(got->serverName == NULL && got->vmxSpec == NULL && got->credType == 0);
      VixDiskLib_FreeConnectParams(got);
   }
   CHECK_ERR(VixDiskLib_GetConnectParams(local, NULL), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_Disconnect(local));
   CHECK_ERR(VixDiskLib_GetConnectParams(local, &got), VIX_E_INVALID_ARG);   /* stale */
   CHECK_OK(VixDiskLib_Disconnect(remote));
}

/* ---- faults --------------------------------------------------------------------------------- */

/* Each disk-management function fails with an injected fault, without side effects. */
void test_disk_management_functions_honour_injected_faults(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(2048);
   CHECK_OK(VixDiskLib_Create(conn, t_path("a.vmdk"), &p, NULL, NULL));
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("a.vmdk"), 0, &h));
   const VixError F = VIX_E_DISK_FULL;
   uint64 space = 0;
   VixDiskLibConnectParams *cp = NULL;
   static const char *const NAMES[] = {
      "VixDiskLib_Create", "VixDiskLib_Clone", "VixDiskLib_Grow", "VixDiskLib_Shrink",
      "VixDiskLib_Defragment", "VixDiskLib_Rename", "VixDiskLib_Unlink",
      "VixDiskLib_SpaceNeededForClone", "VixDiskLib_CheckRepair", "VixDiskLib_GetConnectParams",
   };
   for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
      CHECK_OK(VixDiskLibStub_InjectFault(NAMES[i], 1, F));
   }
   CHECK_ERR(VixDiskLib_Create(conn, t_path("b.vmdk"), &p, NULL, NULL), F);
   CHECK_ERR(VixDiskLib_Clone(conn, t_path("c.vmdk"), conn, t_path("a.vmdk"), &p, NULL, NULL,
                              FALSE), F);
   CHECK_ERR(VixDiskLib_Grow(conn, t_path("a.vmdk"), 4096, FALSE, NULL, NULL), F);
   CHECK_ERR(VixDiskLib_Shrink(h, NULL, NULL), F);
   CHECK_ERR(VixDiskLib_Defragment(h, NULL, NULL), F);
   CHECK_ERR(VixDiskLib_Rename(t_path("a.vmdk"), t_path("d.vmdk")), F);
   CHECK_ERR(VixDiskLib_Unlink(conn, t_path("a.vmdk")), F);
   CHECK_ERR(VixDiskLib_SpaceNeededForClone(h, VIXDISKLIB_DISK_UNKNOWN, &space), F);
   CHECK_ERR(VixDiskLib_CheckRepair(conn, t_path("a.vmdk"), TRUE), F);
   CHECK_ERR(VixDiskLib_GetConnectParams(conn, &cp), F);
   CHECK(space == 0 && cp == NULL);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_INT(dir_entries(), 2);                      /* a.vmdk, a-flat.vmdk: nothing else */
   CHECK_INT(capacity_of(conn, t_path("a.vmdk")), 2048);
   /* the faults fired once: the next calls work */
   CHECK_OK(VixDiskLib_Rename(t_path("a.vmdk"), t_path("d.vmdk")));
   CHECK_OK(VixDiskLib_Unlink(conn, t_path("d.vmdk")));
   CHECK_INT(dir_entries(), 0);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* Before InitEx every disk-management function fails cleanly with VIX_E_FAIL. */
void test_disk_management_before_initex_fails(void)
{
   VixDiskLibCreateParams p = flat_params(2048);
   CHECK_ERR(VixDiskLib_Create(NULL, t_path("a.vmdk"), &p, NULL, NULL), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Rename(t_path("a.vmdk"), t_path("b.vmdk")), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Unlink(NULL, t_path("a.vmdk")), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Grow(NULL, t_path("a.vmdk"), 1, FALSE, NULL, NULL), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Clone(NULL, "a", NULL, "b", &p, NULL, NULL, FALSE), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_CheckRepair(NULL, "a", FALSE), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_GetConnectParams(NULL, NULL), VIX_E_FAIL);
   CHECK_INT(dir_entries(), 0);
}

/* ---- CreateChild / Attach --------------------------------------------------------------- */

void test_create_child_reads_fall_through_and_writes_stay_in_the_child(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(8192);
   CHECK_OK(VixDiskLib_Create(conn, t_path("base.vmdk"), &p, NULL, NULL));
   write_pattern(conn, t_path("base.vmdk"), 10, 1);
   write_pattern(conn, t_path("base.vmdk"), 100, 2);
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("base.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   Progress pr = progress(-1);
   CHECK_OK(VixDiskLib_CreateChild(h, t_path("redo.vmdk"), VIXDISKLIB_DISK_MONOLITHIC_SPARSE,
                                   on_progress, &pr));
   CHECK(pr.monotone && pr.last == 100);
   CHECK_ERR(VixDiskLib_CreateChild(h, t_path("redo.vmdk"), VIXDISKLIB_DISK_MONOLITHIC_SPARSE,
                                    NULL, NULL), VIX_E_FILE_ALREADY_EXISTS);
   CHECK_ERR(VixDiskLib_CreateChild(h, t_path("x.vmdk"), VIXDISKLIB_DISK_MONOLITHIC_FLAT, NULL,
                                    NULL), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_CreateChild(h, t_path("x.vmdk"), VIXDISKLIB_DISK_SPLIT_SPARSE, NULL,
                                    NULL), VIX_E_NOT_SUPPORTED);
   CHECK_ERR(VixDiskLib_CreateChild(h, NULL, VIXDISKLIB_DISK_MONOLITHIC_SPARSE, NULL, NULL),
             VIX_E_INVALID_ARG);
   pr = progress(0);
   CHECK_ERR(VixDiskLib_CreateChild(h, t_path("y.vmdk"), VIXDISKLIB_DISK_MONOLITHIC_SPARSE,
                                    on_progress, &pr), VIX_E_CANCELLED);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_INT(dir_entries(), 3);                     /* base, base-flat, redo */
   struct stat st;
   CHECK(stat(t_path("redo.vmdk"), &st) == 0 && (st.st_mode & 0777) == 0600);
   VixDiskLibInfo *info = NULL;
   CHECK_OK(VixDiskLib_Open(conn, t_path("redo.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_GetInfo(h, &info));
   if (info != NULL) {
      CHECK_INT(info->numLinks, 2);
      CHECK_STR(info->parentFileNameHint, "base.vmdk");
      CHECK_INT(info->capacity, 8192);
      VixDiskLib_FreeInfo(info);
   }
   CHECK_ERR(VixDiskLib_Shrink(h, NULL, NULL), VIX_E_DISK_CANTSHRINK);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK(has_pattern(conn, t_path("redo.vmdk"), 10, 1));     /* falls through to the parent */
   write_pattern(conn, t_path("redo.vmdk"), 100, 3);
   CHECK(has_pattern(conn, t_path("redo.vmdk"), 100, 3));
   CHECK(has_pattern(conn, t_path("base.vmdk"), 100, 2));     /* the parent is unchanged */
   CHECK_OK(VixDiskLib_Disconnect(conn));
   if (t_have_qemu()) {
      char cmd[1024], out[4096];
      snprintf(cmd, sizeof cmd, "cd %s && %s info redo.vmdk 2>&1 && %s check redo.vmdk 2>&1",
               t_dir, t_qemu_img(), t_qemu_img());
      CHECK(t_run(cmd, out, sizeof out) == 0);
      CHECK(strstr(out, "backing file: base.vmdk") != NULL);
   }
}

void test_attach_puts_a_single_link_child_on_its_parent(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(8192);
   CHECK_OK(VixDiskLib_Create(conn, t_path("base.vmdk"), &p, NULL, NULL));
   CHECK_OK(VixDiskLib_Create(conn, t_path("other.vmdk"), &p, NULL, NULL));
   p.capacity = 4096;
   CHECK_OK(VixDiskLib_Create(conn, t_path("small.vmdk"), &p, NULL, NULL));
   write_pattern(conn, t_path("base.vmdk"), 10, 1);
   VixDiskLibHandle parent, child, other, small;
   CHECK_OK(VixDiskLib_Open(conn, t_path("base.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &parent));
   CHECK_OK(VixDiskLib_CreateChild(parent, t_path("redo.vmdk"),
                                   VIXDISKLIB_DISK_MONOLITHIC_SPARSE, NULL, NULL));
   write_pattern(conn, t_path("redo.vmdk"), 1000, 3);   /* grain 7: sector 10 stays unallocated */
   CHECK_OK(VixDiskLib_Open(conn, t_path("redo.vmdk"), VIXDISKLIB_FLAG_OPEN_SINGLE_LINK, &child));
   uint8 buf[512];
   CHECK_OK(VixDiskLib_Read(child, 10, 1, buf));
   CHECK(buf[0] == 0 && buf[1] == 0);                 /* one link: no parent data */
   CHECK_OK(VixDiskLib_Open(conn, t_path("other.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &other));
   CHECK_OK(VixDiskLib_Open(conn, t_path("small.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &small));
   CHECK_ERR(VixDiskLib_IsAttachPossible(other, child), VIX_E_DISK_CID_MISMATCH);
   CHECK_ERR(VixDiskLib_IsAttachPossible(small, child), VIX_E_DISK_CAPACITY_MISMATCH);
   CHECK_ERR(VixDiskLib_IsAttachPossible(child, other), VIX_E_DISK_ATTACH_ROOTLINK);
   CHECK_ERR(VixDiskLib_Attach(other, child), VIX_E_DISK_CID_MISMATCH);
   CHECK_ERR(VixDiskLib_IsAttachPossible(parent, parent), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_IsAttachPossible(parent, child));
   CHECK_INT(VixDiskLibStub_GetCounter("handles"), 4);
   CHECK_OK(VixDiskLib_Attach(parent, child));
   CHECK_INT(VixDiskLibStub_GetCounter("handles"), 3);   /* the parent handle is gone */
   CHECK_ERR(VixDiskLib_Read(parent, 0, 1, buf), VIX_E_INVALID_ARG);
   CHECK(has_pattern(conn, t_path("base.vmdk"), 10, 1));
   {
      uint8 b4[4 * 512];
      CHECK_OK(VixDiskLib_Read(child, 10, 4, b4));    /* now from the parent */
      CHECK(b4[0] == (uint8)1 && b4[1] == (uint8)14);
      VixDiskLibInfo *info = NULL;
      CHECK_OK(VixDiskLib_GetInfo(child, &info));
      CHECK(info != NULL && info->numLinks == 2);
      VixDiskLib_FreeInfo(info);
   }
   CHECK_ERR(VixDiskLib_IsAttachPossible(other, child), VIX_E_INVALID_ARG);   /* has a parent */
   CHECK_OK(VixDiskLib_Close(child));
   CHECK(has_pattern(conn, t_path("redo.vmdk"), 1000, 3));
   CHECK_OK(VixDiskLib_Open(conn, t_path("redo.vmdk"), 0, &child));
   CHECK_OK(VixDiskLib_Close(child));
   CHECK_OK(VixDiskLib_Close(other));
   CHECK_OK(VixDiskLib_Close(small));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* The descriptor embedded in a monolithicSparse file (sectors 1..20), NUL-terminated. */
static char *embedded_descriptor(const char *path)
{
   char *text = calloc(1, 20 * 512 + 1);
   int fd = open(path, O_RDONLY);
   if (text != NULL && fd >= 0 && pread(fd, text, 20 * 512, 512) < 0) {
      text[0] = '\0';
   }
   if (fd >= 0) {
      close(fd);
   }
   return text;
}

/* monolithicSparse: Shrink drops zeroed grains, Defragment rewrites in order, Grow keeps the
 * data and the disk's identity; the handle keeps working on the rewritten file. */
void test_sparse_shrink_defragment_and_grow_rewrite_the_file(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibCreateParams p = flat_params(16384);
   p.diskType = VIXDISKLIB_DISK_MONOLITHIC_SPARSE;
   const char *d = t_path("s.vmdk");
   CHECK_OK(VixDiskLib_Create(conn, d, &p, NULL, NULL));
   write_pattern(conn, d, 5000, 6);
   VixDiskLibHandle h;
   uint8 zeros[64 * 1024] = { 0 };
   CHECK_OK(VixDiskLib_Open(conn, d, 0, &h));
   for (uint64 g = 0; g < 16; g++) {                 /* 16 grains of zeros: allocated */
      CHECK_OK(VixDiskLib_Write(h, 8192 + g * 128, 128, zeros));
   }
   struct stat before, after;
   CHECK(stat(d, &before) == 0);
   Progress pr = progress(-1);
   CHECK_OK(VixDiskLib_Shrink(h, on_progress, &pr));
   CHECK(pr.monotone && pr.last == 100);
   CHECK(stat(d, &after) == 0 && after.st_size + 16 * 65536 <= before.st_size);
   uint8 buf[4 * 512];
   CHECK_OK(VixDiskLib_Read(h, 5000, 4, buf));       /* the handle reads the new file */
   CHECK(buf[0] == 6 && buf[1] == 19);
   pr = progress(-1);
   CHECK_OK(VixDiskLib_Defragment(h, on_progress, &pr));
   CHECK(pr.last == 100);
   pr = progress(0);
   CHECK_ERR(VixDiskLib_Shrink(h, on_progress, &pr), VIX_E_CANCELLED);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK(has_pattern(conn, d, 5000, 6));
   char *text = embedded_descriptor(d);
   char uuid[128] = "";
   const char *u = text != NULL ? strstr(text, "ddb.uuid") : NULL;
   if (u != NULL) {
      snprintf(uuid, sizeof uuid, "%.*s", (int)strcspn(u, "\n"), u);
   }
   free(text);
   pr = progress(-1);
   CHECK_OK(VixDiskLib_Grow(conn, d, 32768, TRUE, on_progress, &pr));
   CHECK(pr.monotone && pr.last == 100);
   CHECK_INT(capacity_of(conn, d), 32768);
   CHECK(has_pattern(conn, d, 5000, 6));
   text = embedded_descriptor(d);
   CHECK(text != NULL && uuid[0] != '\0' && strstr(text, uuid) != NULL);   /* same disk */
   free(text);
   CHECK_INT(dir_entries(), 1);
   CHECK_OK(VixDiskLib_Disconnect(conn));
   if (t_have_qemu()) {
      char cmd[1024], out[4096];
      snprintf(cmd, sizeof cmd, "%s check %s 2>&1 && %s info %s 2>&1", t_qemu_img(), d,
               t_qemu_img(), d);
      CHECK(t_run(cmd, out, sizeof out) == 0);
      CHECK(strstr(out, "virtual size: 16 MiB (16777216 bytes)") != NULL);
   }
}
