/* testlib.c -- test runner support: failures, temp dirs, log capture, fixtures. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

char t_dir[256];
int t_current_failed;
int t_current_skipped;

void t_fail(const char *file, int line, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   fprintf(stdout, "   %s:%d: ", file, line);
   vfprintf(stdout, fmt, ap);
   fputc('\n', stdout);
   va_end(ap);
   t_current_failed++;
}

void t_in_child_named(const char *name)
{
   fflush(stdout);
   pid_t pid = fork();
   if (pid == 0) {
      char *argv[] = { (char *)"stubtest", (char *)"--child", (char *)name, t_dir, NULL };
      execv("/proc/self/exe", argv);
      _exit(127);
   }
   int status = 0;
   if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
       WEXITSTATUS(status) != 0) {
      t_fail(__FILE__, __LINE__, "child %s failed (status 0x%x)", name, status);
   }
}

void t_skip(const char *why)
{
   printf("   SKIP: %s\n", why);
   t_current_skipped = 1;
}

char *t_path(const char *name)
{
   static char ring[8][512];
   static int next;
   char *p = ring[next++ % 8];
   snprintf(p, 512, "%s/%s", t_dir, name);
   return p;
}

void t_write_file(const char *path, const char *text)
{
   FILE *f = fopen(path, "w");
   if (f == NULL) {
      t_fail(__FILE__, __LINE__, "cannot write %s: %s", path, strerror(errno));
      return;
   }
   fputs(text, f);
   fclose(f);
}

char *t_read_file(const char *path)
{
   FILE *f = fopen(path, "r");
   if (f == NULL) {
      return NULL;
   }
   char *buf = NULL;
   size_t cap = 0;
   ssize_t n = getdelim(&buf, &cap, '\0', f);
   fclose(f);
   if (n < 0) {
      free(buf);
      return strdup("");
   }
   return buf;
}

int t_run(const char *cmd, char *out, size_t outLen)
{
   FILE *p = popen(cmd, "r");
   if (p == NULL) {
      return -1;
   }
   size_t n = fread(out, 1, outLen - 1, p);
   out[n] = '\0';
   return pclose(p);
}

const char *t_qemu_img(void)
{
   const char *q = getenv("QEMU_IMG");
   return q != NULL ? q : "qemu-img";
}

const char *t_qemu_io(void)
{
   const char *q = getenv("QEMU_IO");
   return q != NULL ? q : "qemu-io";
}

bool t_have_qemu(void)
{
   char cmd[1024], out[256];
   snprintf(cmd, sizeof cmd, "%s --version >/dev/null 2>&1 && %s --version 2>/dev/null",
            t_qemu_img(), t_qemu_io());
   bool have = t_run(cmd, out, sizeof out) == 0;
   const char *ci = getenv("CI");
   if (!have && ci != NULL && strcmp(ci, "true") == 0) {
      t_fail(__FILE__, __LINE__, "%s or %s does not run, and CI=true: the interop tests must "
             "run in CI (install qemu-utils or set QEMU_IMG / QEMU_IO)", t_qemu_img(),
             t_qemu_io());
   }
   return have;
}

VixDiskLibConnection t_local_connection(void)
{
   VixDiskLibConnection conn = NULL;
   VixError err = VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, &conn);
   if (err != VIX_OK) {
      t_fail(__FILE__, __LINE__, "local ConnectEx returned %llu", (unsigned long long)err);
   }
   return conn;
}

/* ---- log capture ------------------------------------------------------------------------ */

#define MAX_LOGS 20000
typedef struct {
   int channel;
   pthread_t thread;
   char *text;
} Captured;

static Captured g_logs[MAX_LOGS];
static int g_numLogs;
static pthread_mutex_t g_logLock = PTHREAD_MUTEX_INITIALIZER;

static void capture(int channel, const char *fmt, va_list args)
{
   char *text;
   if (vasprintf(&text, fmt, args) < 0) {
      return;
   }
   pthread_mutex_lock(&g_logLock);
   if (g_numLogs < MAX_LOGS) {
      g_logs[g_numLogs++] = (Captured){ channel, pthread_self(), text };
      text = NULL;
   }
   pthread_mutex_unlock(&g_logLock);
   free(text);
}

static void fork_prepare(void) { pthread_mutex_lock(&g_logLock); }
static void fork_release(void) { pthread_mutex_unlock(&g_logLock); }
__attribute__((constructor)) static void register_fork_handlers(void)
{
   pthread_atfork(fork_prepare, fork_release, fork_release);
}

void t_log(const char *fmt, va_list args)   { capture(0, fmt, args); }
void t_warn(const char *fmt, va_list args)  { capture(1, fmt, args); }
void t_panic(const char *fmt, va_list args) { capture(2, fmt, args); }

void t_logs_clear(void)
{
   pthread_mutex_lock(&g_logLock);
   for (int i = 0; i < g_numLogs; i++) {
      free(g_logs[i].text);
   }
   g_numLogs = 0;
   pthread_mutex_unlock(&g_logLock);
}

static int count(int channel, const char *text, const pthread_t *thread, bool same)
{
   int n = 0;
   pthread_mutex_lock(&g_logLock);
   for (int i = 0; i < g_numLogs; i++) {
      const Captured *c = &g_logs[i];
      if ((channel < 0 || c->channel == channel) && strstr(c->text, text) != NULL &&
          (thread == NULL || (pthread_equal(c->thread, *thread) != 0) == same)) {
         n++;
      }
   }
   pthread_mutex_unlock(&g_logLock);
   return n;
}

int t_logs_count(int channel, const char *text)
{
   return count(channel, text, NULL, true);
}

int t_logs_count_thread(int channel, const char *text, pthread_t thread, bool sameThread)
{
   return count(channel, text, &thread, sameThread);
}

void t_logs_dump(int minChannel)
{
   pthread_mutex_lock(&g_logLock);
   for (int i = 0; i < g_numLogs; i++) {
      if (g_logs[i].channel >= minChannel) {
         printf("   [%d] %s", g_logs[i].channel, g_logs[i].text);
      }
   }
   pthread_mutex_unlock(&g_logLock);
}

/* ---- fixtures ---------------------------------------------------------------------------- */

void t_init(const char *configText)
{
   const char *config = NULL;
   if (configText != NULL) {
      config = t_path("vddk.conf");
      t_write_file(config, configText);
   }
   CHECK_OK(VixDiskLib_InitEx(8, 0, t_log, t_warn, t_panic, t_dir, config));
}

VixDiskLibConnectParams *t_params(const char *server, const char *vmxSpec, const char *user,
                                  const char *password)
{
   VixDiskLibConnectParams *p = VixDiskLib_AllocateConnectParams();
   CHECK(p != NULL);
   p->serverName = (char *)server;
   p->vmxSpec = (char *)vmxSpec;
   p->credType = VIXDISKLIB_CRED_UID;
   p->creds.uid.userName = (char *)user;
   p->creds.uid.password = (char *)password;
   p->thumbPrint = (char *)"AA:BB:CC";
   return p;
}

void t_world(bool dsOnSan)
{
   mkdir(t_path("ds1"), 0700);
   mkdir(t_path("state"), 0700);
   CHECK_OK(VixDiskLibStub_DefineServer("vc1", VIXDISKLIBSTUB_SERVER_VCENTER, "aa:bb:cc",
                                        NULL, t_path("state")));
   CHECK_OK(VixDiskLibStub_DefineServer("esx1", VIXDISKLIBSTUB_SERVER_ESXI, NULL, NULL,
                                        t_path("state")));
   CHECK_OK(VixDiskLibStub_AddUser("vc1", "admin", "secret"));
   CHECK_OK(VixDiskLibStub_AddUser("esx1", "admin", "secret"));
   CHECK_OK(VixDiskLibStub_AddDatastore("vc1", "ds1", t_path("ds1"), dsOnSan));
   CHECK_OK(VixDiskLibStub_AddDatastore("esx1", "ds1", t_path("ds1"), dsOnSan));
   CHECK_OK(VixDiskLibStub_AddVm("vc1", "vm-42", FALSE));
   CHECK_OK(VixDiskLibStub_AddVm("esx1", "vm-42", FALSE));
}
