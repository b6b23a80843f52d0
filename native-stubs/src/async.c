/*
 * async.c -- ReadAsync/WriteAsync/Wait on the stub's own worker threads.
 *
 * Rules (README.md, "Async I/O"):
 * - ReadAsync/WriteAsync check their arguments at once (errors are returned, no callback);
 *   an accepted request returns VIX_ASYNC (25000) and is done by one of ASYNC_WORKERS
 *   threads, started at the first request and joined by Exit. Workers take a random queued
 *   request, so requests complete in any order. The completion callback runs on the
 *   worker thread, with no lock of the library held, after the I/O.
 * - Wait returns once every request of the handle is done and its callback has returned.
 *   Close waits the same way before it closes (VMware's guide tells callers to Wait before
 *   Close; the stub does not let a forgotten Wait corrupt memory). Wait or Close of a handle
 *   from one of its own completion callbacks would wait for itself: refused with 1
 *   VIX_E_FAIL and a warning.
 * - Writes of one handle are all synchronous or all asynchronous: the other kind fails
 *   with 26000 VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED (measured on VDDK 9.0); reads mix freely.
 * - An injected fault of ReadAsync/WriteAsync is delivered through the callback: the call
 *   returns VIX_ASYNC, no I/O is done, the callback gets the injected error.
 */
#include <stdint.h>
#include <stdlib.h>

#include "stub_internal.h"

#define ASYNC_WORKERS 4

typedef struct Request {
   struct Request *next;
   VixDiskLibHandle h;
   bool write;
   VixDiskLibSectorType start, num;
   uint8 *buf;
   VixDiskLibCompletionCB cb;
   void *cbData;
   VixError injected;         /* VIX_OK, or the fault delivered instead of the I/O */
} Request;

static pthread_mutex_t g_alock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_work = PTHREAD_COND_INITIALIZER;   /* queue not empty or stop */
static pthread_cond_t g_done = PTHREAD_COND_INITIALIZER;   /* a request finished */
static Request *g_queue;
static size_t g_queued;
static pthread_t g_workers[ASYNC_WORKERS];
static int g_numWorkers;
static bool g_stop;
/* The handle whose completion callback this worker thread is running, if any. */
static __thread VixDiskLibHandle t_inCallbackOf;
static __thread bool t_isWorker;

static Request *take_random(unsigned *seed)
{
   size_t k = (size_t)rand_r(seed) % g_queued;
   Request **p = &g_queue;
   while (k-- > 0) {
      p = &(*p)->next;
   }
   Request *r = *p;
   *p = r->next;
   g_queued--;
   return r;
}

static void *worker_main(void *arg)
{
   unsigned seed = (unsigned)(uintptr_t)arg * 2654435761u;
   t_isWorker = true;
   pthread_mutex_lock(&g_alock);
   for (;;) {
      while (g_queued == 0 && !g_stop) {
         pthread_cond_wait(&g_work, &g_alock);
      }
      if (g_queued == 0) {
         break;                       /* stopping, and the queue is drained */
      }
      Request *r = take_random(&seed);
      pthread_mutex_unlock(&g_alock);
      VixError err = r->injected != VIX_OK ? r->injected
                   : r->write ? stub_handle_checked_write(r->h, r->start, r->num, r->buf)
                              : stub_handle_checked_read(r->h, r->start, r->num, r->buf);
      if (r->cb != NULL) {
         t_inCallbackOf = r->h;
         r->cb(r->cbData, err);
         t_inCallbackOf = NULL;
      }
      pthread_mutex_lock(&g_alock);
      r->h->asyncPending--;
      pthread_cond_broadcast(&g_done);
      free(r);
   }
   pthread_mutex_unlock(&g_alock);
   return NULL;
}

/* Call with g_alock held. */
static bool start_workers(void)
{
   while (g_numWorkers < ASYNC_WORKERS) {
      if (pthread_create(&g_workers[g_numWorkers], NULL, worker_main,
                         (void *)(uintptr_t)(g_numWorkers + 1)) != 0) {
         break;
      }
      g_numWorkers++;
   }
   return g_numWorkers > 0;
}

VixError stub_async_claim_write_mode(VixDiskLibHandle h, bool async)
{
   int mode = async ? 2 : 1;
   pthread_mutex_lock(&g_alock);
   if (h->writeMode == 0) {
      h->writeMode = mode;
   }
   bool mixed = h->writeMode != mode;
   pthread_mutex_unlock(&g_alock);
   if (mixed) {
      /* Measured on VDDK 9.0: either order fails with 26000. */
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s write on %s, whose earlier writes were %s: "
                "synchronous and asynchronous writes cannot be mixed on one handle\n",
                async ? "asynchronous" : "synchronous", h->path,
                async ? "synchronous" : "asynchronous");
      return VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED;
   }
   return VIX_OK;
}

static VixError submit(const char *function, VixDiskLibHandle h, bool write,
                       VixDiskLibSectorType start, VixDiskLibSectorType num, uint8 *buf,
                       VixDiskLibCompletionCB cb, void *cbData)
{
   if (!stub_is_initialized()) {
      return VIX_E_FAIL;
   }
   VixError injected = stub_fault_check(function);   /* delivered through the callback */
   VixError err = VIX_OK;
   if (!stub_is_tracked(STUB_OBJ_HANDLE, h)) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: %s(%p): not an open disk handle\n", function,
                (void *)h);
      return VIX_E_INVALID_ARG;
   }
   if (write) {
      err = stub_handle_check_write(h, start, num, buf);
      if (err == VIX_OK) {
         err = stub_async_claim_write_mode(h, true);
      }
   } else if (buf == NULL) {
      err = VIX_E_INVALID_ARG;
   } else if (start > h->capacity || num > h->capacity - start) {
      err = VIX_E_DISK_OUTOFRANGE;
   }
   if (err != VIX_OK) {
      return err;
   }
   Request *r = calloc(1, sizeof *r);
   if (r == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   *r = (Request){ NULL, h, write, start, num, buf, cb, cbData, injected };
   pthread_mutex_lock(&g_alock);
   if (!start_workers()) {
      pthread_mutex_unlock(&g_alock);
      free(r);
      return VIX_E_OUT_OF_MEMORY;
   }
   r->next = g_queue;
   g_queue = r;
   g_queued++;
   h->asyncPending++;
   pthread_cond_signal(&g_work);
   pthread_mutex_unlock(&g_alock);
   return VIX_ASYNC;
}

STUB_API VixError VixDiskLib_ReadAsync(VixDiskLibHandle diskHandle,
                                       VixDiskLibSectorType startSector,
                                       VixDiskLibSectorType numSectors, uint8 *readBuffer,
                                       VixDiskLibCompletionCB callback, void *cbData)
{
   return submit("VixDiskLib_ReadAsync", diskHandle, false, startSector, numSectors,
                 readBuffer, callback, cbData);
}

STUB_API VixError VixDiskLib_WriteAsync(VixDiskLibHandle diskHandle,
                                        VixDiskLibSectorType startSector,
                                        VixDiskLibSectorType numSectors,
                                        const uint8 *writeBuffer,
                                        VixDiskLibCompletionCB callback, void *cbData)
{
   return submit("VixDiskLib_WriteAsync", diskHandle, true, startSector, numSectors,
                 (uint8 *)writeBuffer, callback, cbData);
}

VixError stub_async_drain(VixDiskLibHandle h, const char *function)
{
   if (t_inCallbackOf == h) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s called from a completion callback of the "
                "same handle would wait for itself; refused\n", function);
      return VIX_E_FAIL;
   }
   pthread_mutex_lock(&g_alock);
   while (h->asyncPending > 0) {
      pthread_cond_wait(&g_done, &g_alock);
   }
   pthread_mutex_unlock(&g_alock);
   return VIX_OK;
}

STUB_API VixError VixDiskLib_Wait(VixDiskLibHandle diskHandle)
{
   VixError err = stub_enter_handle("VixDiskLib_Wait", diskHandle);
   return err != VIX_OK ? err : stub_async_drain(diskHandle, "VixDiskLib_Wait");
}

void stub_async_shutdown(void)
{
   if (t_isWorker) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Exit called from a completion callback; the "
                "async worker threads keep running\n");
      return;
   }
   pthread_mutex_lock(&g_alock);
   g_stop = true;
   pthread_cond_broadcast(&g_work);
   int n = g_numWorkers;
   pthread_mutex_unlock(&g_alock);
   for (int i = 0; i < n; i++) {
      pthread_join(g_workers[i], NULL);   /* each drains the queue before it ends */
   }
   pthread_mutex_lock(&g_alock);
   g_numWorkers = 0;
   g_stop = false;
   pthread_mutex_unlock(&g_alock);
}

int64 stub_async_thread_count(void)
{
   pthread_mutex_lock(&g_alock);
   int64 n = g_numWorkers;
   pthread_mutex_unlock(&g_alock);
   return n;
}

void stub_async_atfork_prepare(void)
{
   pthread_mutex_lock(&g_alock);
}

void stub_async_atfork_parent(void)
{
   pthread_mutex_unlock(&g_alock);
}

/* The workers do not exist in the child; what was queued is the parent's business. */
void stub_async_atfork_child(void)
{
   pthread_mutex_unlock(&g_alock);
   g_numWorkers = 0;
   g_queue = NULL;
   g_queued = 0;
}
