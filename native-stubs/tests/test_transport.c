/* test_transport.c -- behaviours 4 (transport choice), 5 (SAN is O_DIRECT) and 6 (NFC
 * settings affect nbd/nbdssl only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "testlib.h"

/* Open [ds1] d.vmdk through vc1 with the given connect options; returns the error and, on
 * success, the transport chosen (the handle is closed again). */
static VixError open_mode(const char *vmxSpec, const char *snapshot, const char *modes,
                          char *mode, size_t modeLen)
{
   VixDiskLibConnectParams *p = t_params("vc1", vmxSpec, "admin", "secret");
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   VixError err = VixDiskLib_ConnectEx(p, FALSE, snapshot, modes, &conn);
   CHECK_OK(err);   /* ConnectEx never validates transports */
   if (err == VIX_OK) {
      err = VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h);
      if (err == VIX_OK) {
         snprintf(mode, modeLen, "%s", VixDiskLib_GetTransportMode(h));
         CHECK_OK(VixDiskLib_Close(h));
      }
      CHECK_OK(VixDiskLib_Disconnect(conn));
   }
   VixDiskLib_FreeConnectParams(p);
   return err;
}

#define EXPECT_MODE(vmx, snap, modes, expected) \
   do { \
      char m_[16] = ""; \
      CHECK_OK(open_mode(vmx, snap, modes, m_, sizeof m_)); \
      CHECK_STR(m_, expected); \
   } while (0)

/* 4: default priority san:hotadd:nbdssl:nbd; advanced modes need snapshot + VM. */
void test_b4_transport_selection_rules(void)
{
   t_init(NULL);
   t_world(true);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("ds1/d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   char m[16];
   EXPECT_MODE("moref=vm-42", "snapshot-1", NULL, "san");
   EXPECT_MODE("moref=vm-42", NULL, NULL, "nbd");                 /* no snapshot */
   EXPECT_MODE(NULL, "snapshot-1", NULL, "nbd");                  /* no vmxSpec */
   EXPECT_MODE("moref=vm-999", "snapshot-1", NULL, "nbd");        /* unknown VM */
   EXPECT_MODE("moref=vm-42", "snapshot-1", "hotadd:nbd", "hotadd");
   EXPECT_MODE("moref=vm-42", "snapshot-1", "bogus:nbdssl", "nbdssl");  /* unknown skipped */
   CHECK(t_logs_count(-1, "bogus: unknown transport name") == 1);
   /* SAN only, not available: ConnectEx succeeded (checked in open_mode), Open fails */
   CHECK_ERR(open_mode("moref=vm-42", NULL, "san", m, sizeof m), VIX_E_NOT_SUPPORTED);
   CHECK(t_logs_count(1, "san: needs a snapshot moref") >= 1);
   CHECK(t_logs_count(1, "no transport mode available from \"san\"") == 1);
   /* transports the server does not offer */
   CHECK_OK(VixDiskLibStub_DefineServer("vc1", VIXDISKLIBSTUB_SERVER_VCENTER, "aa:bb:cc",
                                        "nbd", t_path("state")));
   EXPECT_MODE("moref=vm-42", "snapshot-1", NULL, "nbd");
   CHECK_ERR(open_mode("moref=vm-42", "snapshot-1", "san:hotadd", m, sizeof m),
             VIX_E_NOT_SUPPORTED);
   CHECK(t_logs_count(1, "hotadd: not offered by the server") >= 1);
}

/* 4: a powered-on VM's disks need a snapshot moref. */
void test_b4_powered_on_vm_needs_snapshot(void)
{
   t_init(NULL);
   t_world(true);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("ds1/d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   CHECK_OK(VixDiskLibStub_SetVmPowerState("vc1", "vm-42", TRUE));
   char m[16];
   CHECK_ERR(open_mode("moref=vm-42", NULL, "nbd", m, sizeof m), VIX_E_FILE_ALREADY_LOCKED);
   CHECK(t_logs_count(1, "VM vm-42 is powered on and no snapshot moref was given") == 1);
   EXPECT_MODE("moref=vm-42", "snapshot-7", "nbd", "nbd");
   CHECK_ERR(VixDiskLibStub_SetVmPowerState("vc1", "vm-1", TRUE), VIX_E_FILE_NOT_FOUND);
}

/* 4: SAN selected by default for a disk on non-SAN storage: Open and reads work, writes
 * fail; nbd on the same disk writes fine. */
void test_b4_san_on_local_storage_fails_writes(void)
{
   t_init(NULL);
   t_world(false);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("ds1/d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnectParams *p = t_params("vc1", "moref=vm-42", "admin", "secret");
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   uint8 *buf = aligned_alloc(4096, 4096);
   memset(buf, 5, 4096);
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, "snapshot-1", NULL, &conn));
   CHECK_OK(VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h));
   CHECK_STR(VixDiskLib_GetTransportMode(h), "san");
   CHECK_OK(VixDiskLib_Read(h, 0, 8, buf));
   CHECK_ERR(VixDiskLib_Write(h, 0, 8, buf), VIX_E_FILE_ACCESS_ERROR);
   CHECK(t_logs_count(1, "the datastore is not SAN storage") == 1);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, "snapshot-1", "nbd", &conn));
   CHECK_OK(VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h));
   CHECK_OK(VixDiskLib_Write(h, 0, 8, buf));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   VixDiskLib_FreeConnectParams(p);
   free(buf);
}

/* Open flags (from /proc/self/fdinfo) of this process's fd on a file whose name ends with
 * suffix; -1 if none. */
static long fd_flags_of(const char *suffix)
{
   DIR *d = opendir("/proc/self/fd");
   long flags = -1;
   struct dirent *e;
   while (d != NULL && (e = readdir(d)) != NULL && flags < 0) {
      char link[600], target[600] = "";
      snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
      ssize_t n = readlink(link, target, sizeof target - 1);
      size_t sl = strlen(suffix);
      if (n > (ssize_t)sl && strcmp(target + n - sl, suffix) == 0) {
         char info[600], line[128];
         snprintf(info, sizeof info, "/proc/self/fdinfo/%s", e->d_name);
         FILE *f = fopen(info, "r");
         while (f != NULL && fgets(line, sizeof line, f) != NULL) {
            if (strncmp(line, "flags:", 6) == 0) {
               flags = strtol(line + 6, NULL, 8);
            }
         }
         if (f != NULL) {
            fclose(f);
         }
      }
   }
   if (d != NULL) {
      closedir(d);
   }
   return flags;
}

/* 5: SAN handles are O_DIRECT: a misaligned buffer fails, an aligned one works. */
void test_b5_san_io_is_direct_and_needs_alignment(void)
{
   t_init(NULL);
   t_world(true);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("ds1/d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnectParams *p = t_params("vc1", "moref=vm-42", "admin", "secret");
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   uint8 *buf = aligned_alloc(4096, 8192);
   memset(buf, 7, 8192);
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, "snapshot-1", "san", &conn));
   CHECK_OK(VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h));
   CHECK_STR(VixDiskLib_GetTransportMode(h), "san");
   long flags = fd_flags_of("/ds1/d-flat.vmdk");
   CHECK(flags >= 0 && (flags & O_DIRECT) != 0);
   CHECK_OK(VixDiskLib_Write(h, 8, 8, buf));
   memset(buf, 0, 8192);
   CHECK_OK(VixDiskLib_Read(h, 8, 8, buf));
   CHECK(buf[0] == 7 && buf[4095] == 7);
   CHECK_ERR(VixDiskLib_Read(h, 8, 1, buf + 1), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_Write(h, 8, 1, buf + 3), VIX_E_INVALID_ARG);
   CHECK(t_logs_count(1, "not aligned to 512 bytes (O_DIRECT)") == 2);
   CHECK(t_logs_count(1, "O_DIRECT not supported") == 0);   /* /tmp honours O_DIRECT */
   CHECK_OK(VixDiskLib_Close(h));
   /* nbd handles of the same disk are buffered */
   CHECK_OK(VixDiskLib_Disconnect(conn));
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, "snapshot-1", "nbd", &conn));
   CHECK_OK(VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h));
   flags = fd_flags_of("/ds1/d-flat.vmdk");
   CHECK(flags >= 0 && (flags & O_DIRECT) == 0);
   CHECK_OK(VixDiskLib_Read(h, 8, 1, buf + 1));             /* misaligned is fine here */
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   VixDiskLib_FreeConnectParams(p);
   free(buf);
}

static double now_ms(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* 6: latency above nfc.ReadTimeoutMs: an nbd read times out, SAN and HotAdd reads of the
 * same disk succeed; nbd writes are bound by WriteTimeoutMs. */
void test_b6_nfc_timeout_applies_to_nbd_only(void)
{
   t_init("vixDiskLib.nfc.ReadTimeoutMs = 20\nvixDiskLib.nfc.WriteTimeoutMs = 1000\n"
          "vixDiskLib.nfc.LogLevel = 4\n");
   t_world(true);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("ds1/d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   CHECK_OK(VixDiskLibStub_SetLatency("vc1", 60));
   VixDiskLibConnectParams *p = t_params("vc1", "moref=vm-42", "admin", "secret");
   uint8 *buf = aligned_alloc(4096, 4096);
   memset(buf, 1, 4096);
   const char *modes[] = { "nbd", "nbdssl", "san", "hotadd" };
   for (int i = 0; i < 4; i++) {
      VixDiskLibConnection conn;
      VixDiskLibHandle h;
      CHECK_OK(VixDiskLib_ConnectEx(p, TRUE, "snapshot-1", modes[i], &conn));
      CHECK_OK(VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h));
      CHECK_STR(VixDiskLib_GetTransportMode(h), modes[i]);
      double t0 = now_ms();
      VixError err = VixDiskLib_Read(h, 0, 8, buf);
      double elapsed = now_ms() - t0;
      if (i < 2) {
         CHECK_ERR(err, VIX_E_NET_HTTP_OPERATION_TIMEDOUT);
         CHECK(elapsed >= 19.0);                 /* waited the timeout (lower bound only) */
      } else {
         CHECK_OK(err);
      }
      CHECK_OK(VixDiskLib_Close(h));
      CHECK_OK(VixDiskLib_Disconnect(conn));
   }
   CHECK(t_logs_count(1, "NFC read of") == 2);
   CHECK(t_logs_count(1, "timed out after 20 ms") >= 2);
   CHECK(t_logs_count(1, "[NFC ERROR] Nfc_Read: operation timed out") == 2);
   /* writes: latency 60 < WriteTimeoutMs 1000 -> the write pays the latency and succeeds */
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, "snapshot-1", "nbd", &conn));
   CHECK_OK(VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h));
   double t0 = now_ms();
   CHECK_OK(VixDiskLib_Write(h, 0, 8, buf));
   CHECK(now_ms() - t0 >= 59.0);
   CHECK(t_logs_count(0, "[NFC VERBOSE] Nfc_Write: 8 sectors at 0") == 1);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   VixDiskLib_FreeConnectParams(p);
   free(buf);
}

/* 6: nfc.LogLevel filters NFC lines: at the default 1 the verbose lines are absent. */
void test_b6_nfc_loglevel_filters_nfc_messages(void)
{
   t_init(NULL);
   t_world(true);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("ds1/d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnectParams *p = t_params("vc1", "moref=vm-42", "admin", "secret");
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   uint8 buf[512];
   CHECK_OK(VixDiskLib_ConnectEx(p, FALSE, NULL, "nbd", &conn));
   CHECK_OK(VixDiskLib_Open(conn, "[ds1] d.vmdk", 0, &h));
   CHECK_OK(VixDiskLib_Read(h, 0, 1, buf));
   CHECK_INT(t_logs_count(-1, "[NFC"), 0);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   VixDiskLib_FreeConnectParams(p);
}

/* nfcAio buffers: BufSizeIn64KB x BufCount x 64 KiB above 16 MiB makes Open fail. */
void test_nfc_aio_buffer_limit_fails_open(void)
{
   t_init("vixDiskLib.nfcAio.Session.BufSizeIn64KB = 16\n"
          "vixDiskLib.nfcAio.Session.BufCount = 32\n");
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 64, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   CHECK_ERR(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h), VIX_E_INVALID_ARG);
   CHECK(t_logs_count(1, "exceeds 16 MiB") == 1);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}
