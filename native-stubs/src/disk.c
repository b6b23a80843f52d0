/*
 * disk.c -- Open/Close/GetTransportMode/GetInfo/FreeInfo/Read/Write/Flush.
 *
 * The disk's format (descriptor, extents, parent chain) is the format layer's (format.h);
 * I/O runs without any global lock, so different handles run in parallel. Every handle
 * holds a disk lock as VDDK 9.0 does (locks.c); asynchronous I/O is async.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stub_internal.h"

#define NFC_AIO_LIMIT (16u * 1024 * 1024)

/* What Open resolved before touching the disk. */
typedef struct {
   char *localPath;
   const char *mode;
   StubServer *server;
   bool onSan;
   char datastore[256];
} OpenPlan;

static void sleep_ms(uint64 ms)
{
   struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
   while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
   }
}

/* "[datastore1] vm1/vm1.vmdk" -> "<localDir>/vm1/vm1.vmdk" */
static VixError resolve_datastore_path(struct VixDiskLibConnectParam *c, const char *path,
                                       OpenPlan *plan)
{
   const char *close = path[0] == '[' ? strchr(path, ']') : NULL;
   size_t nameLen = close != NULL ? (size_t)(close - path - 1) : 0;
   if (close == NULL || nameLen == 0 || nameLen >= sizeof plan->datastore) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Open: \"%s\" is not a datastore path "
                "(\"[datastore] dir/disk.vmdk\")\n", path);
      return VIX_E_FILE_NOT_FOUND;
   }
   memcpy(plan->datastore, path + 1, nameLen);
   plan->datastore[nameLen] = '\0';
   const char *rel = close + 1;
   while (*rel == ' ') {
      rel++;
   }
   stub_lock();
   StubDatastore *ds = stub_server_find_datastore(c->server, plan->datastore);
   int rc = ds == NULL ? 0 : asprintf(&plan->localPath, "%s/%s", ds->localDir, rel);
   plan->onSan = ds != NULL && ds->onSan;
   stub_unlock();
   if (ds == NULL) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Open: server %s has no datastore [%s]\n",
                c->serverName, plan->datastore);
      return VIX_E_FILE_NOT_FOUND;
   }
   return rc < 0 ? VIX_E_OUT_OF_MEMORY : VIX_OK;
}

static VixError plan_remote_open(struct VixDiskLibConnectParam *c, const char *path,
                                 OpenPlan *plan)
{
   if (c->thumbprintMismatch) {
      stub_lock();
      char *actual = stub_strdup(c->server->thumbprint);
      stub_unlock();
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: SSL verification of %s failed: host "
                "thumbprint mismatch: expected %s, actual %s\n", c->serverName,
                c->thumbPrint != NULL ? c->thumbPrint : "(none)",
                actual != NULL ? actual : "(none)");
      free(actual);
      return VIX_E_FAIL;
   }
   VixError err = resolve_datastore_path(c, path, plan);
   if (err != VIX_OK) {
      return err;
   }
   stub_lock();
   StubVm *vm = stub_server_find_vm(c->server, c->vmMoref);
   bool locked = vm != NULL && vm->poweredOn &&
                 (c->snapshotRef == NULL || c->snapshotRef[0] == '\0');
   stub_unlock();
   if (locked) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Open: VM %s is powered on and no snapshot "
                "moref was given: its disks are locked by the running VM\n", c->vmMoref);
      return VIX_E_FILE_ALREADY_LOCKED;
   }
   StubDatastore ds = { .name = plan->datastore, .onSan = plan->onSan };
   plan->server = c->server;
   return stub_transport_select(c, &ds, &plan->mode);
}

static VixError check_nfc_aio_config(void)
{
   int64 size = stub_config_int("vixDiskLib.nfcAio.Session.BufSizeIn64KB");
   int64 count = stub_config_int("vixDiskLib.nfcAio.Session.BufCount");
   if ((uint64)size * (uint64)count * 65536u > NFC_AIO_LIMIT) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Open: vixDiskLib.nfcAio.Session.BufSizeIn64KB "
                "(%lld) x BufCount (%lld) x 64 KiB exceeds 16 MiB\n", (long long)size,
                (long long)count);
      return VIX_E_INVALID_ARG;
   }
   return VIX_OK;
}

/* Open the disk through the format layer (O_DIRECT for SAN) and take the read-write lock. */
static VixError open_format(VixDiskLibHandle h, uint32 flags)
{
   uint32 f = (h->readOnly ? STUB_DISK_OPEN_READ_ONLY : 0) |
              (strcmp(h->mode, "san") == 0 ? STUB_DISK_OPEN_DIRECT : 0) |
              ((flags & VIXDISKLIB_FLAG_OPEN_SINGLE_LINK) != 0 ? STUB_DISK_OPEN_SINGLE_LINK : 0);
   VixError err = stub_disk_open(h->path, f, &h->disk);
   if (err == VIX_E_FILE_NOT_FOUND) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Open: disk %s not found\n", h->path);
   }
   if (err != VIX_OK) {
      return err;
   }
   h->direct = h->disk->direct;
   /* disk management (manage.c) takes the same lock before changing a disk */
   return stub_disklock_acquire(h->path, h->readOnly, &h->lock);
}

static void free_handle(VixDiskLibHandle h)
{
   stub_disk_close(h->disk);
   stub_cache_free(h->cache);
   stub_changes_close(h);         /* changed areas to the sidecar, before the lock goes */
   stub_disklock_release(h->lock);
   pthread_mutex_destroy(&h->mutex);
   free(h->path);
   h->magic = 0;
   free(h);
}

static VixError open_disk(struct VixDiskLibConnectParam *c, OpenPlan *plan, uint32 flags,
                          VixDiskLibHandle *out)
{
   VixDiskLibHandle h = calloc(1, sizeof *h);
   if (h == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   pthread_mutex_init(&h->mutex, NULL);
   h->magic = STUB_HANDLE_MAGIC;
   h->conn = c;
   h->server = plan->server;
   h->mode = plan->mode;
   h->path = plan->localPath;
   plan->localPath = NULL;
   h->readOnly = c->readOnly || (flags & VIXDISKLIB_FLAG_OPEN_READ_ONLY) != 0;
   h->writesDenied = strcmp(h->mode, "san") == 0 && !plan->onSan;
   VixError err = open_format(h, flags);
   if (err == VIX_OK && stub_config_int("vixDiskLib.disklib.EnableCache") == 1 &&
       !h->direct && (h->cache = stub_cache_new()) == NULL) {
      err = VIX_E_OUT_OF_MEMORY;
   }
   if (err != VIX_OK) {
      free_handle(h);
      return err;
   }
   h->capacity = h->disk->capacity;
   stub_lock();
   c->openHandles++;
   stub_unlock();
   stub_track(STUB_OBJ_HANDLE, h);
   stub_logf(STUB_LVL_INFO, "VixDiskLib: opened %s (%llu sectors) with transport %s%s%s\n",
             h->path, (unsigned long long)h->capacity, h->mode,
             h->readOnly ? ", read-only" : "", h->cache != NULL ? ", cached" : "");
   if (stub_transport_is_nfc(h->mode)) {
      stub_nfc_logf(3, "[NFC INFO] NfcFssrvr: opened %s for %s\n", h->path,
                    h->readOnly ? "read" : "read/write");
   }
   *out = h;
   return VIX_OK;
}

VixError stub_check_connection(const char *function, VixDiskLibConnection c)
{
   if (!stub_is_tracked(STUB_OBJ_CONNECTION, c)) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: %s(%p): not an open connection\n", function,
                (void *)c);
      return VIX_E_INVALID_ARG;
   }
   return VIX_OK;
}

VixError stub_handle_local_path(VixDiskLibConnection connection, const char *path, char **out)
{
   OpenPlan plan = { .mode = "file" };
   if (connection->local) {
      *out = strdup(path);
      return *out == NULL ? VIX_E_OUT_OF_MEMORY : VIX_OK;
   }
   VixError err = resolve_datastore_path(connection, path, &plan);
   *out = plan.localPath;
   return err;
}

VixError stub_handle_open(VixDiskLibConnection connection, const char *path, uint32 flags,
                        VixDiskLibHandle *diskHandle)
{
   OpenPlan plan = { .mode = "file" };
   VixError err;
   if (connection->local) {
      plan.localPath = strdup(path);
      err = plan.localPath == NULL ? VIX_E_OUT_OF_MEMORY : VIX_OK;
   } else {
      err = plan_remote_open(connection, path, &plan);
   }
   if (err == VIX_OK) {
      err = check_nfc_aio_config();
   }
   if (err == VIX_OK) {
      err = open_disk(connection, &plan, flags, diskHandle);
   }
   free(plan.localPath);
   return err;
}

STUB_API VixError VixDiskLib_Open(const VixDiskLibConnection connection, const char *path,
                                  uint32 flags, VixDiskLibHandle *diskHandle)
{
   VixError err = stub_enter("VixDiskLib_Open");
   if (err != VIX_OK) {
      return err;
   }
   if (path == NULL || diskHandle == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = stub_check_connection("Open", connection)) != VIX_OK) {
      return err;
   }
   return stub_handle_open(connection, path, flags, diskHandle);
}

/* Entry check shared by the handle functions. */
VixError stub_enter_handle(const char *function, VixDiskLibHandle h)
{
   VixError err = stub_enter(function);
   if (err == VIX_OK && !stub_is_tracked(STUB_OBJ_HANDLE, h)) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: %s(%p): not an open disk handle\n", function,
                (void *)h);
      err = VIX_E_INVALID_ARG;
   }
   return err;
}

STUB_API VixError VixDiskLib_Close(VixDiskLibHandle diskHandle)
{
   VixError err = stub_enter_handle("VixDiskLib_Close", diskHandle);
   if (err == VIX_OK) {
      err = stub_async_drain(diskHandle, "VixDiskLib_Close");   /* requests in flight */
   }
   if (err != VIX_OK) {
      return err;
   }
   if (!stub_untrack(STUB_OBJ_HANDLE, diskHandle)) {
      return VIX_E_INVALID_ARG;   /* closed concurrently by another thread */
   }
   stub_logf(STUB_LVL_INFO, "VixDiskLib: closed %s\n", diskHandle->path);
   struct VixDiskLibConnectParam *c = diskHandle->conn;
   free_handle(diskHandle);
   stub_connection_release(c);
   return VIX_OK;
}

void stub_handle_close(VixDiskLibHandle h)
{
   if (stub_untrack(STUB_OBJ_HANDLE, h)) {
      struct VixDiskLibConnectParam *c = h->conn;
      free_handle(h);
      stub_connection_release(c);
   }
}

STUB_API const char *VixDiskLib_GetTransportMode(VixDiskLibHandle diskHandle)
{
   return stub_enter_handle("VixDiskLib_GetTransportMode", diskHandle) == VIX_OK
             ? diskHandle->mode : NULL;
}

static uint32 ddb_uint(const StubVmdk *v, const char *key)
{
   char buf[32];
   return stub_vmdk_get(v, key, buf, sizeof buf) != NULL ? (uint32)strtoul(buf, NULL, 10) : 0;
}

STUB_API VixError VixDiskLib_GetInfo(VixDiskLibHandle diskHandle, VixDiskLibInfo **info)
{
   VixError err = stub_enter_handle("VixDiskLib_GetInfo", diskHandle);
   if (err != VIX_OK) {
      return err;
   }
   if (info == NULL) {
      return VIX_E_INVALID_ARG;
   }
   VixDiskLibInfo *i = calloc(1, sizeof *i);
   if (i == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   pthread_mutex_lock(&diskHandle->mutex);
   const StubVmdk *v = &diskHandle->disk->vmdk;
   i->biosGeo.cylinders = ddb_uint(v, "ddb.geometry.biosCylinders");
   i->biosGeo.heads = ddb_uint(v, "ddb.geometry.biosHeads");
   i->biosGeo.sectors = ddb_uint(v, "ddb.geometry.biosSectors");
   i->physGeo.cylinders = ddb_uint(v, "ddb.geometry.cylinders");
   i->physGeo.heads = ddb_uint(v, "ddb.geometry.heads");
   i->physGeo.sectors = ddb_uint(v, "ddb.geometry.sectors");
   i->capacity = diskHandle->capacity;
   i->adapterType = stub_vmdk_adapter(v);
   i->numLinks = diskHandle->disk->numLinks;
   char uuid[128], hint[4096];
   bool hasUuid = stub_vmdk_get(v, "ddb.uuid", uuid, sizeof uuid) != NULL;
   char parentCid[32];
   bool hasParent = stub_vmdk_get(v, "parentCID", parentCid, sizeof parentCid) != NULL &&
                    strtoul(parentCid, NULL, 16) != 0xffffffffUL &&
                    stub_vmdk_get(v, "parentFileNameHint", hint, sizeof hint) != NULL;
   pthread_mutex_unlock(&diskHandle->mutex);
   if ((hasUuid && (i->uuid = strdup(uuid)) == NULL) ||
       (hasParent && (i->parentFileNameHint = strdup(hint)) == NULL)) {
      free(i->uuid);
      free(i);
      return VIX_E_OUT_OF_MEMORY;
   }
#if VIXDISKLIB_VERSION_MAJOR >= 7
   i->logicalSectorSize = VIXDISKLIB_SECTOR_SIZE;
   i->physicalSectorSize = VIXDISKLIB_SECTOR_SIZE;
#endif
   stub_track(STUB_OBJ_INFO, i);
   *info = i;
   return VIX_OK;
}

STUB_API void VixDiskLib_FreeInfo(VixDiskLibInfo *info)
{
   if (info == NULL) {
      return;
   }
   if (!stub_untrack(STUB_OBJ_INFO, info)) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: FreeInfo(%p): not returned by GetInfo (double "
                "free?); ignored\n", (void *)info);
      return;
   }
   free(info->uuid);
   free(info->parentFileNameHint);
   free(info);
}

/* ---- Read / Write -------------------------------------------------------------------------- */

static VixError check_range(VixDiskLibHandle h, VixDiskLibSectorType start,
                            VixDiskLibSectorType num, const char *what)
{
   if (start > h->capacity || num > h->capacity - start) {
      stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: %s of sectors %llu+%llu is beyond the "
                "capacity %llu\n", what, (unsigned long long)start, (unsigned long long)num,
                (unsigned long long)h->capacity);
      return VIX_E_DISK_OUTOFRANGE;
   }
   return VIX_OK;
}

/* NFC handles pay the server latency per call and time out per the nfc.*TimeoutMs keys. */
static VixError nfc_round_trip(VixDiskLibHandle h, bool write, VixDiskLibSectorType start,
                               VixDiskLibSectorType num)
{
   if (!stub_transport_is_nfc(h->mode)) {
      return VIX_OK;
   }
   const char *op = write ? "write" : "read";
   uint32 latency = stub_server_latency(h->server);
   int64 timeout = stub_config_int(write ? "vixDiskLib.nfc.WriteTimeoutMs"
                                         : "vixDiskLib.nfc.ReadTimeoutMs");
   if (timeout > 0 && latency > timeout) {
      sleep_ms((uint64)timeout);
      stub_nfc_logf(1, "[NFC ERROR] Nfc_%s: operation timed out after %lld ms\n",
                    write ? "Write" : "Read", (long long)timeout);
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: NFC %s of %s timed out after %lld ms "
                "(server %s latency %u ms)\n", op, h->path, (long long)timeout,
                h->conn->serverName, latency);
      return VIX_E_NET_HTTP_OPERATION_TIMEDOUT;
   }
   sleep_ms(latency);
   stub_nfc_logf(4, "[NFC VERBOSE] Nfc_%s: %llu sectors at %llu\n", write ? "Write" : "Read",
                 (unsigned long long)num, (unsigned long long)start);
   return VIX_OK;
}

/* SAN is O_DIRECT: the buffer must be sector-aligned, as the kernel demands. */
static VixError check_direct_buffer(VixDiskLibHandle h, const void *buf, const char *op)
{
   if (h->direct || strcmp(h->mode, "san") == 0) {
      if ((uintptr_t)buf % VIXDISKLIB_SECTOR_SIZE != 0) {
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: SAN %s: buffer %p is not aligned to %d "
                   "bytes (O_DIRECT)\n", op, buf, VIXDISKLIB_SECTOR_SIZE);
         return VIX_E_INVALID_ARG;
      }
   }
   return VIX_OK;
}

static VixError cache_fill(void *ctx, uint64 off, uint64 len, uint8 *buf)
{
   VixDiskLibHandle h = ctx;
   uint64 first = off / VIXDISKLIB_SECTOR_SIZE, n = len / VIXDISKLIB_SECTOR_SIZE;
   uint64 in = first >= h->capacity ? 0 : (h->capacity - first < n ? h->capacity - first : n);
   memset(buf + in * VIXDISKLIB_SECTOR_SIZE, 0, (size_t)((n - in) * VIXDISKLIB_SECTOR_SIZE));
   return in > 0 ? stub_disk_read(h->disk, first, in, buf) : VIX_OK;
}

VixError stub_handle_read(VixDiskLibHandle h, uint64 start, uint64 n, uint8 *buf)
{
   VixError err;
   if (h->cache != NULL) {
      pthread_mutex_lock(&h->mutex);
      err = stub_cache_read(h->cache, cache_fill, h, start * VIXDISKLIB_SECTOR_SIZE,
                            n * VIXDISKLIB_SECTOR_SIZE, buf);
      pthread_mutex_unlock(&h->mutex);
   } else {
      err = stub_disk_read(h->disk, start, n, buf);
   }
   if (err != VIX_OK) {
      const char *name = stub_error_name(err);
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Read of %s failed with %s\n", h->path,
                name != NULL ? name : "an I/O error");
   }
   return err;
}

/* Read after the entry checks, for Read and ReadAsync (on a worker thread). */
VixError stub_handle_checked_read(VixDiskLibHandle h, VixDiskLibSectorType startSector,
                                  VixDiskLibSectorType numSectors, uint8 *readBuffer)
{
   VixError err;
   if (readBuffer == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = check_range(h, startSector, numSectors, "Read")) != VIX_OK || numSectors == 0 ||
       (err = check_direct_buffer(h, readBuffer, "read")) != VIX_OK ||
       (err = nfc_round_trip(h, false, startSector, numSectors)) != VIX_OK) {
      return err;
   }
   return stub_handle_read(h, startSector, numSectors, readBuffer);
}

STUB_API VixError VixDiskLib_Read(VixDiskLibHandle diskHandle,
                                  VixDiskLibSectorType startSector,
                                  VixDiskLibSectorType numSectors, uint8 *readBuffer)
{
   VixError err = stub_enter_handle("VixDiskLib_Read", diskHandle);
   return err != VIX_OK ? err : stub_handle_checked_read(diskHandle, startSector, numSectors,
                                                         readBuffer);
}

/* The first write through a handle rewrites the descriptor, as VDDK does. */
static VixError mark_written(VixDiskLibHandle h)
{
   VixError err = VIX_OK;
   pthread_mutex_lock(&h->mutex);
   if (!h->written) {
      err = stub_vmdk_mark_written(&h->disk->vmdk, h->path);
      h->written = err == VIX_OK;
   }
   pthread_mutex_unlock(&h->mutex);
   if (err != VIX_OK) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: cannot update descriptor %s\n", h->path);
   }
   return err;
}

/* Checks of a Write that need no I/O (also run by WriteAsync before it queues). */
VixError stub_handle_check_write(VixDiskLibHandle h, VixDiskLibSectorType startSector,
                                 VixDiskLibSectorType numSectors, const uint8 *writeBuffer)
{
   if (writeBuffer == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if (h->readOnly) {
      return VIX_E_FILE_READ_ONLY;
   }
   return check_range(h, startSector, numSectors, "Write");
}

/* Write after the entry checks, for Write and WriteAsync (on a worker thread). */
VixError stub_handle_checked_write(VixDiskLibHandle h, VixDiskLibSectorType startSector,
                                   VixDiskLibSectorType numSectors, const uint8 *writeBuffer)
{
   VixError err = stub_handle_check_write(h, startSector, numSectors, writeBuffer);
   if (err != VIX_OK || numSectors == 0) {
      return err;
   }
   if (h->writesDenied) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: SAN write to %s denied: the datastore is not "
                "SAN storage (use nbd or nbdssl for local storage)\n", h->path);
      return VIX_E_FILE_ACCESS_ERROR;
   }
   if ((err = check_direct_buffer(h, writeBuffer, "write")) != VIX_OK ||
       (err = nfc_round_trip(h, true, startSector, numSectors)) != VIX_OK) {
      return err;
   }
   return stub_handle_write(h, startSector, numSectors, writeBuffer);
}

STUB_API VixError VixDiskLib_Write(VixDiskLibHandle diskHandle,
                                   VixDiskLibSectorType startSector,
                                   VixDiskLibSectorType numSectors, const uint8 *writeBuffer)
{
   VixError err = stub_enter_handle("VixDiskLib_Write", diskHandle);
   if (err == VIX_OK) {
      err = stub_handle_check_write(diskHandle, startSector, numSectors, writeBuffer);
   }
   if (err == VIX_OK) {
      err = stub_async_claim_write_mode(diskHandle, false);
   }
   return err != VIX_OK ? err : stub_handle_checked_write(diskHandle, startSector, numSectors,
                                                          writeBuffer);
}

/* Changed-area tracking hook: every successful write of [start, start+n) passes here. */
void stub_handle_written(VixDiskLibHandle h, uint64 start, uint64 n)
{
   stub_changes_record(h, start, n);
}

VixError stub_handle_write(VixDiskLibHandle h, uint64 start, uint64 n, const uint8 *buf)
{
   VixError err = stub_disk_write(h->disk, start, n, buf);
   if (err == VIX_OK) {
      err = mark_written(h);
   }
   if (err != VIX_OK) {
      const char *name = stub_error_name(err);
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Write to %s failed with %s\n", h->path,
                name != NULL ? name : "an I/O error");
      return err;
   }
   if (h->cache != NULL) {
      pthread_mutex_lock(&h->mutex);
      stub_cache_update(h->cache, start * VIXDISKLIB_SECTOR_SIZE, n * VIXDISKLIB_SECTOR_SIZE,
                        buf);
      pthread_mutex_unlock(&h->mutex);
   }
   stub_handle_written(h, start, n);
   return VIX_OK;
}

STUB_API VixError VixDiskLib_Flush(VixDiskLibHandle diskHandle)
{
   VixError err = stub_enter_handle("VixDiskLib_Flush", diskHandle);
   if (err != VIX_OK) {
      return err;
   }
   err = stub_disk_flush(diskHandle->disk);
   return err != VIX_OK ? err : stub_changes_flush(diskHandle);
}
