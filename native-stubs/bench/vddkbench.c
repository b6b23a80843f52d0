/*
 * vddkbench -- the C baseline of vddk4j's benchmarks (docs/performance.md).
 *
 * Loads any libvixDiskLib from a VDDK distribution directory (libDir; the stub by default) with
 * dlopen, calls InitEx, makes a local connection and reads/writes local disks in-process, the
 * way a C backup program would. The JMH suite (src/jmh/java) does the same through vddk4j's
 * DiskHandle on the same disk files; native-stubs/bench/compare.sh runs both and prints one table.
 *
 * Commands (every result is one tab-separated line on stdout, comments start with '#'):
 *   vddkbench LIBDIR has FUNCTION                 exit status 0 if the library exports FUNCTION
 *   vddkbench LIBDIR create DISK SECTORS [sparse] create a monolithicFlat (or monolithicSparse) disk
 *                                                 (stub control API if the library has it, else
 *                                                 VixDiskLib_Create)
 *   vddkbench LIBDIR fill DISK [STRIDE]           write the whole disk once (1 MiB requests), or
 *                                                 only the first 1 MiB of every STRIDE sectors
 *   vddkbench LIBDIR io DISK0 DISK1 OPTIONS...    the data-path cases (below)
 *   vddkbench LIBDIR log MESSAGES                 the log callback from a native thread: formatting
 *                                                 (log-formatted), then returning at once (log-ignored)
 *   vddkbench LIBDIR sparse DISK STRAIGHT_DISK    a sparse whole-disk backup against a straight read
 *
 * io OPTIONS (each a comma-separated list, all combinations run):
 *   sizes=512,4096,...  ops=read,write  patterns=seq,rand  modes=sync,async  depths=1,4,16
 *   threads=1,2  ms=PASS_MS  passes=N
 * Thread t of a case uses its own handle on DISKt (two read-write opens of one disk fail).
 * Every case opens fresh handles (VDDK refuses mixing sync and async writes on one handle).
 * Output columns: impl op pattern mode depth threads bytes ns_per_op mb_per_s ops
 * where ns_per_op is the mean time of one request on one thread (best pass) and mb_per_s the
 * aggregate throughput of all threads (10^6 bytes per second).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vixDiskLib.h"
#include "vixDiskLibStub.h"

#define FN(name) static __typeof__(name) *p_##name
FN(VixDiskLib_InitEx);
FN(VixDiskLib_Exit);
FN(VixDiskLib_ConnectEx);
FN(VixDiskLib_Disconnect);
FN(VixDiskLib_Open);
FN(VixDiskLib_Close);
FN(VixDiskLib_Read);
FN(VixDiskLib_Write);
FN(VixDiskLib_ReadAsync);
FN(VixDiskLib_WriteAsync);
FN(VixDiskLib_Wait);
FN(VixDiskLib_Create);
FN(VixDiskLib_GetInfo);
FN(VixDiskLib_FreeInfo);
FN(VixDiskLib_QueryAllocatedBlocks);
FN(VixDiskLib_FreeBlockList);
FN(VixDiskLib_GetErrorText);
FN(VixDiskLib_FreeErrorText);
FN(VixDiskLibStub_CreateFlatDisk);
FN(VixDiskLibStub_CreateSparseDisk);
FN(VixDiskLibStub_EmitTestLogs);

static VixDiskLibConnection conn;

/* ---------------------------------------------------------------- utilities */

static void die(const char *what, VixError err)
{
   char *text = p_VixDiskLib_GetErrorText != NULL ? p_VixDiskLib_GetErrorText(err, NULL) : NULL;
   fprintf(stderr, "vddkbench: %s failed: %" PRIu64 " %s\n", what, (uint64_t)err, text != NULL ? text : "");
   if (text != NULL) {
      p_VixDiskLib_FreeErrorText(text);
   }
   exit(1);
}

static void check(const char *what, VixError err)
{
   if (err != VIX_OK) {
      die(what, err);
   }
}

static double now_ns(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static uint64_t xorshift(uint64_t *s)
{
   uint64_t x = *s;
   x ^= x << 13;
   x ^= x >> 7;
   x ^= x << 17;
   return *s = x;
}

static void *aligned(size_t bytes)
{
   void *p = NULL;
   if (posix_memalign(&p, 4096, bytes) != 0) {
      fprintf(stderr, "vddkbench: out of memory\n");
      exit(1);
   }
   memset(p, 0x5a, bytes);
   return p;
}

/* ---------------------------------------------------------------- loading */

static void *sym(void *lib, const char *name, int required)
{
   void *p = dlsym(lib, name);
   if (p == NULL && required) {
      fprintf(stderr, "vddkbench: the library lacks %s\n", name);
      exit(1);
   }
   return p;
}

/* Log functions: format like a real consumer would (vsnprintf into a stack buffer), or, while
 * log_formatting is off, return at once like a consumer whose level is disabled. */
static atomic_ulong logged;
static atomic_bool log_formatting = true;
static void log_format(const char *fmt, va_list args)
{
   if (!atomic_load_explicit(&log_formatting, memory_order_relaxed)) {
      return;
   }
   char buf[4096];
   vsnprintf(buf, sizeof buf, fmt, args);
   atomic_fetch_add_explicit(&logged, 1, memory_order_relaxed);
}

static void log_ignore(const char *fmt, va_list args)
{
   (void)fmt;
   (void)args;
}

static void *libHandle;

/* dlopen libDir/lib64/libvixDiskLib.so (or the highest .so.N), InitEx, local ConnectEx
 * (connect < 0: dlopen only). */
static void load(const char *libDir, VixDiskLibGenericLogFunc *logFunc, int connect)
{
   char path[4096];
   unsigned major = 0;
   void *lib = NULL;
   for (unsigned n = 9; n >= 6 && lib == NULL; n--) {
      snprintf(path, sizeof path, "%s/lib64/libvixDiskLib.so.%u", libDir, n);
      if (access(path, R_OK) == 0) {
         lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
         major = n;
      }
   }
   if (lib == NULL) {
      snprintf(path, sizeof path, "%s/lib64/libvixDiskLib.so", libDir);
      lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
      major = VIXDISKLIB_VERSION_MAJOR;
   }
   if (lib == NULL) {
      fprintf(stderr, "vddkbench: cannot load libvixDiskLib from %s/lib64: %s\n", libDir, dlerror());
      exit(1);
   }
   libHandle = lib;
   if (connect < 0) {
      return;
   }
#define LOAD(name, req) p_##name = (__typeof__(p_##name))sym(lib, #name, req)
   LOAD(VixDiskLib_InitEx, 1);
   LOAD(VixDiskLib_Exit, 1);
   LOAD(VixDiskLib_ConnectEx, 1);
   LOAD(VixDiskLib_Disconnect, 1);
   LOAD(VixDiskLib_Open, 1);
   LOAD(VixDiskLib_Close, 1);
   LOAD(VixDiskLib_Read, 1);
   LOAD(VixDiskLib_Write, 1);
   LOAD(VixDiskLib_GetErrorText, 1);
   LOAD(VixDiskLib_FreeErrorText, 1);
   LOAD(VixDiskLib_GetInfo, 1);
   LOAD(VixDiskLib_FreeInfo, 1);
   LOAD(VixDiskLib_ReadAsync, 0);
   LOAD(VixDiskLib_WriteAsync, 0);
   LOAD(VixDiskLib_Wait, 0);
   LOAD(VixDiskLib_Create, 0);
   LOAD(VixDiskLib_QueryAllocatedBlocks, 0);
   LOAD(VixDiskLib_FreeBlockList, 0);
   LOAD(VixDiskLibStub_CreateFlatDisk, 0);
   LOAD(VixDiskLibStub_CreateSparseDisk, 0);
   LOAD(VixDiskLibStub_EmitTestLogs, 0);
#undef LOAD
   check("VixDiskLib_InitEx", p_VixDiskLib_InitEx(major, 0, logFunc, logFunc, logFunc, libDir, NULL));
   if (connect) {
      check("VixDiskLib_ConnectEx", p_VixDiskLib_ConnectEx(NULL, 0, NULL, NULL, &conn));
   }
}

static void unload(void)
{
   if (conn != NULL) {
      check("VixDiskLib_Disconnect", p_VixDiskLib_Disconnect(conn));
   }
   p_VixDiskLib_Exit();
}

static VixDiskLibHandle open_disk(const char *disk, int readOnly)
{
   VixDiskLibHandle h = NULL;
   check(disk, p_VixDiskLib_Open(conn, disk, readOnly ? VIXDISKLIB_FLAG_OPEN_READ_ONLY : 0, &h));
   return h;
}

static uint64_t capacity(VixDiskLibHandle h)
{
   VixDiskLibInfo *info = NULL;
   check("VixDiskLib_GetInfo", p_VixDiskLib_GetInfo(h, &info));
   uint64_t c = info->capacity;
   p_VixDiskLib_FreeInfo(info);
   return c;
}

/* ---------------------------------------------------------------- io cases */

typedef struct {
   int write, random, async;
   unsigned depth;
   size_t bytes;
   double passMs;
} Case;

typedef struct {
   const Case *c;
   const char *disk;
   pthread_barrier_t *start, *end;
   unsigned passes;
   double bestNs;  /* per request, best pass */
   uint64_t ops;
} Worker;

typedef struct {
   pthread_mutex_t mutex;
   pthread_cond_t cond;
   unsigned char busy[64];
} Slots;

static void completed(void *cbData, VixError result)
{
   uintptr_t slot = (uintptr_t)cbData & 0xff;
   Slots *s = (Slots *)((uintptr_t)cbData & ~(uintptr_t)0xff);
   if (result != VIX_OK) {
      die("async completion", result);
   }
   pthread_mutex_lock(&s->mutex);
   s->busy[slot] = 0;
   pthread_cond_broadcast(&s->cond);
   pthread_mutex_unlock(&s->mutex);
}

static void *run_worker(void *arg)
{
   Worker *w = arg;
   const Case *c = w->c;
   VixDiskLibHandle h = open_disk(w->disk, !c->write);
   uint64_t sectors = c->bytes / VIXDISKLIB_SECTOR_SIZE;
   uint64_t slots = capacity(h) / sectors;
   unsigned depth = c->async ? c->depth : 1;
   uint8_t *bufs[64];
   for (unsigned i = 0; i < depth; i++) {
      bufs[i] = aligned(c->bytes);
   }
   Slots *s = aligned(sizeof(Slots)); /* 4096-aligned: the low byte of cbData is the slot */
   memset(s, 0, sizeof *s);
   pthread_mutex_init(&s->mutex, NULL);
   pthread_cond_init(&s->cond, NULL);
   uint64_t rnd = 0x9E3779B97F4A7C15ull ^ (uint64_t)(uintptr_t)w;
   uint64_t next = 0;
   w->bestNs = 1e300;
   for (unsigned pass = 0; pass <= w->passes; pass++) { /* pass 0 warms up */
      pthread_barrier_wait(w->start);
      double t0 = now_ns(), deadline = t0 + c->passMs * 1e6, t1;
      uint64_t n = 0;
      do {
         for (int k = 0; k < 16; k++, n++) {
            uint64_t slot = c->random ? xorshift(&rnd) % slots : next++ % slots;
            uint64_t start = slot * sectors;
            unsigned b = (unsigned)(n % depth);
            VixError err;
            if (!c->async) {
               err = c->write ? p_VixDiskLib_Write(h, start, sectors, bufs[b])
                              : p_VixDiskLib_Read(h, start, sectors, bufs[b]);
               if (err != VIX_OK) {
                  die(c->write ? "VixDiskLib_Write" : "VixDiskLib_Read", err);
               }
               continue;
            }
            pthread_mutex_lock(&s->mutex);
            while (s->busy[b]) {
               pthread_cond_wait(&s->cond, &s->mutex);
            }
            s->busy[b] = 1;
            pthread_mutex_unlock(&s->mutex);
            void *cbData = (void *)((uintptr_t)s | b);
            err = c->write ? p_VixDiskLib_WriteAsync(h, start, sectors, bufs[b], completed, cbData)
                           : p_VixDiskLib_ReadAsync(h, start, sectors, bufs[b], completed, cbData);
            if (err != VIX_ASYNC && err != VIX_OK) {
               die(c->write ? "VixDiskLib_WriteAsync" : "VixDiskLib_ReadAsync", err);
            }
         }
         t1 = now_ns();
      } while (t1 < deadline);
      if (c->async) {
         check("VixDiskLib_Wait", p_VixDiskLib_Wait(h));
         t1 = now_ns();
      }
      pthread_barrier_wait(w->end);
      double ns = (t1 - t0) / (double)n;
      if (pass > 0 && ns < w->bestNs) {
         w->bestNs = ns;
         w->ops = n;
      }
   }
   check("VixDiskLib_Close", p_VixDiskLib_Close(h));
   for (unsigned i = 0; i < depth; i++) {
      free(bufs[i]);
   }
   free(s);
   return NULL;
}

static void run_case(const Case *c, const char *disks[2], unsigned threads, unsigned passes)
{
   pthread_barrier_t start, end;
   pthread_barrier_init(&start, NULL, threads);
   pthread_barrier_init(&end, NULL, threads);
   Worker w[2];
   pthread_t tid[2];
   for (unsigned t = 0; t < threads; t++) {
      w[t] = (Worker){ .c = c, .disk = disks[t], .start = &start, .end = &end, .passes = passes };
      if (pthread_create(&tid[t], NULL, run_worker, &w[t]) != 0) {
         fprintf(stderr, "vddkbench: pthread_create failed\n");
         exit(1);
      }
   }
   double ns = 0, mbps = 0;
   uint64_t ops = 0;
   for (unsigned t = 0; t < threads; t++) {
      pthread_join(tid[t], NULL);
      ns += w[t].bestNs / threads;
      mbps += (double)c->bytes / w[t].bestNs * 1e3;
      ops += w[t].ops;
   }
   printf("c\t%s\t%s\t%s\t%u\t%u\t%zu\t%.1f\t%.1f\t%" PRIu64 "\n", c->write ? "write" : "read",
          c->random ? "rand" : "seq", c->async ? "async" : "sync", c->async ? c->depth : 0, threads,
          c->bytes, ns, mbps, ops);
   fflush(stdout);
   pthread_barrier_destroy(&start);
   pthread_barrier_destroy(&end);
}

/* Whether the comma-separated list contains word (whole items only: "async" is not "sync"). */
static int has_item(const char *list, const char *word)
{
   size_t n = strlen(word);
   for (const char *p = list; *p; p++) {
      if ((p == list || p[-1] == ',') && !strncmp(p, word, n) && (p[n] == ',' || p[n] == '\0')) {
         return 1;
      }
   }
   return 0;
}

/* Splits "a,b,c" into at most max unsigned longs; returns how many. */
static int parse_list(const char *s, unsigned long *out, int max)
{
   int n = 0;
   while (*s && n < max) {
      char *end;
      out[n++] = strtoul(s, &end, 10);
      s = *end == ',' ? end + 1 : end;
   }
   return n;
}

static int cmd_io(const char *disks[2], int argc, char **argv)
{
   unsigned long sizes[8] = { 512, 4096, 65536, 1048576, 8388608 }, depths[4] = { 1, 4, 16 },
                 threads[2] = { 1, 2 };
   int nSizes = 5, nDepths = 3, nThreads = 2;
   const char *ops = "read,write", *patterns = "seq,rand", *modes = "sync,async";
   double ms = 200;
   unsigned passes = 3;
   for (int i = 0; i < argc; i++) {
      char *v = strchr(argv[i], '=');
      if (v == NULL) {
         fprintf(stderr, "vddkbench: option %s is not NAME=VALUE\n", argv[i]);
         return 2;
      }
      *v++ = '\0';
      if (!strcmp(argv[i], "sizes")) nSizes = parse_list(v, sizes, 8);
      else if (!strcmp(argv[i], "depths")) nDepths = parse_list(v, depths, 4);
      else if (!strcmp(argv[i], "threads")) nThreads = parse_list(v, threads, 2);
      else if (!strcmp(argv[i], "ops")) ops = v;
      else if (!strcmp(argv[i], "patterns")) patterns = v;
      else if (!strcmp(argv[i], "modes")) modes = v;
      else if (!strcmp(argv[i], "ms")) ms = atof(v);
      else if (!strcmp(argv[i], "passes")) passes = (unsigned)atoi(v);
      else {
         fprintf(stderr, "vddkbench: unknown option %s\n", argv[i]);
         return 2;
      }
   }
   int haveAsync = p_VixDiskLib_ReadAsync != NULL && p_VixDiskLib_WriteAsync != NULL && p_VixDiskLib_Wait != NULL;
   if (has_item(modes, "async") && !haveAsync) {
      printf("# the library lacks ReadAsync/WriteAsync/Wait: async cases skipped\n");
   }
   printf("# impl\top\tpattern\tmode\tdepth\tthreads\tbytes\tns_per_op\tmb_per_s\tops\n");
   for (int mode = 0; mode < 2; mode++) {
      if (!has_item(modes, mode ? "async" : "sync") || (mode && !haveAsync)) {
         continue;
      }
      for (int op = 0; op < 2; op++) {
         if (!has_item(ops, op ? "write" : "read")) {
            continue;
         }
         for (int pat = 0; pat < 2; pat++) {
            if (!has_item(patterns, pat ? "rand" : "seq")) {
               continue;
            }
            for (int si = 0; si < nSizes; si++) {
               for (int ti = 0; ti < nThreads; ti++) {
                  for (int di = 0; di < (mode ? nDepths : 1); di++) {
                     Case c = { .write = op, .random = pat, .async = mode, .depth = (unsigned)depths[di],
                                .bytes = sizes[si], .passMs = ms };
                     if (c.depth < 1 || c.depth > 64 || c.bytes % VIXDISKLIB_SECTOR_SIZE) {
                        fprintf(stderr, "vddkbench: depth 1..64, sizes whole sectors\n");
                        return 2;
                     }
                     run_case(&c, disks, (unsigned)threads[ti] > 1 ? 2 : 1, passes);
                  }
               }
            }
         }
      }
   }
   return 0;
}

/* ---------------------------------------------------------------- other commands */

static int cmd_create(const char *disk, uint64_t sectors, int sparse)
{
   if (sparse && p_VixDiskLibStub_CreateSparseDisk != NULL) {
      check("VixDiskLibStub_CreateSparseDisk",
            p_VixDiskLibStub_CreateSparseDisk(disk, sectors, VIXDISKLIB_ADAPTER_SCSI_LSILOGIC));
   } else if (!sparse && p_VixDiskLibStub_CreateFlatDisk != NULL) {
      check("VixDiskLibStub_CreateFlatDisk", p_VixDiskLibStub_CreateFlatDisk(disk, sectors, VIXDISKLIB_ADAPTER_SCSI_LSILOGIC));
   } else if (p_VixDiskLib_Create != NULL) {
      VixDiskLibCreateParams p = { .diskType = sparse ? VIXDISKLIB_DISK_MONOLITHIC_SPARSE : VIXDISKLIB_DISK_MONOLITHIC_FLAT,
                                   .adapterType = VIXDISKLIB_ADAPTER_SCSI_LSILOGIC,
                                   .hwVersion = VIXDISKLIB_HWVERSION_WORKSTATION_6,
                                   .capacity = sectors };
      check("VixDiskLib_Create", p_VixDiskLib_Create(conn, disk, &p, NULL, NULL));
   } else {
      fprintf(stderr, "vddkbench: the library can create no disk\n");
      return 1;
   }
   return 0;
}

static int cmd_fill(const char *disk, uint64_t stride)
{
   VixDiskLibHandle h = open_disk(disk, 0);
   uint64_t cap = capacity(h), chunk = 2048;
   uint8_t *buf = aligned(chunk * VIXDISKLIB_SECTOR_SIZE);
   if (stride < chunk) {
      stride = chunk;
   }
   for (uint64_t s = 0; s < cap; s += stride) {
      uint64_t n = cap - s < chunk ? cap - s : chunk;
      for (uint64_t i = 0; i < n * VIXDISKLIB_SECTOR_SIZE; i += 8) {
         memcpy(buf + i, &(uint64_t){ s * VIXDISKLIB_SECTOR_SIZE + i }, 8);
      }
      check("VixDiskLib_Write", p_VixDiskLib_Write(h, s, n, buf));
   }
   free(buf);
   check("VixDiskLib_Close", p_VixDiskLib_Close(h));
   return 0;
}

/* Per message: EmitTestLogs from one native thread; the formatting callback, then the same
 * callback returning at once (what a disabled level costs at best). */
static int cmd_log(unsigned messages)
{
   if (p_VixDiskLibStub_EmitTestLogs == NULL) {
      printf("# the library lacks VixDiskLibStub_EmitTestLogs: log cases skipped\n");
      return 0;
   }
   printf("# impl\tcase\tns_per_message\tmessages\n");
   for (int formatting = 1; formatting >= 0; formatting--) {
      atomic_store(&log_formatting, formatting != 0);
      for (int pass = 0; pass < 4; pass++) {
         double t0 = now_ns();
         check("EmitTestLogs", p_VixDiskLibStub_EmitTestLogs(VIXDISKLIBSTUB_LOG, 1, messages, 16));
         double t1 = now_ns();
         if (pass > 0) {
            printf("c\t%s\t%.1f\t%u\n", formatting ? "log-formatted" : "log-ignored",
                   (t1 - t0) / messages, messages);
         }
      }
   }
   atomic_store(&log_formatting, true);
   return 0;
}

/* Backup of the allocated blocks of DISK (1 MiB reads) against reading all of STRAIGHT. */
static double read_ranges(VixDiskLibHandle h, VixDiskLibBlockList *list, uint64_t cap, uint8_t *buf, uint64_t *bytes)
{
   double t0 = now_ns();
   uint64_t n = list != NULL ? list->numBlocks : 1;
   for (uint64_t i = 0; i < n; i++) {
      uint64_t s = list != NULL ? list->blocks[i].offset : 0;
      uint64_t end = list != NULL ? s + list->blocks[i].length : cap;
      for (; s < end; s += 2048) {
         uint64_t k = end - s < 2048 ? end - s : 2048;
         check("VixDiskLib_Read", p_VixDiskLib_Read(h, s, k, buf));
         *bytes += k * VIXDISKLIB_SECTOR_SIZE;
      }
   }
   return now_ns() - t0;
}

static int cmd_sparse(const char *sparse, const char *straight)
{
   if (p_VixDiskLib_QueryAllocatedBlocks == NULL) {
      printf("# the library lacks QueryAllocatedBlocks: sparse backup skipped\n");
      return 0;
   }
   uint8_t *buf = aligned(1 << 20);
   VixDiskLibHandle hs = open_disk(sparse, 1), hf = open_disk(straight, 1);
   uint64_t capS = capacity(hs), capF = capacity(hf);
   double bestSparse = 1e300, bestStraight = 1e300;
   uint64_t sparseBytes = 0, straightBytes = 0;
   for (int pass = 0; pass < 3; pass++) {
      uint64_t b = 0;
      double t0 = now_ns();
      /* one query per 512 Ki chunks of 128 sectors: the most one call may cover */
      uint64_t per = 512ull * 1024 * 128;
      double t = 0;
      for (uint64_t s = 0; s + 128 <= capS; s += per) {
         uint64_t n = capS - s < per ? (capS - s) / 128 * 128 : per;
         VixDiskLibBlockList *list = NULL;
         check("VixDiskLib_QueryAllocatedBlocks", p_VixDiskLib_QueryAllocatedBlocks(hs, s, n, 128, &list));
         t += read_ranges(hs, list, capS, buf, &b);
         p_VixDiskLib_FreeBlockList(list);
      }
      t = now_ns() - t0;
      if (t < bestSparse) {
         bestSparse = t;
         sparseBytes = b;
      }
      b = 0;
      t = read_ranges(hf, NULL, capF, buf, &b);
      if (t < bestStraight) {
         bestStraight = t;
         straightBytes = b;
      }
   }
   printf("# impl\tcase\tms\tbytes\tmb_per_s\n");
   printf("c\tsparse-backup\t%.1f\t%" PRIu64 "\t%.1f\n", bestSparse / 1e6, sparseBytes, sparseBytes / bestSparse * 1e3);
   printf("c\tstraight-read\t%.1f\t%" PRIu64 "\t%.1f\n", bestStraight / 1e6, straightBytes,
          straightBytes / bestStraight * 1e3);
   check("VixDiskLib_Close", p_VixDiskLib_Close(hs));
   check("VixDiskLib_Close", p_VixDiskLib_Close(hf));
   free(buf);
   return 0;
}

int main(int argc, char **argv)
{
   if (argc < 3) {
      fprintf(stderr, "usage: vddkbench LIBDIR has FUNCTION | create DISK SECTORS [sparse] | fill DISK [STRIDE] | io DISK0 DISK1 [NAME=LIST...]\n"
                      "                        | log MESSAGES | sparse SPARSE_DISK STRAIGHT_DISK\n");
      return 2;
   }
   const char *libDir = argv[1], *cmd = argv[2];
   int rc = 2;
   if (!strcmp(cmd, "has") && argc == 4) {
      load(libDir, log_ignore, -1);
      return dlsym(libHandle, argv[3]) != NULL ? 0 : 1;
   }
   if (!strcmp(cmd, "log") && argc == 4) {
      load(libDir, log_format, 0);
      rc = cmd_log((unsigned)strtoul(argv[3], NULL, 10));
   } else {
      load(libDir, log_ignore, 1);
      if (!strcmp(cmd, "create") && (argc == 5 || (argc == 6 && !strcmp(argv[5], "sparse")))) {
         rc = cmd_create(argv[3], strtoull(argv[4], NULL, 10), argc == 6);
      } else if (!strcmp(cmd, "fill") && (argc == 4 || argc == 5)) {
         rc = cmd_fill(argv[3], argc == 5 ? strtoull(argv[4], NULL, 10) : 0);
      } else if (!strcmp(cmd, "io") && argc >= 5) {
         const char *disks[2] = { argv[3], argv[4] };
         rc = cmd_io(disks, argc - 5, argv + 5);
      } else if (!strcmp(cmd, "sparse") && argc == 5) {
         rc = cmd_sparse(argv[3], argv[4]);
      } else {
         fprintf(stderr, "vddkbench: unknown command or wrong arguments: %s\n", cmd);
      }
   }
   unload();
   return rc;
}
