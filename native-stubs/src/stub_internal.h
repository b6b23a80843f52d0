/*
 * stub_internal.h -- shared declarations of the stub libvixDiskLib (not installed).
 *
 * Locking: one global recursive mutex (stub_lock/stub_unlock) guards all library state:
 * init state, config, the emulated world, the object registry and faults. It is never held
 * during disk I/O, sleeps, or calls of the user's log functions. Each disk handle has its
 * own mutex for its descriptor rewrite and its read cache.
 */
#ifndef STUB_INTERNAL_H
#define STUB_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "vixDiskLib.h"
#include "vixDiskLibStub.h"

#define STUB_API __attribute__((visibility("default")))
#define STUB_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* ---- lock (init.c) ------------------------------------------------------------------- */
void stub_lock(void);
void stub_unlock(void);

/* ---- init.c ------------------------------------------------------------------------- */
bool stub_is_initialized(void);
/* Entry check of every real function: VIX_E_FAIL before InitEx, else an injected fault. */
VixError stub_enter(const char *function);

/* ---- log.c: levels follow vixDiskLib.transport.LogLevel ---------------------------------- */
enum {
   STUB_LVL_ERROR   = 1, /* cause of a failed call        -> warn function */
   STUB_LVL_WARN    = 2, /* caller mistakes, bad config   -> warn function */
   STUB_LVL_NOTICE  = 3, /* phone-home / CEIP noise       -> warn function */
   STUB_LVL_INFO    = 4, /* connections, opens            -> log function  */
   STUB_LVL_DETAIL  = 5, /* config values, transport picks -> log function */
   STUB_LVL_VERBOSE = 6  /* heartbeat, per-call details   -> log function  */
};
void stub_log_set_functions(VixDiskLibGenericLogFunc *log, VixDiskLibGenericLogFunc *warn,
                            VixDiskLibGenericLogFunc *panic);
void stub_logf(int level, const char *fmt, ...) STUB_PRINTF(2, 3);
/* NFC-level message for nbd/nbdssl handles, filtered by vixDiskLib.nfc.LogLevel (0..4). */
/* A panic message through panic (the stub's stderr default when NULL), whatever the
 * LogLevel; for mistakes real VDDK punishes with a crash. */
void stub_log_panic(VixDiskLibGenericLogFunc *panic, const char *fmt, ...) STUB_PRINTF(2, 3);
void stub_nfc_logf(int nfcLevel, const char *fmt, ...) STUB_PRINTF(2, 3);
void stub_log_start_thread(void);
void stub_log_stop_thread(void);
int64 stub_log_thread_count(void);
void stub_log_atfork_prepare(void);
void stub_log_atfork_parent(void);
void stub_log_atfork_child(void);

/* ---- config.c ------------------------------------------------------------------------ */
void stub_config_load(const char *path);   /* parse; problems are kept as notes */
/* Send the notes of the last load, then each known key's effective value (level 5). */
void stub_config_clear(void);
/* Effective numeric value of a known numeric key (its default if unset or invalid). */
int64 stub_config_int(const char *key);
void stub_config_log_effective(void);

/* ---- counters.c: registry of live objects handed to callers ----------------------------- */
typedef enum {
   STUB_OBJ_CONNECT_PARAMS,
   STUB_OBJ_INFO,
   STUB_OBJ_ERROR_TEXT,
   STUB_OBJ_BLOCK_LIST,
   STUB_OBJ_CONNECTION,
   STUB_OBJ_HANDLE,
   STUB_OBJ_KINDS
} StubObjKind;
void stub_track(StubObjKind kind, void *ptr);
bool stub_untrack(StubObjKind kind, void *ptr);     /* false: not a live object */
bool stub_is_tracked(StubObjKind kind, const void *ptr);
int64 stub_tracked_count(StubObjKind kind);

typedef enum { STUB_CALL_INITEX, STUB_CALL_INIT, STUB_CALL_EXIT, STUB_CALL_KINDS } StubCallKind;
void stub_count_call(StubCallKind kind);
void stub_counters_reset_calls(void);

/* ---- fault.c ------------------------------------------------------------------------- */
VixError stub_fault_check(const char *function);
void stub_faults_clear(void);

/* ---- errors.c ------------------------------------------------------------------------- */
const char *stub_error_name(VixError err);   /* NULL if unknown */

/* ---- server.c: the emulated world ------------------------------------------------------ */
typedef struct StubNameList {
   struct StubNameList *next;
   char *a, *b;            /* user: name/password; session: cookie/user */
} StubNameList;

typedef struct StubDatastore {
   struct StubDatastore *next;
   char *name;
   char *localDir;
   bool onSan;
} StubDatastore;

typedef struct StubVm {
   struct StubVm *next;
   char *moref;
   bool poweredOn;
} StubVm;

typedef struct StubServer {
   struct StubServer *next;
   char *name;
   VixDiskLibStubServerKind kind;
   char *thumbprint;       /* NULL: any accepted */
   char *transports;       /* colon-separated */
   char *stateDir;
   uint32 latencyMs;
   StubNameList *users;
   StubNameList *sessions;
   StubDatastore *datastores;
   StubVm *vms;
} StubServer;

/* Lookups; call with the lock held. Servers live until VixDiskLibStub_Reset. */
StubServer *stub_server_find(const char *name);
bool stub_server_check_user(const StubServer *s, const char *user, const char *password);
bool stub_server_check_session(const StubServer *s, const char *cookie);
StubDatastore *stub_server_find_datastore(const StubServer *s, const char *name);
StubVm *stub_server_find_vm(const StubServer *s, const char *moref);
bool stub_server_offers(const StubServer *s, const char *mode);
uint32 stub_server_latency(const StubServer *s);   /* takes the lock */
void stub_world_clear(void);
/* Environment file: applies good lines; returns the first error (lines logged). */
VixError stub_env_load(const char *path);

/* ---- util (server.c) ------------------------------------------------------------------- */
char *stub_strdup(const char *s);              /* NULL-safe */
/* "moref=vm-42" (also inside "...&moref=vm-42&...") -> malloc'd "vm-42", else NULL. */
char *stub_vmx_moref(const char *vmxSpec);

/* ---- connect.c ------------------------------------------------------------------------- */
#define STUB_CONN_MAGIC 0x434f4e4eu
struct VixDiskLibConnectParam {
   uint32 magic;
   bool local;
   StubServer *server;       /* NULL when local */
   char *serverName;
   char *vmxSpec;
   char *vmMoref;            /* from vmxSpec, may be NULL */
   char *thumbPrint;         /* as presented by the caller */
   char *snapshotRef;
   char *transportModes;
   char *userName;
   bool readOnly;
   bool thumbprintMismatch;
   int openHandles;          /* handles still referencing this connection */
   bool disconnected;        /* freed when the last handle closes */
};
/* Find the emulated server named by params and check credentials (for ConnectEx and the
 * access functions). Logs the cause of a failure through the warn function. */
VixError stub_authenticate(const VixDiskLibConnectParams *params, const char *function,
                           StubServer **server);
void stub_connection_release(VixDiskLibConnection conn);  /* after a handle closed */

/* ---- transport.c ------------------------------------------------------------------------ */
/* Choose the transport of an Open on a remote connection; logs why modes were skipped. */
VixError stub_transport_select(const struct VixDiskLibConnectParam *conn,
                               const StubDatastore *ds, const char **mode);
bool stub_transport_is_nfc(const char *mode);

/* ---- the disk format layer: descriptors, extents, disks (format.h) ---------------------- */
#include "format.h"

/* ---- disk.c ------------------------------------------------------------------------------ */
#define STUB_HANDLE_MAGIC 0x4844444bu
struct StubCache;
struct VixDiskLibHandleStruct {
   uint32 magic;
   struct VixDiskLibConnectParam *conn;
   StubServer *server;        /* NULL for local */
   const char *mode;          /* static transport name */
   char *path;                /* local descriptor path */
   StubDisk *disk;            /* the opened disk (format.h) */
   int lockFd;                /* fd holding the read-write lock, -1 for none */
   bool readOnly;
   bool direct;               /* O_DIRECT in effect (SAN) */
   bool writesDenied;         /* SAN on non-SAN storage */
   uint64 capacity;
   pthread_mutex_t mutex;     /* descriptor rewrite and cache */
   bool written;
   struct StubCache *cache;   /* vixDiskLib.disklib.EnableCache=1 */
};

/* Entry check of the functions taking a disk handle: stub_enter, then a live handle (else
 * VIX_E_INVALID_ARG, logged). */
VixError stub_enter_handle(const char *function, VixDiskLibHandle h);

/* Sector I/O of a handle after the argument checks of Read/Write (range, buffer, transport
 * latency): format layer, read cache, first-write descriptor update. Every successful write
 * of sectors [start, start+n) through any entry point (Write, WriteAsync) ends in
 * stub_handle_write, which calls stub_handle_written() -- the one hook for changed-area
 * tracking. */
VixError stub_handle_read(VixDiskLibHandle h, uint64 start, uint64 n, uint8 *buf);
VixError stub_handle_write(VixDiskLibHandle h, uint64 start, uint64 n, const uint8 *buf);
void stub_handle_written(VixDiskLibHandle h, uint64 start, uint64 n);

/* ---- cache.c ----------------------------------------------------------------------------- */
struct StubCache *stub_cache_new(void);
void stub_cache_free(struct StubCache *c);
/* Fills len bytes of the disk at byte offset off (len a whole block, may pass the end). */
typedef VixError (*StubCacheFill)(void *ctx, uint64 off, uint64 len, uint8 *buf);
/* Read through the cache; returns the error of a failed fill. */
VixError stub_cache_read(struct StubCache *c, StubCacheFill fill, void *ctx, uint64 byteOffset,
                         uint64 len, uint8 *buf);
void stub_cache_update(struct StubCache *c, uint64 byteOffset, uint64 len, const uint8 *buf);

#endif /* STUB_INTERNAL_H */
