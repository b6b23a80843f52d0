/* testlib.h -- a tiny test framework and fixtures for the stub's C tests. */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <pthread.h>

#include "vixDiskLibStub.h"

/* ---- assertions (a failed check marks the running test failed and goes on) ---------- */
void t_fail(const char *file, int line, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));
#define CHECK(cond) \
   do { if (!(cond)) t_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); } while (0)
#define CHECK_ERR(expr, code) \
   do { \
      VixError e_ = (expr); \
      if (e_ != (VixError)(code)) \
         t_fail(__FILE__, __LINE__, "%s returned %llu, expected %llu", #expr, \
                (unsigned long long)e_, (unsigned long long)(code)); \
   } while (0)
#define CHECK_OK(expr) CHECK_ERR(expr, VIX_OK)
#define CHECK_STR(a, b) \
   do { \
      const char *a_ = (a), *b_ = (b); \
      if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) \
         t_fail(__FILE__, __LINE__, "%s is \"%s\", expected \"%s\"", #a, \
                a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
   } while (0)
#define CHECK_INT(a, b) \
   do { \
      long long a_ = (long long)(a), b_ = (long long)(b); \
      if (a_ != b_) t_fail(__FILE__, __LINE__, "%s is %lld, expected %lld", #a, a_, b_); \
   } while (0)

/* Run fn, a function of CHILD_LIST (tests.h), in a new process (fork + exec of the test
 * program, so the child starts clean: for code that needs its own InitEx/Exit, as real
 * VDDK allows one per process). Its failed checks fail the running test; it shares t_dir.
 * The child leaves with _exit: what fn left open is not reported as a leak. */
#define t_in_child(fn) t_in_child_named(#fn)
void t_in_child_named(const char *name);

/* ---- fixtures ------------------------------------------------------------------------ */
extern int t_current_failed;           /* failed checks of the running test */
extern char t_dir[256];                  /* fresh mkdtemp directory of the running test */
char *t_path(const char *name);       /* t_dir/name, static buffer ring (8 entries) */
void t_write_file(const char *path, const char *text);
char *t_read_file(const char *path);  /* malloc'd, NULL if missing */
void t_skip(const char *why);         /* mark the running test skipped */

/* Run a shell command; its stdout (up to outLen - 1 bytes) in out; returns pclose's status. */
int t_run(const char *cmd, char *out, size_t outLen);
/* t_run that must succeed: a failure names the command, its status and its output. */
#define CHECK_RUN(cmd, out, outLen) \
   do { \
      int rc_ = t_run((cmd), (out), (outLen)); \
      if (rc_ != 0) \
         t_fail(__FILE__, __LINE__, "`%s` exited with status 0x%x, output:\n%s", (cmd), rc_, \
                (out)); \
   } while (0)
/* The qemu-img / qemu-io binaries ($QEMU_IMG / $QEMU_IO, else from PATH); t_have_qemu: both
 * run (interop tests SKIP without them; under CI=true a missing qemu fails the test). */
const char *t_qemu_img(void);
const char *t_qemu_io(void);
bool t_have_qemu(void);
/* Local connection (ConnectEx with NULL params). */
VixDiskLibConnection t_local_connection(void);

/* ---- log capture ------------------------------------------------------------------------ */
void t_log(const char *fmt, va_list args);
void t_warn(const char *fmt, va_list args);
void t_panic(const char *fmt, va_list args);
void t_logs_clear(void);
/* Number of captured messages on channel (0 log, 1 warn, 2 panic, -1 any) containing text;
 * onThread: only those sent from that thread, offThread: only from other threads. */
int t_logs_count(int channel, const char *text);
int t_logs_count_thread(int channel, const char *text, pthread_t thread, bool sameThread);
void t_logs_dump(int minChannel);   /* captured messages of channel minChannel and above */

/* InitEx with the capturing log functions and config text (NULL: no config file). */
void t_init(const char *configText);
/* A remote connect params struct (from AllocateConnectParams); free with FreeConnectParams. */
VixDiskLibConnectParams *t_params(const char *server, const char *vmxSpec, const char *user,
                                  const char *password);
/* Define vcenter "vc1" (and "esx1") with user admin/secret, datastore ds1 -> t_dir/ds1
 * (onSan as given), VM vm-42 (powered off). */
void t_world(bool dsOnSan);

#endif
