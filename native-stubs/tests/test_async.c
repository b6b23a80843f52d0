/* test_async.c -- ReadAsync/WriteAsync/Wait: VIX_ASYNC, completion on the stub's worker
 * threads, Wait and Close wait, no sync/async write mix (26000), faults via the callback. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#define REQUESTS 64

typedef struct {
   atomic_int done;
   atomic_int failed;
   atomic_int onCaller;
   VixError lastError;
   pthread_t caller;
   atomic_int order[REQUESTS];
   atomic_int next;
} Completions;

typedef struct {
   Completions *c;
   int index;
} Tag;

static void on_complete(void *data, VixError result)
{
   Tag *t = data;
   Completions *c = t->c;
   if (pthread_equal(pthread_self(), c->caller)) {
      atomic_fetch_add(&c->onCaller, 1);
   }
   if (result != VIX_OK) {
      c->lastError = result;
      atomic_fetch_add(&c->failed, 1);
   }
   c->order[atomic_fetch_add(&c->next, 1) % REQUESTS] = t->index;
   usleep(1000);                       /* a slow callback: Wait must wait for it */
   atomic_fetch_add(&c->done, 1);
}

static VixDiskLibHandle open_disk(VixDiskLibConnection *conn, uint64 sectors)
{
   t_init(NULL);
   CHECK_OK(VixDiskLibStub_CreateFlatDisk(t_path("d.vmdk"), sectors, VIXDISKLIB_ADAPTER_IDE));
   CHECK_OK(VixDiskLib_ConnectEx(NULL, FALSE, NULL, NULL, conn));
   VixDiskLibHandle h = NULL;
   CHECK_OK(VixDiskLib_Open(*conn, t_path("d.vmdk"), 0, &h));
   return h;
}

/* 64 writes and 64 reads of 8 sectors each: VIX_ASYNC, callbacks on worker threads, the
 * data round-trips, Wait returns only after every callback returned; threads end at Exit. */
void test_async_io_completes_on_worker_threads(void)
{
   VixDiskLibConnection conn;
   VixDiskLibHandle h = open_disk(&conn, REQUESTS * 8);
   static uint8 out[REQUESTS][8 * 512], in[REQUESTS][8 * 512];
   Completions c = { .caller = pthread_self() };
   Tag tags[REQUESTS];
   for (int i = 0; i < REQUESTS; i++) {
      memset(out[i], 'A' + i % 26, sizeof out[i]);
      tags[i] = (Tag){ &c, i };
      CHECK_ERR(VixDiskLib_WriteAsync(h, (uint64)i * 8, 8, out[i], on_complete, &tags[i]),
                VIX_ASYNC);
   }
   CHECK_OK(VixDiskLib_Wait(h));
   CHECK_INT(atomic_load(&c.done), REQUESTS);
   CHECK_INT(atomic_load(&c.failed), 0);
   CHECK_INT(atomic_load(&c.onCaller), 0);
   CHECK(VixDiskLibStub_GetCounter("asyncThreads") >= 1);
   Completions r = { .caller = pthread_self() };
   for (int i = 0; i < REQUESTS; i++) {
      tags[i] = (Tag){ &r, i };
      CHECK_ERR(VixDiskLib_ReadAsync(h, (uint64)i * 8, 8, in[i], on_complete, &tags[i]),
                VIX_ASYNC);
   }
   CHECK_OK(VixDiskLib_Wait(h));
   CHECK_INT(atomic_load(&r.done), REQUESTS);
   CHECK(memcmp(in, out, sizeof in) == 0);
   uint8 sync[512];
   CHECK_OK(VixDiskLib_Read(h, 9, 1, sync));             /* reads mix freely */
   CHECK(sync[0] == 'B');
   CHECK_OK(VixDiskLib_Wait(h));                           /* nothing in flight: at once */
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
   VixDiskLib_Exit();
   CHECK_INT(VixDiskLibStub_GetCounter("asyncThreads"), 0);
}

/* Close with requests in flight waits for them (and their callbacks) before closing. */
void test_async_close_waits_for_requests_in_flight(void)
{
   VixDiskLibConnection conn;
   VixDiskLibHandle h = open_disk(&conn, REQUESTS * 8);
   static uint8 buf[REQUESTS][8 * 512];
   Completions c = { .caller = pthread_self() };
   Tag tags[REQUESTS];
   for (int i = 0; i < REQUESTS; i++) {
      tags[i] = (Tag){ &c, i };
      CHECK_ERR(VixDiskLib_ReadAsync(h, (uint64)i * 8, 8, buf[i], on_complete, &tags[i]),
                VIX_ASYNC);
   }
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_INT(atomic_load(&c.done), REQUESTS);
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* Writes of one handle are all synchronous or all asynchronous (26000 otherwise, in either
 * order, VDDK 9.0); argument errors are returned at once without a callback. */
void test_async_sync_and_async_writes_do_not_mix(void)
{
   VixDiskLibConnection conn;
   VixDiskLibHandle h = open_disk(&conn, 64);
   uint8 buf[512] = { 1 };
   Completions c = { .caller = pthread_self() };
   Tag tag = { &c, 0 };
   CHECK_OK(VixDiskLib_Write(h, 0, 1, buf));
   CHECK_ERR(VixDiskLib_WriteAsync(h, 1, 1, buf, on_complete, &tag),
             VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED);
   CHECK_ERR(VixDiskLib_ReadAsync(h, 0, 1, buf, on_complete, &tag), VIX_ASYNC);
   CHECK_OK(VixDiskLib_Wait(h));
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Open(conn, t_path("d.vmdk"), 0, &h));
   CHECK_ERR(VixDiskLib_WriteAsync(h, 1, 1, buf, on_complete, &tag), VIX_ASYNC);
   CHECK_OK(VixDiskLib_Wait(h));
   CHECK_ERR(VixDiskLib_Write(h, 0, 1, buf), VIX_E_ASYNC_MIXEDMODE_UNSUPPORTED);
   CHECK(t_logs_count(1, "cannot be mixed on one handle") == 2);
   CHECK_OK(VixDiskLib_Read(h, 0, 1, buf));
   /* argument errors: returned, no callback */
   CHECK_ERR(VixDiskLib_ReadAsync(h, 64, 1, buf, on_complete, &tag), VIX_E_DISK_OUTOFRANGE);
   CHECK_ERR(VixDiskLib_WriteAsync(h, 0, 1, NULL, on_complete, &tag), VIX_E_INVALID_ARG);
   CHECK_ERR(VixDiskLib_ReadAsync(NULL, 0, 1, buf, on_complete, &tag), VIX_E_INVALID_ARG);
   CHECK_OK(VixDiskLib_Wait(h));
   CHECK_INT(atomic_load(&c.done), 2);
   CHECK_INT(atomic_load(&c.failed), 0);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

/* An injected fault of ReadAsync/WriteAsync comes through the callback (VIX_ASYNC returned,
 * no I/O done); Wait and Close can be faulted like other functions. */
void test_async_injected_fault_arrives_through_callback(void)
{
   VixDiskLibConnection conn;
   VixDiskLibHandle h = open_disk(&conn, 64);
   uint8 buf[512];
   memset(buf, 7, sizeof buf);
   Completions c = { .caller = pthread_self() };
   Tag tag = { &c, 0 };
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_WriteAsync", 1, VIX_E_DISK_OUTOFRANGE + 0));
   CHECK_ERR(VixDiskLib_WriteAsync(h, 0, 1, buf, on_complete, &tag), VIX_ASYNC);
   CHECK_OK(VixDiskLib_Wait(h));
   CHECK_INT(atomic_load(&c.failed), 1);
   CHECK_INT(c.lastError, VIX_E_DISK_OUTOFRANGE);
   uint8 back[512] = { 1 };
   CHECK_OK(VixDiskLib_Read(h, 0, 1, back));
   CHECK(back[0] == 0);                                    /* not written */
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_ReadAsync", 2, VIX_E_FAIL));
   CHECK_ERR(VixDiskLib_ReadAsync(h, 0, 1, back, on_complete, &tag), VIX_ASYNC);
   CHECK_ERR(VixDiskLib_ReadAsync(h, 0, 1, back, on_complete, &tag), VIX_ASYNC);
   CHECK_OK(VixDiskLibStub_InjectFault("VixDiskLib_Wait", 1, VIX_E_OUT_OF_MEMORY));
   CHECK_ERR(VixDiskLib_Wait(h), VIX_E_OUT_OF_MEMORY);
   CHECK_OK(VixDiskLib_Wait(h));
   CHECK_INT(atomic_load(&c.done), 3);
   CHECK_INT(atomic_load(&c.failed), 2);
   CHECK_INT(c.lastError, VIX_E_FAIL);
   CHECK_OK(VixDiskLib_Close(h));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}

static VixDiskLibHandle g_selfHandle;
static atomic_int g_selfWaitResult = -1;

static void wait_from_callback(void *data, VixError result)
{
   (void)data;
   (void)result;
   atomic_store(&g_selfWaitResult, (int)VixDiskLib_Wait(g_selfHandle));
}

/* Wait on a handle from one of its own callbacks would wait for itself: refused. */
void test_async_wait_from_own_callback_is_refused(void)
{
   VixDiskLibConnection conn;
   g_selfHandle = open_disk(&conn, 64);
   uint8 buf[512];
   CHECK_ERR(VixDiskLib_ReadAsync(g_selfHandle, 0, 1, buf, wait_from_callback, NULL), VIX_ASYNC);
   CHECK_OK(VixDiskLib_Wait(g_selfHandle));
   CHECK_INT(atomic_load(&g_selfWaitResult), VIX_E_FAIL);
   CHECK(t_logs_count(1, "would wait for itself") == 1);
   CHECK_OK(VixDiskLib_Close(g_selfHandle));
   CHECK_OK(VixDiskLib_Disconnect(conn));
}
