/* test_disk.c -- behaviour 7 (sector I/O on real monolithicFlat files), GetInfo,
 * descriptor rewrite, qemu-img interoperability, read cache. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

static VixDiskLibConnection local_connection(void)
{
   VixDiskLibConnection conn = NULL;
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   return conn;
}

static void fill(uint8 *buf, size_t len, unsigned seed)
{
   for (size_t i = 0; i < len; i++) {
      buf[i] = (uint8)(i * 7 + seed);
   }
}

/* 7: data written through Write is in the flat extent at sector*512 and reads back. */
void test_b7_read_write_sectors_of_flat_extent(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 4096, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn = local_connection();
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   CHECK_STR(VixDiskLib_GetTransportMode(h), "file");
   uint8 out[3 * 512], in[3 * 512];
   fill(out, sizeof out, 3);
   CHECK_OK(VixDiskLib_Write(h, 100, 3, out));
   CHECK_OK(VixDiskLib_Read(h, 100, 3, in));
   CHECK(memcmp(in, out, sizeof out) == 0);
   CHECK_OK(VixDiskLib_Flush(h));
   /* the bytes are really in the flat file, at offset 100*512 */
   int fd = open(t_path("d-flat.vmdk"), O_RDONLY);
   uint8 raw[3 * 512];
   CHECK(pread(fd, raw, sizeof raw, 100 * 512) == (ssize_t)sizeof raw);
   close(fd);
   CHECK(memcmp(raw, out, sizeof out) == 0);
   /* unwritten sectors of the sparse extent read as zeros */
   CHECK_OK(VixDiskLib_Read(h, 4095, 1, in));
   CHECK(in[0] == 0 && in[511] == 0);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* 7: bounds: past the end (wholly or partly) -> 16007; zero sectors -> OK; NULL -> 3. */
void test_b7_out_of_range_and_edge_cases(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 1024, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn = local_connection();
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   uint8 buf[1024];
   CHECK_ERR(VixDiskLib_Read(h, 1024, 1, buf), VIX_E_DISK_OUTOFRANGE);
   CHECK_ERR(VixDiskLib_Read(h, 1023, 2, buf), VIX_E_DISK_OUTOFRANGE);
   CHECK_ERR(VixDiskLib_Write(h, 1023, 2, buf), VIX_E_DISK_OUTOFRANGE);
   CHECK_ERR(VixDiskLib_Read(h, UINT64_MAX, 2, buf), VIX_E_DISK_OUTOFRANGE);
   CHECK_OK(VixDiskLib_Read(h, 1023, 1, buf));
   CHECK_OK(VixDiskLib_Read(h, 5, 0, buf));
   CHECK_ERR(VixDiskLib_Read(h, 0, 1, NULL), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_Write(h, 0, 1, NULL), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_ERR(VixDiskLib_Read(h, 0, 1, buf), VIX_E_INVALID_ARG);   /* stale handle */
   CHECK_ERR(VixDiskLib_Close(h), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* 7: read-only handles (flag or read-only connection) refuse writes with 11. */
void test_b7_write_on_read_only_handle_fails(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn = local_connection(), roConn;
   VixDiskLibHandle h;
   uint8 buf[512] = { 1 };
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   CHECK_ERR(VixDiskLib_Write(h, 0, 1, buf), VIX_E_FILE_READ_ONLY);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_ConnectEx(NULL, TRUE, NULL, NULL, &roConn));
   CHECK_OK(VixDiskLib_Open(roConn, t_path("d.vmdk"), 0, &h));
   CHECK_ERR(VixDiskLib_Write(h, 0, 1, buf), VIX_E_FILE_READ_ONLY);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(roConn));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

void test_open_errors_missing_and_wrong_type(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = local_connection();
   VixDiskLibHandle h;
   CHECK_ERR(VixDiskLib_Open(conn, t_path("none.vmdk"), 0, &h), VIX_E_FILE_NOT_FOUND);
   t_write_file(t_path("junk.vmdk"), "hello world\n");
   CHECK_ERR(VixDiskLib_Open(conn, t_path("junk.vmdk"), 0, &h), VIX_E_DISK_INVALIDDISK);
   t_write_file(t_path("sparse.vmdk"), "# Disk DescriptorFile\nversion=1\nCID=1\n"
                "createType=\"twoGbMaxExtentSparse\"\nRW 100 SPARSE \"s-s001.vmdk\"\n");
   CHECK_ERR(VixDiskLib_Open(conn, t_path("sparse.vmdk"), 0, &h), VIX_E_FILE_NOT_FOUND);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   unlink(t_path("d-flat.vmdk"));
   CHECK_ERR(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h), VIX_E_FILE_NOT_FOUND);
   CHECK_ERR(VixDiskLib_Open(conn, NULL, 0, &h), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_Open(NULL, t_path("d.vmdk"), 0, &h), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE),
             VIX_E_FILE_ALREADY_EXISTS);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* The first write rewrites the descriptor: new CID, longContentID, encoding; atomically. */
void test_first_write_rewrites_descriptor(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   chmod(t_path("d.vmdk"), 0640);
   char *before = t_read_file(t_path("d.vmdk"));
   VixDiskLibConnection conn = local_connection();
   VixDiskLibHandle h;
   uint8 buf[512] = { 1 };
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_Read(h, 0, 1, buf));
   char *afterRead = t_read_file(t_path("d.vmdk"));
   CHECK_STR(afterRead, before);                   /* reads change nothing */
   CHECK_OK(VixDiskLib_Write(h, 0, 1, buf));
   char *after = t_read_file(t_path("d.vmdk"));
   CHECK(after != NULL && strstr(after, "ddb.longContentID = \"") != NULL);
   CHECK(after != NULL && strstr(after, "ddb.encoding = \"UTF-8\"") != NULL);
   CHECK(after != NULL && strstr(after, "createType=\"monolithicFlat\"") != NULL);
   const char *cid1 = strstr(before, "CID="), *cid2 = after ? strstr(after, "CID=") : NULL;
   CHECK(cid2 != NULL && strncmp(cid1, cid2, 12) != 0);
   struct stat st;
   CHECK(stat(t_path("d.vmdk"), &st) == 0 && (st.st_mode & 0777) == 0640);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   free(before);
   free(afterRead);
   free(after);
}

void test_getinfo_of_created_disk(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 131072,
                                          VIXDISKLIB_ADAPTER_SCSI_LSILOGIC));
   VixDiskLibConnection conn = local_connection();
   VixDiskLibHandle h;
   VixDiskLibInfo *info = NULL;
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_GetInfo(h, &info));
   CHECK_INT(VixDiskLibStub_GetCounter("infos"), 1);
   CHECK_INT(info->capacity, 131072);
   CHECK_INT(info->adapterType, VIXDISKLIB_ADAPTER_SCSI_LSILOGIC);
   CHECK_INT(info->physGeo.heads, 255);
   CHECK_INT(info->physGeo.sectors, 63);
   CHECK_INT(info->physGeo.cylinders, 131072 / (255 * 63));
   CHECK_INT(info->biosGeo.cylinders, 0);
   CHECK_INT(info->numLinks, 1);
   CHECK(info->parentFileNameHint == NULL);
   CHECK(info->uuid != NULL && strlen(info->uuid) == 47);
#if VIXDISKLIB_VERSION_MAJOR >= 7
   CHECK_INT(info->logicalSectorSize, 512);
   CHECK_INT(info->physicalSectorSize, 512);
   CHECK_INT(sizeof *info, 64);
#else
   CHECK_INT(sizeof *info, 56);                    /* VDDK 6.7: no sector sizes */
#endif
   VixDiskLib_FreeInfo(info);
   VixDiskLib_FreeInfo(info);                      /* double free: logged, ignored */
   CHECK(t_logs_count(1, "not returned by GetInfo") == 1);
   CHECK_INT(VixDiskLibStub_GetCounter("infos"), 0);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* Interop: a disk made by qemu-img opens in the stub with the expected GetInfo... */
void test_qemu_img_disk_opens_in_stub(void)
{
   if (!t_have_qemu()) {
      t_skip("qemu-img not installed");
      return;
   }
   char cmd[1024], out[4096];
   snprintf(cmd, sizeof cmd, "%s create -q -f vmdk -o subformat=monolithicFlat %s 64M 2>&1",
            t_qemu_img(), t_path("q.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0);
   t_init(NULL);
   VixDiskLibConnection conn = local_connection();
   VixDiskLibHandle h;
   VixDiskLibInfo *info = NULL;
   CHECK_OK(VixDiskLib_Open(conn, t_path("q.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_GetInfo(h, &info));
   if (info != NULL) {
      CHECK_INT(info->capacity, 131072);
      CHECK_INT(info->physGeo.cylinders, 130);
      CHECK_INT(info->physGeo.heads, 16);
      CHECK_INT(info->physGeo.sectors, 63);
      CHECK_INT(info->biosGeo.heads, 0);
      CHECK_INT(info->adapterType, VIXDISKLIB_ADAPTER_IDE);
      CHECK(info->uuid == NULL);
      CHECK(info->parentFileNameHint == NULL);
      VixDiskLib_FreeInfo(info);
   }
   uint8 buf[512];
   fill(buf, sizeof buf, 42);
   CHECK_OK(VixDiskLib_Write(h, 131071, 1, buf));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   /* ...and stays a valid vmdk for qemu-img after the stub's descriptor rewrite */
   snprintf(cmd, sizeof cmd, "%s info %s 2>&1", t_qemu_img(), t_path("q.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0);
   CHECK(strstr(out, "file format: vmdk") != NULL);
   CHECK(strstr(out, "virtual size: 64 MiB (67108864 bytes)") != NULL);
   snprintf(cmd, sizeof cmd, "%s convert -O raw %s %s 2>&1", t_qemu_img(), t_path("q.vmdk"),
            t_path("last.raw"));
   CHECK(t_run(cmd, out, sizeof out) == 0);
   {
      int fd = open(t_path("last.raw"), O_RDONLY);
      uint8 raw[512];
      CHECK(pread(fd, raw, 512, 131071LL * 512) == 512 && memcmp(raw, buf, 512) == 0);
      close(fd);
   }
}

/* ...and a disk made by the stub is a vmdk of the right size for qemu-img. */
void test_stub_disk_opens_in_qemu_img(void)
{
   if (!t_have_qemu()) {
      t_skip("qemu-img not installed");
      return;
   }
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("s.vmdk"), 20480,
                                          VIXDISKLIB_ADAPTER_SCSI_BUSLOGIC));
   char cmd[1024], out[4096];
   snprintf(cmd, sizeof cmd, "%s info %s 2>&1", t_qemu_img(), t_path("s.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0);
   CHECK(strstr(out, "file format: vmdk") != NULL);
   CHECK(strstr(out, "virtual size: 10 MiB (10485760 bytes)") != NULL);
   CHECK(strstr(out, "create type: monolithicFlat") != NULL);
   struct stat st;
   CHECK(stat(t_path("s.vmdk"), &st) == 0 && (st.st_mode & 0777) == 0600);
   CHECK(stat(t_path("s-flat.vmdk"), &st) == 0 && (st.st_mode & 0777) == 0600 &&
         st.st_size == 20480LL * 512 && st.st_blocks < 64);   /* sparse */
}

/* vixDiskLib.disklib.EnableCache=1: a handle's cache serves stale data after the disk
 * changed under it, as the guide warns; its own writes are seen. */
void test_enable_cache_serves_stale_data(void)
{
   t_init("vixDiskLib.disklib.EnableCache = 1\n");
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 1024, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn = local_connection();
   VixDiskLibHandle reader, writer;
   uint8 a[512], b[512], in[512];
   fill(a, 512, 1);
   fill(b, 512, 2);
   /* A reader and a writer cannot share a disk (locks), so another program changes the
    * extent behind the reader's back. */
   int fd = open(t_path("d-flat.vmdk"), O_WRONLY);
   CHECK(fd >= 0 && pwrite(fd, a, 512, 10 * 512) == 512);
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &reader));
   CHECK_OK(VixDiskLib_Read(reader, 10, 1, in));
   CHECK(memcmp(in, a, 512) == 0);                     /* cached now */
   CHECK(pwrite(fd, b, 512, 10 * 512) == 512);
   close(fd);
   CHECK_OK(VixDiskLib_Read(reader, 10, 1, in));
   CHECK(memcmp(in, a, 512) == 0);                     /* stale */
   CHECK_OK(VixDiskLib_Close(reader));
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &writer));
   CHECK_OK(VixDiskLib_Read(writer, 10, 1, in));
   CHECK(memcmp(in, b, 512) == 0);
   CHECK_OK(VixDiskLib_Write(writer, 10, 1, a));
   CHECK_OK(VixDiskLib_Read(writer, 10, 1, in));
   CHECK(memcmp(in, a, 512) == 0);                     /* own write seen */
   CHECK_OK(VixDiskLib_Close(writer));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* Different handles do I/O in parallel without a global lock (smoke test, no timing). */
typedef struct {
   VixDiskLibHandle h;
   unsigned seed;
   int errors;
} Worker;

static void *io_worker(void *arg)
{
   Worker *w = arg;
   uint8 out[8 * 512], in[8 * 512];
   for (int i = 0; i < 200; i++) {
      fill(out, sizeof out, w->seed + (unsigned)i);
      if (VixDiskLib_Write(w->h, (uint64)(i % 100) * 8, 8, out) != VIX_OK ||
          VixDiskLib_Read(w->h, (uint64)(i % 100) * 8, 8, in) != VIX_OK ||
          memcmp(in, out, sizeof in) != 0) {
         w->errors++;
      }
   }
   return NULL;
}

void test_parallel_io_on_different_handles(void)
{
   t_init(NULL);
   VixDiskLibConnection conn = local_connection();
   Worker w[4];
   pthread_t threads[4];
   for (int i = 0; i < 4; i++) {
      char name[32];
      snprintf(name, sizeof name, "d%d.vmdk", i);
      CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path(name), 1024, VIXDISKLIB_ADAPTER_IDE));
      w[i] = (Worker){ NULL, (unsigned)i * 11, 0 };
      CHECK_OK(VixDiskLib_Open(conn, t_path(name), 0, &w[i].h));
   }
   for (int i = 0; i < 4; i++) {
      pthread_create(&threads[i], NULL, io_worker, &w[i]);
   }
   for (int i = 0; i < 4; i++) {
      pthread_join(threads[i], NULL);
      CHECK_INT(w[i].errors, 0);
      CHECK_OK(VixDiskLib_Close(w[i].h));
   }
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* One errno -> VixError mapping for every file operation: a file name longer than the
 * filesystem allows is VIX_E_FILE_NAME_INVALID whether Create, Open or the open of an extent
 * named in a descriptor meets it. */
void test_file_errors_map_alike_in_every_function(void)
{
   t_init(NULL);
   char name[300];
   memset(name, 'n', 290);
   strcpy(name + 290, ".vmdk");
   VixDiskLibConnection conn = local_connection();
   VixDiskLibCreateParams p = { .diskType = VIXDISKLIB_DISK_MONOLITHIC_SPARSE,
                                .adapterType = VIXDISKLIB_ADAPTER_SCSI_LSILOGIC,
                                .hwVersion = 7, .capacity = 2048 };
   VixDiskLibHandle h = NULL;
   CHECK_ERR(VixDiskLib_Create(conn, t_path(name), &p, NULL, NULL), VIX_E_FILE_NAME_INVALID);
   CHECK_ERR(VixDiskLib_Open(conn, t_path(name), 0, &h), VIX_E_FILE_NAME_INVALID);
   char text[1024];
   snprintf(text, sizeof text, "# Disk DescriptorFile\nversion=1\nCID=fffffffe\n"
            "parentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\nRW 2048 FLAT \"%s\" 0\n",
            name);
   t_write_file(t_path("d.vmdk"), text);
   CHECK_ERR(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h), VIX_E_FILE_NAME_INVALID);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* Under CI=true the interop tests must not skip silently: t_have_qemu without qemu-img fails
 * the running test. Elsewhere a missing qemu only skips. */
void test_missing_qemu_fails_under_ci(void)
{
   setenv("QEMU_IMG", "/nonexistent/qemu-img", 1);
   setenv("CI", "false", 1);
   int before = t_current_failed;
   CHECK(!t_have_qemu());
   CHECK_INT(t_current_failed, before);
   setenv("CI", "true", 1);
   bool have = t_have_qemu();
   int failures = t_current_failed - before;
   t_current_failed = before;   /* the failure was the point */
   CHECK(!have);
   CHECK_INT(failures, 1);
}
