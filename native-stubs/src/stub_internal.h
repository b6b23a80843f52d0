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
   STUB_LVL_DETAIL  = 5, /* transport picks              -> log function  */
   STUB_LVL_VERBOSE = 6  /* config values, heartbeat, details -> log function */
};
void stub_log_set_functions(VixDiskLibGenericLogFunc *log, VixDiskLibGenericLogFunc *warn,
                            VixDiskLibGenericLogFunc *panic);
void stub_logf(int level, const char *fmt, ...) STUB_PRINTF(2, 3);
/* NFC-level message for nbd/nbdssl handles, filtered by vixDiskLib.nfc.LogLevel (0..4). */
/* A panic message through panic (the stub's stderr default when NULL), whatever the
 * LogLevel; for mistakes real VDDK punishes with a crash. */
void stub_log_panic(VixDiskLibGenericLogFunc *panic, const char *fmt, ...) STUB_PRINTF(2, 3);
void stub_nfc_logf(int nfcLevel, const char *fmt, ...) STUB_PRINTF(2, 3);
/* After InitEx: start the background thread (VixDiskLibStub_SetBackgroundLogging) or send
 * its start-up noise from the calling thread (the default). */
void stub_log_init_done(void);
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
   STUB_OBJ_CHANGE_INFO,
   STUB_OBJ_CONNECT_PARAMS_COPY,   /* GetConnectParams results (own their strings) */
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
/* VDDK's two-call size protocol: *requiredLen (if not NULL) = strlen(value) + 1; the value
 * is copied when buf holds it, else VIX_E_BUFFER_TOOSMALL. */
VixError stub_copy_out(const char *value, char *buf, size_t bufLen, size_t *requiredLen);
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
   /* What GetConnectParams returns besides the above; secrets are wiped when freed. */
   VixDiskLibCredType credType;
   char *password;           /* UID */
   char *cookie, *key;       /* SESSIONID */
   uint32 port, nfcHostPort;
   VixDiskLibSpecType specType;
   char *spec[3];            /* the strings of the spec union, in declaration order */
   char *sslCertificate;     /* VDDK 9 */
   bool readOnly;
   bool thumbprintMismatch;
   int openHandles;          /* handles still referencing this connection */
   bool disconnected;        /* freed when the last handle closes */
};
/* NULL params, or no server name: a local connection (ConnectEx), nothing to clean up. */
bool stub_params_are_local(const VixDiskLibConnectParams *params);
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

/* ---- locks.c: disk locks (rw excludes all, ro excludes rw), across processes ------------ */
/* 20006 VIX_E_DIRECTORY_NOT_EMPTY: not in vixDiskLib.h, but what VDDK 9.0 returns when a
 * disk is locked (measured). */
#define STUB_E_DISK_LOCKED ((VixError)20006)
typedef struct StubDiskLock StubDiskLock;
/* Lock the disk whose descriptor is diskPath, retrying for the retry period; 20006 if
 * another handle (this or another live process) holds a conflicting lock. */
VixError stub_disklock_acquire(const char *diskPath, bool readOnly, StubDiskLock **out);
void stub_disklock_release(StubDiskLock *lock);    /* NULL-safe */
void stub_disklock_reset(void);                    /* retry period back to the default */
/* Start time of pid (field 22 of /proc/pid/stat); false if gone or a zombie. */
bool stub_process_start_time(long pid, unsigned long long *start);
bool stub_process_alive(long pid, unsigned long long startTime);

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
   bool readOnly;
   bool direct;               /* O_DIRECT in effect (SAN) */
   bool writesDenied;         /* SAN on non-SAN storage */
   uint64 capacity;
   pthread_mutex_t mutex;     /* descriptor rewrite and cache */
   bool written;
   struct StubCache *cache;   /* vixDiskLib.disklib.EnableCache=1 */
   StubDiskLock *lock;        /* locks.c */
   /* async.c, guarded by its lock: requests queued or running; kind of the first write */
   int asyncPending;
   int writeMode;             /* 0 none yet, 1 synchronous, 2 asynchronous */
   struct StubChanges *changes;  /* changes.c: blocks written, under mutex */
   char *changeId;            /* OpenEx's change ID, NULL for Open */
};

/* ---- changes.c: changed-block tracking (OpenEx change IDs, QueryChangedAreas) ----------- */
void stub_changes_record(VixDiskLibHandle h, uint64 start, uint64 num);
VixError stub_changes_flush(VixDiskLibHandle h);  /* to "<descriptor>.changes" if tracked */
void stub_changes_close(VixDiskLibHandle h);      /* flush, free */
/* The tracking sidecar of a disk (malloc'd path; it may not exist): Unlink removes it,
 * Rename moves it with the disk. */
char *stub_changes_sidecar(const char *diskPath);
/* Read/Write after the entry checks, with all their argument checks (Read/Write and the
 * async workers); the checks of a write that need no I/O (WriteAsync before it queues). */
VixError stub_handle_checked_read(VixDiskLibHandle h, VixDiskLibSectorType start,
                                  VixDiskLibSectorType num, uint8 *buf);
VixError stub_handle_check_write(VixDiskLibHandle h, VixDiskLibSectorType start,
                                 VixDiskLibSectorType num, const uint8 *buf);
VixError stub_handle_checked_write(VixDiskLibHandle h, VixDiskLibSectorType start,
                                   VixDiskLibSectorType num, const uint8 *buf);

/* ---- async.c: ReadAsync/WriteAsync/Wait on worker threads -------------------------------- */
/* 26000 unless every write of the handle is of one kind (VDDK 9.0, measured). */
VixError stub_async_claim_write_mode(VixDiskLibHandle h, bool async);
/* Wait until the handle has no request queued or running (Close, Wait). */
VixError stub_async_drain(VixDiskLibHandle h, const char *function);
void stub_async_shutdown(void);          /* Exit: finish the queue, join the workers */
int64 stub_async_thread_count(void);
void stub_async_atfork_prepare(void);
void stub_async_atfork_parent(void);
void stub_async_atfork_child(void);

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

/* ---- progress.c: long operations (progress, cancellation, staged files) -------------------- */
typedef struct {
   VixDiskLibProgressFunc func;   /* may be NULL */
   void *data;
   int last;                      /* last percentage reported, -1 before the first */
   const char *operation;         /* for the log line of a cancellation */
} StubProgress;
void stub_progress_init(StubProgress *p, VixDiskLibProgressFunc func, void *data,
                        const char *operation);
/* Report done/total (as a percentage, each value once); VIX_E_CANCELLED if the callback
 * returned FALSE. */
VixError stub_progress_report(StubProgress *p, uint64 done, uint64 total);

/* A staging directory beside the target: a disk is written there under its final base
 * names and moved out when complete (stub_stage_commit), or removed (stub_stage_abort). */
typedef struct {
   char *dir;        /* the staging directory */
   char *finalDir;   /* the target's directory, with a trailing '/' (or "") */
} StubStage;
VixError stub_stage_begin(StubStage *s, const char *finalPath);
char *stub_stage_path(const StubStage *s, const char *name);   /* dir/basename(name) */
VixError stub_stage_commit(StubStage *s, char *const *names, size_t n, bool replace);
void stub_stage_abort(StubStage *s);
/* errno of a failed file operation -> VixError (errors.c; the only such mapping). */
VixError stub_errno_to_vix(int e);
/* Preallocate [from, to) of fd with progress over base + allocated bytes of total. */
VixError stub_allocate(int fd, uint64 from, uint64 to, StubProgress *p, uint64 base,
                       uint64 total);

/* ---- disk.c: what the disk-management functions use of the open/read path ------------------ */
/* Open without the entry checks of VixDiskLib_Open (no fault injection, no init check). */
VixError stub_handle_open(VixDiskLibConnection conn, const char *path, uint32 flags,
                        VixDiskLibHandle *out);
void stub_handle_close(VixDiskLibHandle h);   /* closes a handle of stub_handle_open */
/* Local file behind path on conn: a copy of path (local) or the datastore's file (remote). */
VixError stub_handle_local_path(VixDiskLibConnection conn, const char *path, char **out);
/* A live connection (else VIX_E_INVALID_ARG, logged); no stub_enter. */
VixError stub_check_connection(const char *function, VixDiskLibConnection c);

/* ---- manage.c, clone.c: disk management ----------------------------------------------------- */
/* Does the disk at path exist (its descriptor, or the "-flat" extent its name implies)? */
bool stub_disk_exists(const char *path);
char *stub_flat_extent_name(const char *path);   /* "dir/NAME.vmdk" -> "dir/NAME-flat.vmdk" */
/* STUB_E_DISK_LOCKED (20006) if the disk at path is open, else VIX_OK. */
VixError stub_check_unlocked(const char *path);
/* Validate diskType, adapterType, capacity and sector sizes (the cause is logged). */
VixError stub_check_create_params(const VixDiskLibCreateParams *p, const char *function);
/* A disk written in a staging directory (stub_stage_disk). */
typedef struct {
   char *descriptor;     /* staged descriptor (monolithicSparse: the disk's one file) */
   char *names[2];       /* base names to commit: the flat extent if any, the descriptor last */
   size_t numNames;
} StubStagedDisk;
VixError stub_stage_disk(StubStage *s, const char *path, const VixDiskLibCreateParams *p,
                         StubProgress *progress, uint64 base, uint64 total,
                         StubStagedDisk *out);
void stub_staged_disk_free(StubStagedDisk *d);
/* Copy sectors [0, cap) of a source into dst (clone.c), skipping all-zero grains, with
 * progress over cap sectors. */
VixError stub_copy_sectors(StubBackingRead read, void *ctx, uint64 cap, StubDisk *dst,
                           StubProgress *progress);

#endif /* STUB_INTERNAL_H */
