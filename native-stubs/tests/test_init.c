/* test_init.c -- behaviours 1 and 2: InitEx, config file, log functions and thread, Exit. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "testlib.h"

static void config_value_is(const char *key, const char *expected)
{
   char buf[256];
   size_t need = 0;
   VixError err = VixDiskLibStub_GetConfigValue(key, buf, sizeof buf, &need);
   if (err != VIX_OK) {
      t_fail(__FILE__, __LINE__, "GetConfigValue(%s) failed with %llu", key,
             (unsigned long long)err);
      return;
   }
   CHECK_STR(buf, expected);
}

/* 1: config parsing: both syntaxes, comments, unknown key, malformed, out of range. */
void test_b1_initex_parses_config_and_reports_problems(void)
{
   t_init("# sample\n"
          "\n"
          "vixDiskLib.nfc.ReadTimeoutMs=60000\n"
          "vixDiskLib.nfc.WriteTimeoutMs = \"600000\"\n"
          "vixDiskLib.nfc.LogLevel = 9\n"
          "vixDiskLib.transport.LogLevel = abc\n"
          "this line has no equals sign\n"
          " = value\n"
          "my.unknown.key = hello\n"
          "tmpDirectory = \"/var/tmp\"\n");
   config_value_is("vixDiskLib.nfc.ReadTimeoutMs", "60000");
   config_value_is("vixDiskLib.nfc.WriteTimeoutMs", "600000");
   config_value_is("vixDiskLib.nfc.LogLevel", "1");            /* out of range: default */
   config_value_is("vixDiskLib.transport.LogLevel", "6");      /* not numeric: default */
   config_value_is("my.unknown.key", "hello");
   config_value_is("tmpDirectory", "/var/tmp");
   config_value_is("vixDiskLib.nfc.AcceptTimeoutMs", "0");     /* default */
   config_value_is("vixDiskLib.disklib.EnableCache", "0");
   CHECK(t_logs_count(1, "vddk.conf:5: value 9 of vixDiskLib.nfc.LogLevel is out of range") == 1);
   CHECK(t_logs_count(1, "vddk.conf:6: value 'abc' of vixDiskLib.transport.LogLevel is not a number") == 1);
   CHECK(t_logs_count(1, "vddk.conf:7: malformed line (no '=')") == 1);
   CHECK(t_logs_count(1, "vddk.conf:8: malformed line (empty key name)") == 1);
   CHECK(t_logs_count(1, "vddk.conf:9: unknown key 'my.unknown.key'") == 1);
   CHECK(t_logs_count(0, "config vixDiskLib.nfc.ReadTimeoutMs = 60000") == 1);
   char small[4];
   size_t need = 0;
   CHECK_ERR(VixDiskLibStub_GetConfigValue("tmpDirectory", small, sizeof small, &need),
             VIX_E_BUFFER_TOOSMALL);
   CHECK_INT(need, 9);
   CHECK_ERR(VixDiskLibStub_GetConfigValue("no.such.key", small, sizeof small, &need),
             VIX_E_FILE_NOT_FOUND);
}

void test_b1_missing_config_file_warns_and_uses_defaults(void)
{
   CHECK_OK(VixDiskLib_InitEx(8, 0, t_log, t_warn, t_panic, t_dir, t_path("missing.conf")));
   CHECK(t_logs_count(1, "cannot read config file") == 1);
   config_value_is("vixDiskLib.transport.LogLevel", "6");
}

/* 9: in local mode, by default, every message comes on the calling thread (VDDK 9.0,
 * measured), including the phone-home/CEIP noise; no thread is started. */
void test_b9_logs_come_on_the_calling_thread_by_default(void)
{
   pthread_t self = pthread_self();
   t_init(NULL);
   CHECK_INT(VixDiskLibStub_GetCounter("logThreads"), 0);
   CHECK(t_logs_count_thread(0, "looking for plugins in", self, true) == 1);
   CHECK(t_logs_count_thread(1, "VDDK_PhoneHome: ", self, true) == 1);
   CHECK(t_logs_count_thread(1, "Get CEIP status failed", self, true) == 1);
   usleep(120 * 1000);
   CHECK_INT(t_logs_count_thread(-1, "", self, false), 0);
   VixDiskLib_Exit();
}

/* 1: background logging through the control API: a native worker thread logs a start
 * line, PhoneHome/CEIP noise on warn and a heartbeat; Exit stops it before returning. */
void test_b1_background_logging_through_control_api(void)
{
   pthread_t self = pthread_self();
   CHECK_OK(VixDiskLibStub_SetBackgroundLogging(TRUE));
   t_init(NULL);
   CHECK(t_logs_count_thread(0, "looking for plugins in", self, true) == 1);
   CHECK_INT(VixDiskLibStub_GetCounter("logThreads"), 1);
   usleep(200 * 1000);
   CHECK(t_logs_count_thread(0, "worker heartbeat", self, false) >= 1);
   CHECK(t_logs_count_thread(1, "VDDK_PhoneHome: ", self, false) == 1);
   CHECK(t_logs_count_thread(1, "Get CEIP status failed", self, false) == 1);
   CHECK_OK(VixDiskLibStub_SetBackgroundLogging(FALSE));     /* stops it at once */
   CHECK_INT(VixDiskLibStub_GetCounter("logThreads"), 0);
   CHECK_OK(VixDiskLibStub_SetBackgroundLogging(TRUE));      /* starts it at once */
   CHECK_INT(VixDiskLibStub_GetCounter("logThreads"), 1);
   VixDiskLib_Exit();
   CHECK_INT(VixDiskLibStub_GetCounter("logThreads"), 0);
   int after = t_logs_count(-1, "");
   usleep(150 * 1000);
   CHECK_INT(t_logs_count(-1, ""), after);               /* nothing after Exit returned */
   CHECK_INT(VixDiskLibStub_GetCounter("initEx"), 1);
   CHECK_INT(VixDiskLibStub_GetCounter("exit"), 1);
}

/* 9: the effective config options are logged only at transport.LogLevel 6 (VDDK 9.0). */
void test_b9_config_options_logged_only_at_loglevel_6(void)
{
   t_init("vixDiskLib.transport.LogLevel = 5\ntmpDirectory = /var/tmp\n");
   CHECK_INT(t_logs_count(-1, "config tmpDirectory"), 0);
   CHECK(t_logs_count(0, "looking for plugins in") == 1);        /* level 4 still logged */
   VixDiskLib_Exit();
   t_logs_clear();
   t_in_child(config_options_at_loglevel_6);
}

void config_options_at_loglevel_6(void)
{
   t_init("vixDiskLib.transport.LogLevel = 6\ntmpDirectory = /var/tmp\n");
   CHECK_INT(t_logs_count(0, "config tmpDirectory = /var/tmp"), 1);
   VixDiskLib_Exit();
}

/* 1: transport.LogLevel filters: 0 silences the stub, 3 keeps warnings only. */
void loglevel_zero_silences_everything(void)
{
   t_init("vixDiskLib.transport.LogLevel = 0\n");
   usleep(120 * 1000);
   VixDiskLib_Exit();
   CHECK_INT(t_logs_count(-1, ""), 0);
}

void test_b1_transport_loglevel_filters_messages(void)
{
   t_in_child(loglevel_zero_silences_everything);    /* one InitEx per process */
   t_init("vixDiskLib.transport.LogLevel = \"3\"\n");
   usleep(120 * 1000);
   VixDiskLib_Exit();
   CHECK(t_logs_count(1, "Get CEIP status failed") == 1);
   CHECK_INT(t_logs_count(0, ""), 0);
}

/* 1: NULL log functions use the stub's stderr default; a second InitEx without Exit in
 * between returns VIX_OK and keeps the first initialization, as real VDDK does. */
void test_b1_null_log_functions_and_double_init(void)
{
   fflush(stderr);
   int savedStderr = dup(2);
   int logFile = open(t_path("stderr.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
   dup2(logFile, 2);
   close(logFile);
   CHECK_OK(VixDiskLib_InitEx(8, 0, NULL, NULL, NULL, NULL,
                              "/nonexistent/dir/vddk.conf"));
   CHECK_OK(VixDiskLib_InitEx(8, 0, t_log, t_warn, t_panic, t_dir, NULL));
   CHECK_INT(VixDiskLibStub_GetCounter("initEx"), 2);
   CHECK(VixDiskLib_ListTransportModes() != NULL);
   VixDiskLib_Exit();
   CHECK_INT(VixDiskLibStub_GetCounter("logThreads"), 0);
   fflush(stderr);
   dup2(savedStderr, 2);
   close(savedStderr);
   char *written = t_read_file(t_path("stderr.txt"));
   CHECK(written != NULL && strstr(written, "vixDiskLibStub: VixDiskLib: VixDiskLib_InitEx("));
   CHECK(written != NULL && strstr(written, "called again without Exit"));
   free(written);
}

/* Real VDDK 9.0 corrupts its heap on InitEx after Exit (the second Exit double-frees):
 * the stub fails InitEx and Init after Exit and says why through the panic function. */
void test_initex_after_exit_fails_loudly_through_panic(void)
{
   t_init(NULL);
   VixDiskLib_Exit();
   CHECK_ERR(VixDiskLib_InitEx(8, 0, t_log, t_warn, t_panic, t_dir, NULL), VIX_E_FAIL);
   CHECK_INT(t_logs_count(2, "VixDiskLib_InitEx called after VixDiskLib_Exit"), 1);
   CHECK_INT(t_logs_count(2, "second Exit double-frees"), 1);
   CHECK_ERR(VixDiskLib_Init(8, 0, t_log, t_warn, t_panic, t_dir), VIX_E_FAIL);
   CHECK_INT(t_logs_count(2, "VixDiskLib_Init called after VixDiskLib_Exit"), 1);
   CHECK_INT(VixDiskLibStub_GetCounter("logThreads"), 0);
   CHECK(VixDiskLib_ListTransportModes() == NULL);               /* still not initialized */
   CHECK_OK(VixDiskLibStub_Reset());                              /* no way around it */
   CHECK_ERR(VixDiskLib_InitEx(8, 0, t_log, t_warn, t_panic, t_dir, NULL), VIX_E_FAIL);
   VixDiskLibConnection conn;
   CHECK_ERR(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn), VIX_E_FAIL);
}

/* 2: ListTransportModes is NULL before InitEx and after Exit. */
void test_b2_list_transport_modes(void)
{
   CHECK(VixDiskLib_ListTransportModes() == NULL);
   t_init(NULL);
   CHECK_STR(VixDiskLib_ListTransportModes(), "file:san:hotadd:nbdssl:nbd");
   VixDiskLib_Exit();
   CHECK(VixDiskLib_ListTransportModes() == NULL);
}

/* Before InitEx every call fails with VIX_E_FAIL (no crash), except the allowed ones. */
void test_calls_before_initex_fail_cleanly(void)
{
   VixDiskLibConnection conn = NULL;
   VixDiskLibHandle h = NULL;
   uint32 a, b;
   CHECK_ERR(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Connect(NULL, &conn), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Open(conn, "x.vmdk", 0, &h), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Read(h, 0, 1, (uint8 *)&a), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Write(h, 0, 1, (uint8 *)&a), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Close(h), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Disconnect(conn), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_Cleanup(NULL, &a, &b), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_PrepareForAccess(NULL, "x"), VIX_E_FAIL);
   CHECK_ERR(VixDiskLib_EndAccess(NULL, "x"), VIX_E_FAIL);
   CHECK_ERR(VixDiskLibStub_EmitTestLogs(VIXDISKLIBSTUB_LOG, 0, 1, 1), VIX_E_FAIL);
   char buf[8];
   size_t need;
   CHECK_ERR(VixDiskLibStub_GetConfigValue("tmpDirectory", buf, sizeof buf, &need),
             VIX_E_FAIL);
   CHECK(VixDiskLib_GetTransportMode(h) == NULL);
   VixDiskLib_Exit();                                   /* harmless */
   VixDiskLibConnectParams *p = VixDiskLib_AllocateConnectParams();
   CHECK(p != NULL);
   VixDiskLib_FreeConnectParams(p);
   char *text = VixDiskLib_GetErrorText(VIX_E_FAIL, NULL);
   CHECK_STR(text, "Unknown error");
   VixDiskLib_FreeErrorText(text);
}

/* Exit with open handles and connections: warns, closes nothing, does not crash. (The
 * handle cannot be closed later: InitEx after Exit is refused, as in real VDDK; so the
 * whole scenario runs in a child process that leaves without closing.) */
void exit_with_open_handle(void)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), 2048, VIXDISKLIB_ADAPTER_IDE));
   VixDiskLibConnection conn;
   VixDiskLibHandle h;
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn));
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   VixDiskLib_Exit();
   CHECK(t_logs_count(1, "Exit called with 1 open connection(s) and 1 open disk handle(s)") == 1);
   CHECK_INT(VixDiskLibStub_GetCounter("handles"), 1);
   CHECK_INT(VixDiskLibStub_GetCounter("logThreads"), 0);
   CHECK_ERR(VixDiskLib_Close(h), VIX_E_FAIL);                    /* not initialized */
}

void test_exit_with_open_handles_warns(void)
{
   t_in_child(exit_with_open_handle);
}

/* EmitTestLogs: exact texts from the documented formula, from several threads. */
void test_emit_test_logs_formula(void)
{
   t_init("vixDiskLib.transport.LogLevel=0\n");
   CHECK_OK(VixDiskLibStub_EmitTestLogs(VIXDISKLIBSTUB_WARN, 0, 2, 5));
   CHECK_INT(t_logs_count(1, "stub t=0 i=0 s=abc neg=-1000000007 big=18446744073709551615 "
                             "hex=c0de0000 ptr=0x1000 pct=% tail=abcde\n"), 1);
   CHECK_INT(t_logs_count(1, "stub t=0 i=1 s=abc neg=-2000000014 big=18446744073709551614 "
                             "hex=c0de0001 ptr=0x1001 pct=% tail=bcdef\n"), 1);
   CHECK_OK(VixDiskLibStub_EmitTestLogs(VIXDISKLIBSTUB_LOG, 4, 50, 300));
   CHECK_INT(t_logs_count(0, "stub t="), 200);
   CHECK_INT(t_logs_count_thread(0, "stub t=3 i=49 ", pthread_self(), false), 1);
   CHECK_OK(VixDiskLibStub_EmitTestLogs(VIXDISKLIBSTUB_PANIC, 0, 1, 0));
   CHECK_INT(t_logs_count(2, "tail=\n"), 1);
}
