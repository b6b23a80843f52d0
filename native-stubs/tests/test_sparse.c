/* test_sparse.c -- hosted sparse (monolithicSparse) disks, delta disks and their parent
 * chains, metadata (ddb.*), QueryAllocatedBlocks. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testlib.h"

static off_t file_size(const char *path)
{
   struct stat st;
   return stat(path, &st) == 0 ? st.st_size : -1;
}

static bool all_bytes(const uint8 *buf, size_t len, uint8 value)
{
   for (size_t i = 0; i < len; i++) {
      if (buf[i] != value) {
         return false;
      }
   }
   return true;
}

static void write_sectors(VixDiskLibHandle h, uint64 start, uint64 n, uint8 value)
{
   uint8 *buf = malloc(n * 512);
   memset(buf, value, n * 512);
   CHECK_OK(VixDiskLib_Write(h, start, n, buf));
   free(buf);
}

/* Every sector of [start, start+n) reads as value. */
static bool reads_as(VixDiskLibHandle h, uint64 start, uint64 n, uint8 value)
{
   uint8 *buf = malloc(n * 512);
   bool ok = VixDiskLib_Read(h, start, n, buf) == VIX_OK && all_bytes(buf, n * 512, value);
   free(buf);
   return ok;
}

/* The allocated blocks of [0, numSectors) at chunk 128, as "offset+length," text. */
static void allocated(VixDiskLibHandle h, uint64 numSectors, char *out, size_t outLen)
{
   VixDiskLibBlockList *list = NULL;
   out[0] = '\0';
   CHECK_OK(VixDiskLib_QueryAllocatedBlocks(h, 0, numSectors, 128, &list));
   for (uint32 i = 0; list != NULL && i < list->numBlocks; i++) {
      size_t n = strlen(out);
      snprintf(out + n, outLen - n, "%llu+%llu,", (unsigned long long)list->blocks[i].offset,
               (unsigned long long)list->blocks[i].length);
   }
   CHECK_OK(VixDiskLib_FreeBlockList(list));
}

/* A monolithicSparse disk starts without grains; writes allocate whole grains at the end of
 * the file (a partial grain is zero-filled); rewrites stay in place; data persists. */
void test_sparse_disk_allocates_grains_on_write(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateSparseDisk(t_path("s.vmdk"), 131072,
                                            VIXDISKLIB_ADAPTER_SCSI_LSILOGIC));
   CHECK_ERR(VixDiskLibStub_CreateSparseDisk(t_path("s.vmdk"), 131072,
                                             VIXDISKLIB_ADAPTER_SCSI_LSILOGIC),
             VIX_E_FILE_ALREADY_EXISTS);
   struct stat st;
   CHECK(stat(t_path("s.vmdk"), &st) == 0 && (st.st_mode & 0777) == 0600);
   off_t empty = file_size(t_path("s.vmdk"));
   CHECK_INT(empty, 128 * 512);                   /* metadata only, as qemu-img makes it */
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibHandle h;
   VixDiskLibInfo *info = NULL;
   char blocks[256];
   CHECK_OK(VixDiskLib_Open(conn, t_path("s.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_GetInfo(h, &info));
   CHECK(info != NULL && info->capacity == 131072 && info->numLinks == 1 &&
         info->adapterType == VIXDISKLIB_ADAPTER_SCSI_LSILOGIC && info->physGeo.heads == 255);
   VixDiskLib_FreeInfo(info);
   CHECK(reads_as(h, 0, 256, 0));
   allocated(h, 131072, blocks, sizeof blocks);
   CHECK_STR(blocks, "");
   write_sectors(h, 300, 1, 0x31);                /* grain 2, partially */
   CHECK_INT(file_size(t_path("s.vmdk")), empty + 65536);
   CHECK(reads_as(h, 300, 1, 0x31) && reads_as(h, 256, 44, 0) && reads_as(h, 301, 83, 0));
   write_sectors(h, 127, 2, 0x32);                /* grains 0 and 1 */
   CHECK_INT(file_size(t_path("s.vmdk")), empty + 3 * 65536);
   write_sectors(h, 301, 1, 0x33);                /* rewrite in an allocated grain */
   CHECK_INT(file_size(t_path("s.vmdk")), empty + 3 * 65536);
   write_sectors(h, 131071, 1, 0x34);             /* the last sector */
   allocated(h, 131072, blocks, sizeof blocks);
   CHECK_STR(blocks, "0+384,130944+128,");
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Open(conn, t_path("s.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   CHECK(reads_as(h, 127, 2, 0x32) && reads_as(h, 300, 1, 0x31) && reads_as(h, 301, 1, 0x33) &&
         reads_as(h, 131071, 1, 0x34) && reads_as(h, 0, 127, 0) && reads_as(h, 129, 171, 0));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   /* the embedded descriptor was rewritten in place by the first write */
   int fd = open(t_path("s.vmdk"), O_RDONLY);
   char desc[20 * 512 + 1] = "";
   CHECK(pread(fd, desc, 20 * 512, 512) == 20 * 512);
   close(fd);
   CHECK(strstr(desc, "ddb.longContentID") != NULL);
   CHECK(strstr(desc, "createType=\"monolithicSparse\"") != NULL);
}

/* qemu-img/qemu-io and the stub read each other's monolithicSparse disks. */
void test_sparse_disk_interop_with_qemu(void)
{
   if (!t_have_qemu()) {
      t_skip("qemu-img/qemu-io not installed");
      return;
   }
   char cmd[2048], out[8192];
   /* qemu makes and writes it, the stub reads and writes it, qemu checks it */
   snprintf(cmd, sizeof cmd, "%s create -q -f vmdk -o subformat=monolithicSparse %s 64M 2>&1 && "
            "%s -f vmdk -c 'write -P 7 1M 64K' %s 2>&1", t_qemu_img(), t_path("q.vmdk"),
            t_qemu_io(), t_path("q.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0);
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibHandle h;
   VixDiskLibInfo *info = NULL;
   char blocks[256];
   CHECK_OK(VixDiskLib_Open(conn, t_path("q.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_GetInfo(h, &info));
   CHECK(info != NULL && info->capacity == 131072 && info->adapterType == VIXDISKLIB_ADAPTER_IDE);
   VixDiskLib_FreeInfo(info);
   CHECK(reads_as(h, 2048, 128, 7) && reads_as(h, 0, 2048, 0));
   allocated(h, 131072, blocks, sizeof blocks);
   CHECK_STR(blocks, "2048+128,");
   write_sectors(h, 4100, 10, 9);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   snprintf(cmd, sizeof cmd, "%s -f vmdk -c 'read -P 7 1M 64K' -c 'read -P 9 %d 5120' "
            "-c 'read -P 0 %d 2048' %s 2>&1", t_qemu_io(), 4100 * 512, 4096 * 512,
            t_path("q.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0 && strstr(out, "Pattern verification failed") == NULL);
   snprintf(cmd, sizeof cmd, "%s check %s 2>&1", t_qemu_img(), t_path("q.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0);
   /* the stub makes and writes it, qemu reads it */
   CHECK_OK(VixDiskLibStub_CreateSparseDisk(t_path("s.vmdk"), 20480, VIXDISKLIB_ADAPTER_IDE));
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   CHECK_OK(VixDiskLib_Open(conn, t_path("s.vmdk"), 0, &h));
   write_sectors(h, 1, 3, 0x41);
   write_sectors(h, 20000, 480, 0x42);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   snprintf(cmd, sizeof cmd, "%s info %s 2>&1 && %s check %s 2>&1 && %s -f vmdk "
            "-c 'read -P 0 0 512' -c 'read -P 65 512 1536' -c 'read -P 0 2048 1024' "
            "-c 'read -P 66 %d %d' %s 2>&1", t_qemu_img(), t_path("s.vmdk"), t_qemu_img(),
            t_path("s.vmdk"), t_qemu_io(), 20000 * 512, 480 * 512, t_path("s.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0 && strstr(out, "Pattern verification failed") == NULL);
   CHECK(strstr(out, "virtual size: 10 MiB") != NULL);
   CHECK(strstr(out, "create type: monolithicSparse") != NULL);
   /* qemu writes into the stub's disk, the stub reads it */
   snprintf(cmd, sizeof cmd, "%s -f vmdk -c 'write -P 67 4M 4K' %s 2>&1", t_qemu_io(),
            t_path("s.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0);
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   CHECK_OK(VixDiskLib_Open(conn, t_path("s.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   CHECK(reads_as(h, 8192, 8, 67) && reads_as(h, 1, 3, 0x41) && reads_as(h, 20000, 480, 0x42));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* A delta disk: unwritten sectors come from the parent; a partial write of a new grain keeps
 * the parent's data in the rest of the grain; the parent is never written; GetInfo shows the
 * chain; SINGLE_LINK opens the child alone; a changed or missing parent is refused. */
void test_delta_disk_reads_fall_through_to_parent(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateSparseDisk(t_path("p.vmdk"), 4096, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibHandle h, c;
   CHECK_OK(VixDiskLib_Open(conn, t_path("p.vmdk"), 0, &h));
   write_sectors(h, 0, 256, 0x11);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLibStub_CreateChildDisk(t_path("c.vmdk"), "p.vmdk"));
   CHECK_OK(VixDiskLib_Open(conn, t_path("c.vmdk"), 0, &c));
   VixDiskLibInfo *info = NULL;
   CHECK_OK(VixDiskLib_GetInfo(c, &info));
   CHECK(info != NULL && info->numLinks == 2 && info->capacity == 4096 &&
         info->adapterType == VIXDISKLIB_ADAPTER_IDE);
   CHECK_STR(info != NULL ? info->parentFileNameHint : NULL, "p.vmdk");
   VixDiskLib_FreeInfo(info);
   CHECK(reads_as(c, 0, 256, 0x11) && reads_as(c, 256, 100, 0));
   write_sectors(c, 10, 1, 0x22);
   write_sectors(c, 1000, 1, 0x23);
   CHECK(reads_as(c, 0, 10, 0x11) && reads_as(c, 10, 1, 0x22) && reads_as(c, 11, 245, 0x11) &&
         reads_as(c, 1000, 1, 0x23) && reads_as(c, 999, 1, 0));
   char blocks[256];
   allocated(c, 4096, blocks, sizeof blocks);       /* the chain: parent's and child's */
   CHECK_STR(blocks, "0+256,896+128,");
   CHECK_OK(VixDiskLib_Close(c));
   /* the parent did not change */
   CHECK_OK(VixDiskLib_Open(conn, t_path("p.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   CHECK(reads_as(h, 10, 1, 0x11) && reads_as(h, 1000, 1, 0));
   CHECK_OK(VixDiskLib_Close(h));
   /* SINGLE_LINK: the child alone */
   CHECK_OK(VixDiskLib_Open(conn, t_path("c.vmdk"),
                            VIXDISKLIB_FLAG_OPEN_SINGLE_LINK | VIXDISKLIB_FLAG_OPEN_READ_ONLY, &c));
   CHECK_OK(VixDiskLib_GetInfo(c, &info));
   CHECK(info != NULL && info->numLinks == 1);
   CHECK_STR(info != NULL ? info->parentFileNameHint : NULL, "p.vmdk");
   VixDiskLib_FreeInfo(info);
   /* grain 0 was copied from the parent on the child's first write into it; grain 1 not */
   CHECK(reads_as(c, 0, 10, 0x11) && reads_as(c, 10, 1, 0x22) && reads_as(c, 11, 117, 0x11) &&
         reads_as(c, 128, 128, 0));
   allocated(c, 4096, blocks, sizeof blocks);
   CHECK_STR(blocks, "0+128,896+128,");
   CHECK_OK(VixDiskLib_Close(c));
   /* a grandchild: three links */
   CHECK_OK(VixDiskLibStub_CreateChildDisk(t_path("g.vmdk"), t_path("c.vmdk")));
   CHECK_OK(VixDiskLib_Open(conn, t_path("g.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &c));
   CHECK_OK(VixDiskLib_GetInfo(c, &info));
   CHECK(info != NULL && info->numLinks == 3);
   VixDiskLib_FreeInfo(info);
   CHECK(reads_as(c, 10, 1, 0x22) && reads_as(c, 20, 1, 0x11));
   CHECK_OK(VixDiskLib_Close(c));
   /* writing the parent changes its CID: the child no longer matches (16008) */
   CHECK_OK(VixDiskLib_Open(conn, t_path("p.vmdk"), 0, &h));
   write_sectors(h, 3000, 1, 0x55);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_ERR(VixDiskLib_Open(conn, t_path("c.vmdk"), 0, &c), VIX_E_DISK_CID_MISMATCH);
   unlink(t_path("p.vmdk"));
   CHECK_ERR(VixDiskLib_Open(conn, t_path("c.vmdk"), 0, &c), VIX_E_DISK_OPENPARENT);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* Delta disks interoperate with qemu: qemu reads the stub's child through its parent, and a
 * child qemu-img makes (-b) opens in the stub with the parent's data. */
void test_delta_disk_interop_with_qemu(void)
{
   if (!t_have_qemu()) {
      t_skip("qemu-img/qemu-io not installed");
      return;
   }
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("p.vmdk"), 2048, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("p.vmdk"), 0, &h));
   write_sectors(h, 0, 64, 0x61);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLibStub_CreateChildDisk(t_path("c.vmdk"), "p.vmdk"));
   CHECK_OK(VixDiskLib_Open(conn, t_path("c.vmdk"), 0, &h));
   write_sectors(h, 32, 1, 0x62);
   CHECK_OK(VixDiskLib_Close(h));
   char cmd[2048], out[8192];
   snprintf(cmd, sizeof cmd, "%s info %s 2>&1 && %s -f vmdk -r -c 'read -P 97 0 16K' "
            "-c 'read -P 98 16K 512' -c 'read -P 97 16896 15872' -c 'read -P 0 32K 32K' %s 2>&1",
            t_qemu_img(), t_path("c.vmdk"), t_qemu_io(), t_path("c.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0 && strstr(out, "Pattern verification failed") == NULL);
   CHECK(strstr(out, "backing file: p.vmdk") != NULL);
   /* qemu's child of the stub's parent */
   snprintf(cmd, sizeof cmd, "%s create -q -f vmdk -b p.vmdk -F vmdk %s 2>&1 && "
            "%s -f vmdk -c 'write -P 99 4096 512' %s 2>&1", t_qemu_img(), t_path("q.vmdk"),
            t_qemu_io(), t_path("q.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0);
   CHECK_OK(VixDiskLib_Open(conn, t_path("q.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   VixDiskLibInfo *info = NULL;
   CHECK_OK(VixDiskLib_GetInfo(h, &info));
   CHECK(info != NULL && info->numLinks == 2);
   VixDiskLib_FreeInfo(info);
   CHECK(reads_as(h, 0, 8, 0x61) && reads_as(h, 8, 1, 99) && reads_as(h, 9, 55, 0x61) &&
         reads_as(h, 64, 64, 0));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* The key list: NUL-separated, without "ddb.", ending with an empty string. */
static bool has_key(const char *list, const char *key)
{
   for (const char *k = list; *k != '\0'; k += strlen(k) + 1) {
      if (strcmp(k, key) == 0) {
         return true;
      }
   }
   return false;
}

/* The disks of the metadata tests: DISKS[0] monolithicFlat (a text descriptor), DISKS[1]
 * monolithicSparse (an embedded one); returns a local connection. */
static const char *const DISKS[] = { "f.vmdk", "s.vmdk" };

static VixDiskLibConnection metadata_fixture(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("f.vmdk"), 2048,
                                          VIXDISKLIB_ADAPTER_SCSI_LSILOGIC));
   CHECK_OK(VixDiskLibStub_CreateSparseDisk(t_path("s.vmdk"), 2048,
                                            VIXDISKLIB_ADAPTER_SCSI_LSILOGIC));
   VixDiskLibConnection conn = t_local_connection();
   return conn;
}

/* GetMetadataKeys / ReadMetadata / WriteMetadata: names without "ddb.", the two-call size
 * protocol with requiredLen and 24, values that persist and leave the disk readable by
 * qemu-img, on a text descriptor and on one embedded in a sparse file. */
void test_metadata_keys_read_write(void)
{
   VixDiskLibConnection conn = metadata_fixture();
   for (int d = 0; d < 2; d++) {
      VixDiskLibHandle h;
      CHECK_OK(VixDiskLib_Open(conn, t_path(DISKS[d]), 0, &h));
      size_t need = 0;
      CHECK_ERR(VixDiskLib_GetMetadataKeys(h, NULL, 0, &need), VIX_E_BUFFER_TOOSMALL);
      CHECK(need > 10);
      char *keys = malloc(need);
      CHECK_ERR(VixDiskLib_GetMetadataKeys(h, keys, need - 1, &need), VIX_E_BUFFER_TOOSMALL);
      size_t need2 = 0;
      CHECK_OK(VixDiskLib_GetMetadataKeys(h, keys, need, &need2));
      CHECK_INT(need2, need);
      CHECK(keys[need - 1] == '\0' && keys[need - 2] == '\0');
      CHECK(has_key(keys, "adapterType") && has_key(keys, "geometry.cylinders") &&
            has_key(keys, "virtualHWVersion") && has_key(keys, "uuid"));
      CHECK(!has_key(keys, "ddb.adapterType") && !has_key(keys, "createType") &&
            !has_key(keys, "CID"));
      free(keys);
      char val[64];
      size_t vneed = 0;
      CHECK_ERR(VixDiskLib_ReadMetadata(h, "adapterType", NULL, 0, &vneed),
                VIX_E_BUFFER_TOOSMALL);
      CHECK_INT(vneed, strlen("lsilogic") + 1);
      CHECK_ERR(VixDiskLib_ReadMetadata(h, "adapterType", val, 3, &vneed),
                VIX_E_BUFFER_TOOSMALL);
      CHECK_OK(VixDiskLib_ReadMetadata(h, "adapterType", val, sizeof val, &vneed));
      CHECK_STR(val, "lsilogic");
      CHECK_ERR(VixDiskLib_ReadMetadata(h, "noSuchKey", val, sizeof val, &vneed),
                VIX_E_DISK_KEY_NOTFOUND);
      CHECK_OK(VixDiskLib_WriteMetadata(h, "vddk4j.backup", "run 42, full"));
      CHECK_OK(VixDiskLib_WriteMetadata(h, "geometry.biosHeads", "255"));
      CHECK_OK(VixDiskLib_ReadMetadata(h, "vddk4j.backup", val, sizeof val, &vneed));
      CHECK_STR(val, "run 42, full");
      CHECK_ERR(VixDiskLib_WriteMetadata(h, "bad key", "x"), VIX_E_INVALID_ARG);
      CHECK_ERR(VixDiskLib_WriteMetadata(h, "k", "a \"quoted\" value"), VIX_E_INVALID_ARG);
      CHECK_ERR(VixDiskLib_WriteMetadata(h, "k", "two\nlines"), VIX_E_INVALID_ARG);
      CHECK_ERR(VixDiskLib_ReadMetadata(h, NULL, val, sizeof val, &vneed), VIX_E_INVALID_ARG);
      CHECK_OK(VixDiskLib_Close(h));
      /* persisted; read-only handles read but do not write */
      CHECK_OK(VixDiskLib_Open(conn, t_path(DISKS[d]), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
      CHECK_OK(VixDiskLib_ReadMetadata(h, "vddk4j.backup", val, sizeof val, &vneed));
      CHECK_STR(val, "run 42, full");
      VixDiskLibInfo *info = NULL;
      CHECK_OK(VixDiskLib_GetInfo(h, &info));
      CHECK(info != NULL && info->biosGeo.heads == 255);
      VixDiskLib_FreeInfo(info);
      CHECK_ERR(VixDiskLib_WriteMetadata(h, "vddk4j.backup", "x"), VIX_E_FILE_READ_ONLY);
      size_t keysNeed = 0;
      CHECK_ERR(VixDiskLib_GetMetadataKeys(h, NULL, 0, &keysNeed), VIX_E_BUFFER_TOOSMALL);
      keys = malloc(keysNeed);
      CHECK_OK(VixDiskLib_GetMetadataKeys(h, keys, keysNeed, NULL));
      CHECK(has_key(keys, "vddk4j.backup"));
      free(keys);
      CHECK_OK(VixDiskLib_Close(h));
   }
   CHECK_OK(VixDiskLib_Disconnect(conn));
   char *text = t_read_file(t_path("f.vmdk"));
   CHECK(text != NULL && strstr(text, "\nddb.vddk4j.backup = \"run 42, full\"\n") != NULL);
   free(text);
   if (t_have_qemu()) {
      char cmd[1024], out[4096];
      snprintf(cmd, sizeof cmd, "%s info %s 2>&1 && %s info %s 2>&1", t_qemu_img(),
               t_path("f.vmdk"), t_qemu_img(), t_path("s.vmdk"));
      CHECK(t_run(cmd, out, sizeof out) == 0);
   }
}

/* QueryAllocatedBlocks' chunk rules (3 for each violation), FreeBlockList, and a flat disk
 * reported allocated throughout as VDDK 9.0 does. */
void test_query_allocated_blocks_chunk_rules(void)
{
   t_init(NULL);
   const uint64 big = 128ULL * (512 * 1024 + 1);  /* one chunk more than a call may ask */
   CHECK_OK(VixDiskLibStub_CreateSparseDisk(t_path("s.vmdk"), big, VIXDISKLIB_ADAPTER_IDE));
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("f.vmdk"), 1000, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibHandle h;
   VixDiskLibBlockList *list = NULL;
   CHECK_OK(VixDiskLib_Open(conn, t_path("s.vmdk"), 0, &h));
   CHECK_ERR(VixDiskLib_QueryAllocatedBlocks(h, 0, 1024, 100, &list), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_QueryAllocatedBlocks(h, 0, 1536, 192, &list), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_QueryAllocatedBlocks(h, 0, 256 * 1024, 256 * 1024, &list),
             VIX_E_INVALID_ARG);                  /* above VIXDISKLIB_MAX_CHUNK_SIZE */
   CHECK_ERR(VixDiskLib_QueryAllocatedBlocks(h, 64, 1024, 128, &list), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_QueryAllocatedBlocks(h, 0, 200, 128, &list), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_QueryAllocatedBlocks(h, 0, 0, 128, &list), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_QueryAllocatedBlocks(h, 0, big, 128, &list), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_QueryAllocatedBlocks(h, big - 128, 256, 128, &list), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_QueryAllocatedBlocks(h, 0, 1024, 128, NULL), VIX_E_INVALID_ARG);
   CHECK(list == NULL);
   write_sectors(h, 5000, 1, 1);
   write_sectors(h, big - 1, 1, 2);
   CHECK_OK(VixDiskLib_QueryAllocatedBlocks(h, 0, 512 * 1024 * 128ULL, 128, &list));
   CHECK(list != NULL && list->numBlocks == 1 && list->blocks[0].offset == 4992 &&
         list->blocks[0].length == 128);
   CHECK_INT(VixDiskLibStub_GetCounter("blockLists"), 1);
   CHECK_OK(VixDiskLib_FreeBlockList(list));
   CHECK_ERR(VixDiskLib_FreeBlockList(list), VIX_E_INVALID_ARG);   /* double free: logged */
   CHECK(t_logs_count(1, "not returned by QueryAllocatedBlocks") == 1);
   CHECK_ERR(VixDiskLib_FreeBlockList(NULL), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_QueryAllocatedBlocks(h, 4096, 4096, 4096, &list));   /* big chunks */
   CHECK(list != NULL && list->numBlocks == 1 && list->blocks[0].offset == 4096 &&
         list->blocks[0].length == 4096);
   CHECK_OK(VixDiskLib_FreeBlockList(list));
   CHECK_OK(VixDiskLib_QueryAllocatedBlocks(h, big - 128, 128, 128, &list));
   CHECK(list != NULL && list->numBlocks == 1);
   CHECK_OK(VixDiskLib_FreeBlockList(list));
   CHECK_OK(VixDiskLib_Close(h));
   /* flat: every whole chunk allocated (the 104-sector tail is for the caller to assume) */
   CHECK_OK(VixDiskLib_Open(conn, t_path("f.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   CHECK_OK(VixDiskLib_QueryAllocatedBlocks(h, 0, 896, 128, &list));
   CHECK(list != NULL && list->numBlocks == 1 && list->blocks[0].offset == 0 &&
         list->blocks[0].length == 896);
   CHECK_OK(VixDiskLib_FreeBlockList(list));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* ReadMetadata returns a value whole, however long (the two-call protocol with 24); a
 * WriteMetadata that would make the descriptor too large to load again (text) or to fit its
 * reserved space (sparse) is refused with VIX_E_DISK_FULL and changes nothing: the disk still
 * opens, renames and unlinks. */
void test_metadata_values_are_read_whole_and_oversized_ones_refused(void)
{
   VixDiskLibConnection conn = metadata_fixture();
   size_t bigLen = 1024 * 1024, longLen = 70000;
   char *big = malloc(bigLen + 1), *longValue = malloc(longLen + 1);
   memset(big, 'x', bigLen);
   big[bigLen] = '\0';
   memset(longValue, 'y', longLen);
   longValue[longLen] = '\0';
   for (int d = 0; d < 2; d++) {
      VixDiskLibHandle h;
      size_t need = 0;
      CHECK_OK(VixDiskLib_Open(conn, t_path(DISKS[d]), 0, &h));
      CHECK_ERR(VixDiskLib_WriteMetadata(h, "big", big), VIX_E_DISK_FULL);
      CHECK_ERR(VixDiskLib_ReadMetadata(h, "big", NULL, 0, &need), VIX_E_DISK_KEY_NOTFOUND);
      /* 70000 bytes fit a text descriptor, not the space reserved in a small sparse file */
      CHECK_ERR(VixDiskLib_WriteMetadata(h, "long", longValue),
                d == 0 ? VIX_OK : VIX_E_DISK_FULL);
      CHECK_OK(VixDiskLib_Close(h));
      CHECK_OK(VixDiskLib_Open(conn, t_path(DISKS[d]), 0, &h));
      if (d == 0) {
         CHECK_ERR(VixDiskLib_ReadMetadata(h, "long", NULL, 0, &need), VIX_E_BUFFER_TOOSMALL);
         CHECK_INT(need, longLen + 1);
         char *buf = malloc(need);
         CHECK_ERR(VixDiskLib_ReadMetadata(h, "long", buf, need - 1, &need),
                   VIX_E_BUFFER_TOOSMALL);
         CHECK_OK(VixDiskLib_ReadMetadata(h, "long", buf, need, &need));
         CHECK(strcmp(buf, longValue) == 0);
         free(buf);
      }
      CHECK_OK(VixDiskLib_Close(h));
   }
   CHECK_OK(VixDiskLib_Rename(t_path("f.vmdk"), t_path("g.vmdk")));
   CHECK_OK(VixDiskLib_Unlink(conn, t_path("g.vmdk")));
   CHECK_OK(VixDiskLib_Unlink(conn, t_path("s.vmdk")));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   free(big);
   free(longValue);
}
