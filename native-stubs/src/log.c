/* log.c -- log dispatch, the optional background log thread, VixDiskLibStub_EmitTestLogs. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stub_internal.h"

#define HEARTBEAT_MS 50

/* Set in InitEx and cleared in Exit (after the log thread is joined). */
static VixDiskLibGenericLogFunc *g_log, *g_warn, *g_panic;
static pthread_mutex_t g_stderrLock = PTHREAD_MUTEX_INITIALIZER;

/* Background thread state. */
static pthread_mutex_t g_threadLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_threadCond = PTHREAD_COND_INITIALIZER;
static pthread_t g_thread;
static bool g_threadRunning;
static bool g_threadStop;
/* VixDiskLibStub_SetBackgroundLogging; off by default: VDDK 9.0 in local mode sent every
 * message on the calling thread (measured). */
static bool g_background;

/* The stub's default log function (real VDDK's is not thread-safe; this one is). */
static void default_log(const char *fmt, va_list args)
{
   pthread_mutex_lock(&g_stderrLock);
   fputs("vixDiskLibStub: ", stderr);
   vfprintf(stderr, fmt, args);
   pthread_mutex_unlock(&g_stderrLock);
}

void stub_log_set_functions(VixDiskLibGenericLogFunc *log, VixDiskLibGenericLogFunc *warn,
                            VixDiskLibGenericLogFunc *panic)
{
   g_log = log;
   g_warn = warn;
   g_panic = panic;
}

static VixDiskLibGenericLogFunc *channel_function(VixDiskLibStubLogChannel channel)
{
   VixDiskLibGenericLogFunc *f;
   stub_lock();
   f = channel == VIXDISKLIBSTUB_WARN ? g_warn
     : channel == VIXDISKLIBSTUB_PANIC ? g_panic : g_log;
   stub_unlock();
   return f != NULL ? f : default_log;
}

static void vsend(VixDiskLibStubLogChannel channel, const char *fmt, va_list args)
{
   channel_function(channel)(fmt, args);
}

static void send(VixDiskLibStubLogChannel channel, const char *fmt, ...)
{
   va_list args;
   va_start(args, fmt);
   vsend(channel, fmt, args);
   va_end(args);
}

void stub_logf(int level, const char *fmt, ...)
{
   if (level > stub_config_int("vixDiskLib.transport.LogLevel")) {
      return;
   }
   va_list args;
   va_start(args, fmt);
   vsend(level <= STUB_LVL_NOTICE ? VIXDISKLIBSTUB_WARN : VIXDISKLIBSTUB_LOG, fmt, args);
   va_end(args);
}

void stub_log_panic(VixDiskLibGenericLogFunc *panic, const char *fmt, ...)
{
   va_list args;
   va_start(args, fmt);
   (panic != NULL ? panic : default_log)(fmt, args);
   va_end(args);
}

void stub_nfc_logf(int nfcLevel, const char *fmt, ...)
{
   if (nfcLevel > stub_config_int("vixDiskLib.nfc.LogLevel")) {
      return;
   }
   va_list args;
   va_start(args, fmt);
   vsend(nfcLevel <= 1 ? VIXDISKLIBSTUB_WARN : VIXDISKLIBSTUB_LOG, fmt, args);
   va_end(args);
}

/* VDDK 7+'s phone-home/CEIP noise through warn after InitEx. */
static void log_startup_noise(void)
{
   stub_logf(STUB_LVL_NOTICE, "VDDK_PhoneHome: Failed to read phone home configuration; "
             "usage data will not be sent\n");
   stub_logf(STUB_LVL_NOTICE, "VixDiskLib: Get CEIP status failed: not connected to a "
             "vCenter Server\n");
}

static void *log_thread_main(void *arg)
{
   (void)arg;
   stub_logf(STUB_LVL_INFO, "VixDiskLib: background worker thread started\n");
   log_startup_noise();
   unsigned long beat = 0;
   pthread_mutex_lock(&g_threadLock);
   while (!g_threadStop) {
      struct timespec deadline;
      clock_gettime(CLOCK_MONOTONIC, &deadline);
      deadline.tv_nsec += HEARTBEAT_MS * 1000000L;
      if (deadline.tv_nsec >= 1000000000L) {
         deadline.tv_sec++;
         deadline.tv_nsec -= 1000000000L;
      }
      int rc = 0;
      while (!g_threadStop && rc != ETIMEDOUT) {
         rc = pthread_cond_timedwait(&g_threadCond, &g_threadLock, &deadline);
      }
      if (g_threadStop) {
         break;
      }
      pthread_mutex_unlock(&g_threadLock);
      stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: worker heartbeat %lu\n", ++beat);
      pthread_mutex_lock(&g_threadLock);
   }
   pthread_mutex_unlock(&g_threadLock);
   stub_logf(STUB_LVL_INFO, "VixDiskLib: background worker thread exiting\n");
   return NULL;
}

void stub_log_init_done(void)
{
   pthread_mutex_lock(&g_threadLock);
   bool background = g_background;
   pthread_mutex_unlock(&g_threadLock);
   if (background) {
      stub_log_start_thread();
   } else {
      log_startup_noise();
   }
}

STUB_API VixError VixDiskLibStub_SetBackgroundLogging(Bool enabled)
{
   pthread_mutex_lock(&g_threadLock);
   g_background = enabled != FALSE;
   pthread_mutex_unlock(&g_threadLock);
   if (stub_is_initialized()) {
      if (enabled) {
         stub_log_start_thread();
      } else {
         stub_log_stop_thread();
      }
   }
   return VIX_OK;
}

void stub_log_start_thread(void)
{
   pthread_mutex_lock(&g_threadLock);
   if (!g_threadRunning) {
      pthread_condattr_t attr;
      pthread_condattr_init(&attr);
      pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
      pthread_cond_destroy(&g_threadCond);
      pthread_cond_init(&g_threadCond, &attr);
      pthread_condattr_destroy(&attr);
      g_threadStop = false;
      if (pthread_create(&g_thread, NULL, log_thread_main, NULL) == 0) {
         g_threadRunning = true;
      }
   }
   pthread_mutex_unlock(&g_threadLock);
}

void stub_log_stop_thread(void)
{
   pthread_mutex_lock(&g_threadLock);
   if (!g_threadRunning) {
      pthread_mutex_unlock(&g_threadLock);
      return;
   }
   g_threadStop = true;
   pthread_cond_broadcast(&g_threadCond);
   pthread_t thread = g_thread;
   pthread_mutex_unlock(&g_threadLock);
   pthread_join(thread, NULL);
   pthread_mutex_lock(&g_threadLock);
   g_threadRunning = false;
   pthread_mutex_unlock(&g_threadLock);
}

int64 stub_log_thread_count(void)
{
   pthread_mutex_lock(&g_threadLock);
   int64 n = g_threadRunning ? 1 : 0;
   pthread_mutex_unlock(&g_threadLock);
   return n;
}

/* fork(): hold the log locks across it so the child never inherits one mid-update; the
 * background thread does not exist in the child. */
void stub_log_atfork_prepare(void)
{
   pthread_mutex_lock(&g_threadLock);
   pthread_mutex_lock(&g_stderrLock);
}

void stub_log_atfork_parent(void)
{
   pthread_mutex_unlock(&g_stderrLock);
   pthread_mutex_unlock(&g_threadLock);
}

/* The forking thread locked both in prepare and is the child's only thread: it unlocks
 * them (normal mutexes; unlocking, unlike re-initialising, keeps ThreadSanitizer's view). */
void stub_log_atfork_child(void)
{
   g_threadRunning = false;
   pthread_mutex_unlock(&g_stderrLock);
   pthread_mutex_unlock(&g_threadLock);
}

/* ---- VixDiskLibStub_EmitTestLogs ----------------------------------------------------------- */

typedef struct {
   VixDiskLibStubLogChannel channel;
   int thread;
   uint32 messages;
   uint32 longLength;
} EmitJob;

static const char EMIT_FORMAT[] =
   "stub t=%d i=%u s=%s neg=%lld big=%llu hex=%x ptr=%p pct=%% tail=%s\n";

static void *emit_messages(void *arg)
{
   const EmitJob *job = arg;
   char *tail = malloc((size_t)job->longLength + 1);
   if (tail == NULL) {
      return NULL;
   }
   for (uint32 i = 0; i < job->messages; i++) {
      for (uint32 k = 0; k < job->longLength; k++) {
         tail[k] = (char)('a' + ((uint32)job->thread + i + k) % 26);
      }
      tail[job->longLength] = '\0';
      send(job->channel, EMIT_FORMAT, job->thread, i, "abc",
           -(long long)(i + 1) * 1000000007LL, 18446744073709551615ULL - i,
           0xC0DE0000u + i, (void *)(uintptr_t)(0x1000 + i), tail);
   }
   free(tail);
   return NULL;
}

STUB_API VixError VixDiskLibStub_EmitTestLogs(VixDiskLibStubLogChannel channel,
                                              uint32 numThreads, uint32 messagesPerThread,
                                              uint32 longLength)
{
   if (!stub_is_initialized()) {
      return VIX_E_FAIL;
   }
   if (channel != VIXDISKLIBSTUB_LOG && channel != VIXDISKLIBSTUB_WARN &&
       channel != VIXDISKLIBSTUB_PANIC) {
      return VIX_E_INVALID_ARG;
   }
   if (numThreads == 0) {
      EmitJob job = { channel, 0, messagesPerThread, longLength };
      emit_messages(&job);
      return VIX_OK;
   }
   pthread_t *threads = calloc(numThreads, sizeof *threads);
   EmitJob *jobs = calloc(numThreads, sizeof *jobs);
   if (threads == NULL || jobs == NULL) {
      free(threads);
      free(jobs);
      return VIX_E_OUT_OF_MEMORY;
   }
   uint32 started = 0;
   VixError err = VIX_OK;
   for (uint32 t = 0; t < numThreads; t++) {
      jobs[t] = (EmitJob){ channel, (int)t, messagesPerThread, longLength };
      if (pthread_create(&threads[t], NULL, emit_messages, &jobs[t]) != 0) {
         err = VIX_E_OUT_OF_MEMORY;
         break;
      }
      started++;
   }
   for (uint32 t = 0; t < started; t++) {
      pthread_join(threads[t], NULL);
   }
   free(threads);
   free(jobs);
   return err;
}
