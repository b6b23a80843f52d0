/* test_format.c -- the disk format layer: descriptor grammar (what VDDK 9.0 accepts and
 * refuses), multi-extent disks, RDONLY extents, adapter types, qemu-written disks. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testlib.h"

/* A flat file of `sectors` sectors; every byte of sector i is (i + 1) & 0xff. */
static void make_pattern_file(const char *path, unsigned sectors)
{
   int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
   uint8 buf[512];
   for (unsigned i = 0; i < sectors; i++) {
      memset(buf, (int)((i + 1) & 0xff), sizeof buf);
      CHECK(pwrite(fd, buf, sizeof buf, (off_t)i * 512) == (ssize_t)sizeof buf);
   }
   close(fd);
}

/* Write text (with "@" replaced by the test directory) plus padNuls NUL bytes to path. */
static void write_descriptor(const char *path, const char *text, size_t padNuls)
{
   char buf[4096];
   size_t n = 0;
   for (const char *p = text; *p != '\0' && n < sizeof buf - 300; p++) {
      if (*p == '@') {
         n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", t_dir);
      } else {
         buf[n++] = *p;
      }
   }
   int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
   CHECK(write(fd, buf, n) == (ssize_t)n);
   static const char zeros[1024];
   CHECK(padNuls <= sizeof zeros && write(fd, zeros, padNuls) == (ssize_t)padNuls);
   close(fd);
}

/* Open t_dir/d.vmdk read-only as case `why`; a result other than `expected` fails the test. */
static VixError open_case(VixDiskLibConnection conn, const char *why, VixError expected,
                          VixDiskLibHandle *h)
{
   VixError err = VixDiskLib_Open(conn, t_path("d.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, h);
   if (err != expected) {
      t_fail(__FILE__, __LINE__, "case \"%s\": Open returned %llu, expected %llu", why,
             (unsigned long long)err, (unsigned long long)expected);
   }
   return err;
}

#define HDR "# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\n"

/* 8.2: the grammar, case by case. Accepted descriptors are checked for capacity and data
 * (sector 0 of the disk holds byte firstByte: the extent offset is applied). */
void test_descriptor_grammar_accepts_and_refuses_like_vddk(void)
{
   static const struct {
      const char *why;
      const char *text;
      size_t padNuls;
      VixError err;
      uint64 capacity;
      int firstByte;
   } CASES[] = {
      { "plain monolithicFlat", HDR "createType=\"monolithicFlat\"\nRW 32 FLAT \"f.bin\" 0\n",
        0, VIX_OK, 32, 1 },
      { "NUL padding after the text (qemu rewrite)",
        HDR "createType=\"monolithicFlat\"\nRW 32 FLAT \"f.bin\" 0\n", 300, VIX_OK, 32, 1 },
      { "no header line", "version=1\ncreateType=\"monolithicFlat\"\nRW 32 FLAT \"f.bin\" 0\n",
        0, VIX_OK, 32, 1 },
      { "header in another case, after blank lines",
        "\n\n  \n# disk descriptorfile\nversion=1\nRW 32 FLAT \"f.bin\" 0\n", 0, VIX_OK, 32, 1 },
      { "keys, createType and access words in any case",
        "VERSION=1\nCREATETYPE=\"MonolithicFlat\"\nrw 32 flat \"f.bin\" 0\n", 0, VIX_OK, 32, 1 },
      { "no createType", "RW 32 FLAT \"f.bin\" 0\n", 0, VIX_OK, 32, 1 },
      { "createType vmfs with a VMFS extent", HDR "createType=\"vmfs\"\nRW 32 VMFS \"f.bin\"\n",
        0, VIX_OK, 32, 1 },
      { "twoGbMaxExtentFlat, two FLAT extents",
        HDR "createType=\"twoGbMaxExtentFlat\"\nRW 16 FLAT \"f.bin\" 0\nRW 16 FLAT \"f.bin\" 0\n",
        0, VIX_OK, 32, 1 },
      { "unquoted extent name and unquoted values",
        "version=1\ncreateType=monolithicFlat\nRW 32 FLAT f.bin 0\n", 0, VIX_OK, 32, 1 },
      { "CRLF line ends",
        "version=1\r\ncreateType=\"monolithicFlat\"\r\nRW 32 FLAT \"f.bin\" 0\r\n", 0,
        VIX_OK, 32, 1 },
      { "tabs", "version\t=\t1\ncreateType\t= \"monolithicFlat\"\nRW\t32\tFLAT\t\"f.bin\"\t0\n",
        0, VIX_OK, 32, 1 },
      { "absolute extent path", HDR "RW 32 FLAT \"@/f.bin\" 0\n", 0, VIX_OK, 32, 1 },
      { "non-zero extent offset", HDR "RW 32 FLAT \"f.bin\" 7\n", 0, VIX_OK, 32, 8 },
      { "version=3 and unknown keys", "version=3\nfoo.bar = \"x y\"\nRW 32 FLAT \"f.bin\" 0\n"
        "ddb.somethingNew = \"1\"\n", 0, VIX_OK, 32, 1 },
      { "ZERO extent first", HDR "RW 8 ZERO\nRW 32 FLAT \"f.bin\" 0\n", 0, VIX_OK, 40, 0 },
      { "no trailing newline", HDR "RW 32 FLAT \"f.bin\" 0", 0, VIX_OK, 32, 1 },
      /* refused: not a descriptor, or malformed */
      { "plain text", "hello world\n", 0, VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "empty file", "", 0, VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "only NULs", "", 512, VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "no extent", HDR "createType=\"monolithicFlat\"\n", 0, VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "a stray line", HDR "RW 32 FLAT \"f.bin\" 0\nthis is not a descriptor line\n", 0,
        VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "extent size not a number", HDR "RW x32 FLAT \"f.bin\" 0\n", 0,
        VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "unknown extent type", HDR "RW 32 BOGUS \"f.bin\" 0\n", 0, VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "FLAT without a file", HDR "RW 32 FLAT\n", 0, VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "words after the offset", HDR "RW 32 FLAT \"f.bin\" 0 extra\n", 0,
        VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "unbalanced quote in extent", HDR "RW 32 FLAT \"f.bin 0\n", 0,
        VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "unbalanced quote in value", HDR "createType=\"monolithicFlat\nRW 32 FLAT \"f.bin\" 0\n",
        0, VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "unknown createType", HDR "createType=\"bogus\"\nRW 32 FLAT \"f.bin\" 0\n", 0,
        VIX_E_DISK_INVALIDDISK, 0, 0 },
      { "key without =", HDR "createType \"monolithicFlat\"\nRW 32 FLAT \"f.bin\" 0\n", 0,
        VIX_E_DISK_INVALIDDISK, 0, 0 },
      /* real formats the stub does not implement */
      { "streamOptimized", HDR "createType=\"streamOptimized\"\nRW 32 SPARSE \"f.bin\"\n", 0,
        VIX_E_NOT_SUPPORTED, 0, 0 },
      { "VMFSSPARSE extent", HDR "RW 32 VMFSSPARSE \"f.bin\"\n", 0, VIX_E_NOT_SUPPORTED, 0, 0 },
   };
   t_init(NULL);
   make_pattern_file(t_path("f.bin"), 64);
   VixDiskLibConnection conn = t_local_connection();
   for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
      write_descriptor(t_path("d.vmdk"), CASES[i].text, CASES[i].padNuls);
      VixDiskLibHandle h = NULL;
      VixError err = open_case(conn, CASES[i].why, CASES[i].err, &h);
      if (err != VIX_OK) {
         continue;
      }
      VixDiskLibInfo *info = NULL;
      CHECK_OK(VixDiskLib_GetInfo(h, &info));
      uint8 buf[512];
      CHECK_OK(VixDiskLib_Read(h, 0, 1, buf));
      if (info != NULL && (info->capacity != CASES[i].capacity || buf[0] != CASES[i].firstByte ||
                           buf[511] != CASES[i].firstByte)) {
         t_fail(__FILE__, __LINE__, "case \"%s\": capacity %llu, first byte %d; expected "
                "%llu, %d", CASES[i].why, (unsigned long long)info->capacity, buf[0],
                (unsigned long long)CASES[i].capacity, CASES[i].firstByte);
      }
      VixDiskLib_FreeInfo(info);
      CHECK_OK(VixDiskLib_Close(h));
   }
   /* raw data is not a descriptor either: refused with 16063, and said so in the log */
   uint8 raw[4096];
   for (size_t i = 0; i < sizeof raw; i++) {
      raw[i] = (uint8)(i * 131 + 7);
   }
   int fd = open(t_path("raw.vmdk"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
   CHECK(write(fd, raw, sizeof raw) == (ssize_t)sizeof raw);
   close(fd);
   VixDiskLibHandle h;
   CHECK_ERR(VixDiskLib_Open(conn, t_path("raw.vmdk"), 0, &h), VIX_E_DISK_INVALIDDISK);
   CHECK(t_logs_count(1, "raw.vmdk") > 0);
   /* a flat extent opened as if it were the disk: too big / binary, refused */
   CHECK_ERR(VixDiskLib_Open(conn, t_path("f.bin"), 0, &h), VIX_E_DISK_INVALIDDISK);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* qemu rewrites a descriptor in place as a C string padded to 512 bytes (on its first
 * write, with a new random CID printed by %x). When the new text is shorter than the old one
 * (a CID with leading zero digits), the tail of the old text stays after the NUL: the disk
 * still opens, and what follows the NUL is ignored, as qemu ignores it. Bytes that are not
 * text before the NUL, or data after a NUL at the very start, are binary data: refused. */
void test_descriptor_text_ends_at_first_nul(void)
{
   static const char BODY[] = "version=1\nCID=96f770\nparentCID=ffffffff\n"
                              "createType=\"monolithicFlat\"\nRW 32 FLAT \"f.bin\" 0\n";
   static const struct {
      const char *why;
      const char *before, *after;   /* the file: before, NUL, after, NULs up to 512 bytes */
      VixError err;
   } CASES[] = {
      { "old text's last newline after the NUL (qemu, CID 8 -> 6 digits)", BODY, "\n", VIX_OK },
      { "old text's tail after the NUL", BODY, "0\nddb.adapterType = \"ide\"\n", VIX_OK },
      { "control bytes before the NUL", "version=1\n\x01\x02\x03\nRW 32 FLAT \"f.bin\" 0\n",
        "", VIX_E_DISK_INVALIDDISK },
      { "a NUL first, then data", "", "RW 32 FLAT \"f.bin\" 0\n", VIX_E_DISK_INVALIDDISK },
   };
   t_init(NULL);
   make_pattern_file(t_path("f.bin"), 32);
   VixDiskLibConnection conn = t_local_connection();
   for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
      char file[512] = { 0 };
      size_t nb = strlen(CASES[i].before), na = strlen(CASES[i].after);
      memcpy(file, CASES[i].before, nb);
      memcpy(file + nb + 1, CASES[i].after, na);
      int fd = open(t_path("d.vmdk"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      CHECK(write(fd, file, sizeof file) == (ssize_t)sizeof file);
      close(fd);
      t_logs_clear();
      VixDiskLibHandle h = NULL;
      VixError err = open_case(conn, CASES[i].why, CASES[i].err, &h);
      if (err != VIX_OK) {
         if (CASES[i].err != VIX_OK && t_logs_count(1, "is not a virtual disk (binary data)") != 1) {
            t_fail(__FILE__, __LINE__, "case \"%s\": no \"binary data\" message", CASES[i].why);
         }
         continue;
      }
      uint8 buf[512];
      CHECK_OK(VixDiskLib_Read(h, 31, 1, buf));
      CHECK_INT(buf[0], 32);
      CHECK_OK(VixDiskLib_Close(h));
   }
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* 8.2: several FLAT extents and a ZERO extent: reads and writes cross extent boundaries;
 * each extent's bytes land in its own file at its own offset. */
void test_multi_extent_io_crosses_extent_boundaries(void)
{
   t_init(NULL);
   make_pattern_file(t_path("a.bin"), 10);
   make_pattern_file(t_path("b.bin"), 20);
   write_descriptor(t_path("m.vmdk"), HDR "createType=\"twoGbMaxExtentFlat\"\n"
                    "RW 10 FLAT \"a.bin\" 0\nRW 10 FLAT \"b.bin\" 5\nRW 4 ZERO\n", 0);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("m.vmdk"), 0, &h));
   uint8 all[24 * 512];
   CHECK_OK(VixDiskLib_Read(h, 0, 24, all));
   for (int s = 0; s < 24; s++) {
      int want = s < 10 ? s + 1 : s < 20 ? (s - 10 + 5) + 1 : 0;
      if (all[s * 512] != want || all[s * 512 + 511] != want) {
         t_fail(__FILE__, __LINE__, "sector %d reads %d, expected %d", s, all[s * 512], want);
      }
   }
   /* a write across the FLAT/FLAT boundary: sectors 8..11 */
   uint8 w[4 * 512];
   memset(w, 0xEE, sizeof w);
   CHECK_OK(VixDiskLib_Write(h, 8, 4, w));
   uint8 r[4 * 512];
   CHECK_OK(VixDiskLib_Read(h, 8, 4, r));
   CHECK(memcmp(r, w, sizeof w) == 0);
   CHECK_OK(VixDiskLib_Close(h));
   int fa = open(t_path("a.bin"), O_RDONLY), fb = open(t_path("b.bin"), O_RDONLY);
   uint8 sec[512];
   CHECK(pread(fa, sec, 512, 8 * 512) == 512 && sec[0] == 0xEE);
   CHECK(pread(fa, sec, 512, 7 * 512) == 512 && sec[0] == 8);
   CHECK(pread(fb, sec, 512, 5 * 512) == 512 && sec[0] == 0xEE);   /* disk sector 10 */
   CHECK(pread(fb, sec, 512, 6 * 512) == 512 && sec[0] == 0xEE);   /* disk sector 11 */
   CHECK(pread(fb, sec, 512, 7 * 512) == 512 && sec[0] == 8);      /* disk sector 12 */
   CHECK(pread(fb, sec, 512, 4 * 512) == 512 && sec[0] == 5);      /* before the offset */
   close(fa);
   close(fb);
   /* the ZERO extent cannot hold data: a write into it fails (13) and writes nothing */
   CHECK_OK(VixDiskLib_Open(conn, t_path("m.vmdk"), 0, &h));
   CHECK_ERR(VixDiskLib_Write(h, 19, 2, w), VIX_E_FILE_ACCESS_ERROR);
   CHECK_OK(VixDiskLib_Read(h, 19, 1, r));
   CHECK(r[0] == 9 + 5 + 1);                 /* disk sector 19 = b.bin sector 14 */
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* 8.5: an extent line saying RDONLY: Open read-write works, reads work, Write fails with 13
 * (VDDK 9.0, measured) and nothing changes: not the data, not the descriptor. */
void test_rdonly_extent_opens_but_write_fails_with_13(void)
{
   t_init(NULL);
   make_pattern_file(t_path("f.bin"), 16);
   write_descriptor(t_path("d.vmdk"), HDR "createType=\"monolithicFlat\"\n"
                    "RDONLY 16 FLAT \"f.bin\" 0\n", 0);
   char *before = t_read_file(t_path("d.vmdk"));
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   uint8 buf[512];
   CHECK_OK(VixDiskLib_Read(h, 3, 1, buf));
   CHECK(buf[0] == 4);
   memset(buf, 0x55, sizeof buf);
   CHECK_ERR(VixDiskLib_Write(h, 3, 1, buf), VIX_E_FILE_ACCESS_ERROR);
   CHECK_OK(VixDiskLib_Read(h, 3, 1, buf));
   CHECK(buf[0] == 4);
   CHECK_OK(VixDiskLib_Close(h));
   char *after = t_read_file(t_path("d.vmdk"));
   CHECK_STR(after, before);
   free(before);
   free(after);
   /* a mixed disk: the RW extent takes writes, a write reaching the RDONLY one fails whole */
   make_pattern_file(t_path("g.bin"), 16);
   write_descriptor(t_path("m.vmdk"), HDR "RW 8 FLAT \"g.bin\" 0\nrdonly 8 FLAT \"f.bin\" 0\n", 0);
   CHECK_OK(VixDiskLib_Open(conn, t_path("m.vmdk"), 0, &h));
   CHECK_OK(VixDiskLib_Write(h, 6, 1, buf));
   CHECK_ERR(VixDiskLib_Write(h, 7, 2, buf), VIX_E_FILE_ACCESS_ERROR);
   CHECK_OK(VixDiskLib_Read(h, 7, 1, buf));
   CHECK(buf[0] == 8);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* 8.6: ddb.adapterType -> GetInfo.adapterType as VDDK 9.0 reports it. */
void test_adapter_types_map_like_vddk(void)
{
   static const struct {
      const char *name;
      int type;
   } CASES[] = {
      { "ide", VIXDISKLIB_ADAPTER_IDE },
      { "buslogic", VIXDISKLIB_ADAPTER_SCSI_BUSLOGIC },
      { "lsilogic", VIXDISKLIB_ADAPTER_SCSI_LSILOGIC },
      { "LsiLogic", VIXDISKLIB_ADAPTER_SCSI_LSILOGIC },
      { "pvscsi", VIXDISKLIB_ADAPTER_UNKNOWN },
      { "lsisas1068", VIXDISKLIB_ADAPTER_UNKNOWN },
      { "nvme", VIXDISKLIB_ADAPTER_UNKNOWN },
   };
   t_init(NULL);
   make_pattern_file(t_path("f.bin"), 1);
   VixDiskLibConnection conn = t_local_connection();
   for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
      char text[512];
      snprintf(text, sizeof text, HDR "RW 1 FLAT \"f.bin\" 0\nddb.adapterType = \"%s\"\n",
               CASES[i].name);
      write_descriptor(t_path("d.vmdk"), text, 0);
      VixDiskLibHandle h;
      VixDiskLibInfo *info = NULL;
      CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
      CHECK_OK(VixDiskLib_GetInfo(h, &info));
      if (info != NULL && (int)info->adapterType != CASES[i].type) {
         t_fail(__FILE__, __LINE__, "adapterType \"%s\" reports %d, expected %d",
                CASES[i].name, (int)info->adapterType, CASES[i].type);
      }
      VixDiskLib_FreeInfo(info);
      CHECK_OK(VixDiskLib_Close(h));
   }
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* 8.1: qemu-img create, then qemu-io write (qemu rewrites the descriptor padded with NULs):
 * the stub opens it and reads qemu's data; the stub's writes read back in qemu-io. */
void test_disk_written_by_qemu_io_opens(void)
{
   if (!t_have_qemu()) {
      t_skip("qemu-img/qemu-io not installed");
      return;
   }
   char cmd[2048], out[4096];
   snprintf(cmd, sizeof cmd, "%s create -q -f vmdk -o subformat=monolithicFlat %s 64M 2>&1 && "
            "%s -f vmdk -c 'write -P 1 0 512' %s 2>&1", t_qemu_img(), t_path("q.vmdk"),
            t_qemu_io(), t_path("q.vmdk"));
   CHECK_RUN(cmd, out, sizeof out);
   struct stat st;
   CHECK(stat(t_path("q.vmdk"), &st) == 0 && st.st_size % 512 == 0);   /* NUL-padded */
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_Open(conn, t_path("q.vmdk"), 0, &h));
   uint8 buf[1024];
   CHECK_OK(VixDiskLib_Read(h, 0, 2, buf));
   CHECK(buf[0] == 1 && buf[511] == 1 && buf[512] == 0);
   memset(buf, 2, 512);
   CHECK_OK(VixDiskLib_Write(h, 1, 1, buf));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   snprintf(cmd, sizeof cmd, "%s -f vmdk -c 'read -P 1 0 512' -c 'read -P 2 512 512' %s 2>&1",
            t_qemu_io(), t_path("q.vmdk"));
   CHECK(t_run(cmd, out, sizeof out) == 0 && strstr(out, "Pattern verification failed") == NULL);
   /* qemu-io writes again on top of the stub's rewritten descriptor; the stub still opens it */
   snprintf(cmd, sizeof cmd, "%s -f vmdk -c 'write -P 3 1024 512' %s 2>&1", t_qemu_io(),
            t_path("q.vmdk"));
   CHECK_RUN(cmd, out, sizeof out);
   t_init(NULL);
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   CHECK_OK(VixDiskLib_Open(conn, t_path("q.vmdk"), VIXDISKLIB_FLAG_OPEN_READ_ONLY, &h));
   CHECK_OK(VixDiskLib_Read(h, 2, 1, buf));
   CHECK(buf[0] == 3);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* 8.1: qemu-img convert both ways: raw -> vmdk (flat and sparse) opens in the stub with the
 * same bytes; a disk the stub wrote converts back to the same raw bytes. */
void test_qemu_img_convert_round_trips(void)
{
   if (!t_have_qemu()) {
      t_skip("qemu-img/qemu-io not installed");
      return;
   }
   enum { SECTORS = 4096 };
   uint8 *orig = malloc(SECTORS * 512), *data = malloc(SECTORS * 512);
   uint8 *back = malloc(SECTORS * 512);
   for (size_t i = 0; i < SECTORS * 512; i++) {
      orig[i] = (i / 65536) % 3 == 0 ? 0 : (uint8)(i * 13 + i / 512);  /* holes and data */
   }
   int fd = open(t_path("in.raw"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
   CHECK(write(fd, orig, SECTORS * 512) == SECTORS * 512);
   close(fd);
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   static const char *const SUBFORMATS[] = { "monolithicFlat", "monolithicSparse" };
   for (int k = 0; k < 2; k++) {
      char cmd[2048], out[4096], name[64], raw[64];
      snprintf(name, sizeof name, "c%d.vmdk", k);
      snprintf(raw, sizeof raw, "c%d.raw", k);
      snprintf(cmd, sizeof cmd, "%s convert -f raw -O vmdk -o subformat=%s %s %s 2>&1",
               t_qemu_img(), SUBFORMATS[k], t_path("in.raw"), t_path(name));
      CHECK_RUN(cmd, out, sizeof out);
      VixDiskLibHandle h;
      memcpy(data, orig, SECTORS * 512);
      CHECK_OK(VixDiskLib_Open(conn, t_path(name), 0, &h));
      memset(back, 0xAA, SECTORS * 512);
      CHECK_OK(VixDiskLib_Read(h, 0, SECTORS, back));
      if (memcmp(back, data, SECTORS * 512) != 0) {
         t_fail(__FILE__, __LINE__, "%s converted by qemu-img reads differently", SUBFORMATS[k]);
      }
      /* the stub changes sectors 1200..1499: a partial unallocated grain, then whole and
       * partial allocated ones */
      uint8 w[300 * 512];
      memset(w, 0x5A + k, sizeof w);
      CHECK_OK(VixDiskLib_Write(h, 1200, 300, w));
      memcpy(data + 1200 * 512, w, sizeof w);   /* starts inside a hole grain */
      CHECK_OK(VixDiskLib_Close(h));
      snprintf(cmd, sizeof cmd, "%s convert -f vmdk -O raw %s %s 2>&1", t_qemu_img(),
               t_path(name), t_path(raw));
      CHECK_RUN(cmd, out, sizeof out);
      int rfd = open(t_path(raw), O_RDONLY);
      memset(back, 0xAA, SECTORS * 512);
      ssize_t got = 0, n = 1;
      while (rfd >= 0 && got < SECTORS * 512 && n > 0) {   /* a read may return less */
         n = pread(rfd, back + got, (size_t)(SECTORS * 512 - got), got);
         got += n > 0 ? n : 0;
      }
      if (got != SECTORS * 512) {
         t_fail(__FILE__, __LINE__, "%s: read %zd of %d bytes of %s", SUBFORMATS[k], got,
                SECTORS * 512, t_path(raw));
      }
      if (rfd >= 0) {
         close(rfd);
      }
      if (memcmp(back, data, SECTORS * 512) != 0) {
         t_fail(__FILE__, __LINE__, "%s written by the stub converts differently",
                SUBFORMATS[k]);
      }
   }
   CHECK_OK(VixDiskLib_Disconnect(conn));
   free(orig);
   free(data);
   free(back);
}

/* Split disks (twoGbMaxExtentSparse / twoGbMaxExtentFlat) made by qemu-img: I/O across the
 * 2 GiB extent boundary, both ways. */
void test_split_disks_from_qemu_cross_extents(void)
{
   if (!t_have_qemu()) {
      t_skip("qemu-img/qemu-io not installed");
      return;
   }
   static const char *const SUBFORMATS[] = { "twoGbMaxExtentSparse", "twoGbMaxExtentFlat" };
   const uint64 boundary = 4194304;                /* 2 GiB in sectors */
   t_init(NULL);
   VixDiskLibConnection conn = t_local_connection();
   for (int k = 0; k < 2; k++) {
      char cmd[2048], out[4096], name[32];
      snprintf(name, sizeof name, "split%d.vmdk", k);
      /* qemu writes 8 sectors of 0x21 ending at the boundary, 8 of 0x22 starting there */
      snprintf(cmd, sizeof cmd, "%s create -q -f vmdk -o subformat=%s %s 5G 2>&1 && "
               "%s -f vmdk -c 'write -P 33 %llu 4096' -c 'write -P 34 %llu 4096' %s 2>&1",
               t_qemu_img(), SUBFORMATS[k], t_path(name), t_qemu_io(),
               (unsigned long long)(boundary - 8) * 512, (unsigned long long)boundary * 512,
               t_path(name));
      CHECK_RUN(cmd, out, sizeof out);
      VixDiskLibHandle h;
      VixDiskLibInfo *info = NULL;
      CHECK_OK(VixDiskLib_Open(conn, t_path(name), 0, &h));
      CHECK_OK(VixDiskLib_GetInfo(h, &info));
      CHECK(info != NULL && info->capacity == 10485760);
      VixDiskLib_FreeInfo(info);
      uint8 buf[16 * 512];
      CHECK_OK(VixDiskLib_Read(h, boundary - 8, 16, buf));
      CHECK(buf[0] == 33 && buf[8 * 512 - 1] == 33 && buf[8 * 512] == 34 &&
            buf[16 * 512 - 1] == 34);
      /* the stub writes 4 sectors of 0x23 across the boundary */
      memset(buf, 0x23, 4 * 512);
      CHECK_OK(VixDiskLib_Write(h, boundary - 2, 4, buf));
      CHECK_OK(VixDiskLib_Close(h));
      snprintf(cmd, sizeof cmd, "%s -f vmdk -c 'read -P 33 %llu 3072' -c 'read -P 35 %llu 2048' "
               "-c 'read -P 34 %llu 3072' %s 2>&1", t_qemu_io(),
               (unsigned long long)(boundary - 8) * 512, (unsigned long long)(boundary - 2) * 512,
               (unsigned long long)(boundary + 2) * 512, t_path(name));
      CHECK(t_run(cmd, out, sizeof out) == 0 &&
            strstr(out, "Pattern verification failed") == NULL);
   }
   CHECK_OK(VixDiskLib_Disconnect(conn));
}
