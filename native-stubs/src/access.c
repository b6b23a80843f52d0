/*
 * access.c -- PrepareForAccess/EndAccess/Cleanup and their persisted state.
 *
 * Each PrepareForAccess appends a record "vm <TAB> pid <TAB> starttime <TAB> identity" to
 * <stateDir>/access-state.txt of the emulated vCenter. The process start time (field 22 of
 * /proc/<pid>/stat) tells a live owner from a dead one whose pid was reused. Updates hold
 * flock on <stateDir>/access-state.lock and replace the file atomically (temp + rename), so
 * concurrent processes never see a torn file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "stub_internal.h"

#define STATE_FILE "access-state.txt"
#define LOCK_FILE "access-state.lock"

typedef struct {
   char *vm;
   long pid;
   unsigned long long startTime;
   char *identity;
} Record;

typedef struct {
   Record *items;
   size_t count;
} Records;

static void records_free(Records *r)
{
   for (size_t i = 0; i < r->count; i++) {
      free(r->items[i].vm);
      free(r->items[i].identity);
   }
   free(r->items);
   r->items = NULL;
   r->count = 0;
}

static bool records_add(Records *r, const char *vm, long pid, unsigned long long start,
                        const char *identity)
{
   Record *items = realloc(r->items, (r->count + 1) * sizeof *items);
   if (items == NULL) {
      return false;
   }
   r->items = items;
   Record *rec = &items[r->count];
   rec->vm = strdup(vm);
   rec->identity = strdup(identity);
   rec->pid = pid;
   rec->startTime = start;
   if (rec->vm == NULL || rec->identity == NULL) {
      free(rec->vm);
      free(rec->identity);
      return false;
   }
   r->count++;
   return true;
}

static bool record_alive(const Record *r)
{
   return stub_process_alive(r->pid, r->startTime);
}

static char *state_path(const char *dir, const char *name)
{
   char *p;
   return asprintf(&p, "%s/%s", dir, name) < 0 ? NULL : p;
}

static int lock_state(const char *dir)
{
   char *path = state_path(dir, LOCK_FILE);
   int fd = path != NULL ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
   free(path);
   if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
      close(fd);
      fd = -1;
   }
   return fd;
}

static VixError read_records(const char *dir, Records *out)
{
   memset(out, 0, sizeof *out);
   char *path = state_path(dir, STATE_FILE);
   if (path == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   FILE *f = fopen(path, "r");
   free(path);
   if (f == NULL) {
      return errno == ENOENT ? VIX_OK : VIX_E_FILE_ACCESS_ERROR;
   }
   char *line = NULL;
   size_t cap = 0;
   bool ok = true;
   while (ok && getline(&line, &cap, f) != -1) {
      line[strcspn(line, "\n")] = '\0';
      if (line[0] == '#' || line[0] == '\0') {
         continue;
      }
      char *save = NULL;
      char *vm = strtok_r(line, "\t", &save);
      char *pid = strtok_r(NULL, "\t", &save);
      char *start = strtok_r(NULL, "\t", &save);
      char *identity = strtok_r(NULL, "", &save);
      if (vm != NULL && pid != NULL && start != NULL) {
         ok = records_add(out, vm, strtol(pid, NULL, 10), strtoull(start, NULL, 10),
                          identity != NULL ? identity : "");
      }
   }
   free(line);
   fclose(f);
   if (!ok) {
      records_free(out);
      return VIX_E_OUT_OF_MEMORY;
   }
   return VIX_OK;
}

static VixError write_records(const char *dir, const Records *r)
{
   char *path = state_path(dir, STATE_FILE), *tmp = NULL;
   if (path == NULL || asprintf(&tmp, "%s.tmpXXXXXX", path) < 0) {
      free(path);
      return VIX_E_OUT_OF_MEMORY;
   }
   int fd = mkstemp(tmp);
   FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
   bool ok = f != NULL &&
             fputs("# vddk4j stub: VMs whose RelocateVM_Task is disabled by "
                   "PrepareForAccess\n# vm\tpid\tstarttime\tidentity\n", f) >= 0;
   for (size_t i = 0; ok && i < r->count; i++) {
      ok = fprintf(f, "%s\t%ld\t%llu\t%s\n", r->items[i].vm, r->items[i].pid,
                   r->items[i].startTime, r->items[i].identity) > 0;
   }
   ok = ok && fflush(f) == 0 && fsync(fd) == 0;
   if (f != NULL) {
      ok = fclose(f) == 0 && ok;
   } else if (fd >= 0) {
      close(fd);
   }
   ok = ok && rename(tmp, path) == 0;
   if (!ok && fd >= 0) {
      unlink(tmp);
   }
   free(tmp);
   free(path);
   return ok ? VIX_OK : VIX_E_FILE_ACCESS_ERROR;
}

static size_t count_distinct_vms(const Records *r, const bool *select, bool want)
{
   size_t n = 0;
   for (size_t i = 0; i < r->count; i++) {
      if (select != NULL && select[i] != want) {
         continue;
      }
      bool seen = false;
      for (size_t j = 0; j < i && !seen; j++) {
         seen = (select == NULL || select[j] == want) && strcmp(r->items[j].vm,
                                                                r->items[i].vm) == 0;
      }
      n += seen ? 0 : 1;
   }
   return n;
}

/* Validated target of an access call: the server's state dir and (optionally) the VM. */
typedef struct {
   char *stateDir;
   char *vm;
   VixDiskLibStubServerKind kind;
} Target;

static void target_free(Target *t)
{
   free(t->stateDir);
   free(t->vm);
}

static VixError resolve_target(const VixDiskLibConnectParams *p, const char *function,
                               bool needVm, Target *t)
{
   memset(t, 0, sizeof *t);
   if (p == NULL || p->serverName == NULL || p->serverName[0] == '\0') {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s needs connection parameters naming a vCenter "
                "server\n", function);
      return VIX_E_INVALID_ARG;
   }
   StubServer *s;
   VixError err = stub_authenticate(p, function, &s);
   if (err != VIX_OK) {
      return err;
   }
   t->vm = stub_vmx_moref(p->vmxSpec);
   stub_lock();
   t->kind = s->kind;
   t->stateDir = stub_strdup(s->stateDir);
   bool vmKnown = t->vm != NULL && stub_server_find_vm(s, t->vm) != NULL;
   stub_unlock();
   if (t->stateDir == NULL) {
      target_free(t);
      return VIX_E_OUT_OF_MEMORY;
   }
   if (needVm && !vmKnown) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: the connection parameters must name one "
                "virtual machine (vmxSpec \"moref=<vm>\" of a VM on %s), got %s\n", function,
                p->serverName, p->vmxSpec != NULL ? p->vmxSpec : "(none)");
      target_free(t);
      return VIX_E_INVALID_ARG;
   }
   return VIX_OK;
}

/* Apply edit to the records under the state lock. */
typedef VixError (*RecordEdit)(Records *r, void *arg);

static VixError edit_records(const char *dir, RecordEdit edit, void *arg)
{
   int lockFd = lock_state(dir);
   if (lockFd < 0) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: cannot lock access state in %s: %s\n", dir,
                strerror(errno));
      return VIX_E_FILE_ACCESS_ERROR;
   }
   Records r;
   VixError err = read_records(dir, &r);
   if (err == VIX_OK) {
      err = edit(&r, arg);
   }
   records_free(&r);
   close(lockFd);
   return err;
}

typedef struct {
   const Target *target;
   const char *identity;
   const char *dir;
   uint32 cleaned, remaining;
} EditArgs;

static VixError add_record(Records *r, void *arg)
{
   EditArgs *a = arg;
   unsigned long long start = 0;
   stub_process_start_time((long)getpid(), &start);
   char *identity = strdup(a->identity);
   if (identity == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   for (char *c = identity; *c != '\0'; c++) {
      if (*c == '\t' || *c == '\n' || *c == '\r') {
         *c = ' ';
      }
   }
   bool ok = records_add(r, a->target->vm, (long)getpid(), start, identity);
   free(identity);
   return ok ? write_records(a->dir, r) : VIX_E_OUT_OF_MEMORY;
}

static VixError remove_records(Records *r, void *arg)
{
   EditArgs *a = arg;
   size_t kept = 0;
   for (size_t i = 0; i < r->count; i++) {
      Record *rec = &r->items[i];
      if (strcmp(rec->vm, a->target->vm) == 0 && strcmp(rec->identity, a->identity) == 0) {
         free(rec->vm);
         free(rec->identity);
         a->cleaned++;
      } else {
         r->items[kept++] = *rec;
      }
   }
   r->count = kept;
   return a->cleaned > 0 ? write_records(a->dir, r) : VIX_OK;
}

static VixError cleanup_records(Records *r, void *arg)
{
   EditArgs *a = arg;
   bool *alive = calloc(r->count + 1, sizeof *alive);
   if (alive == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   for (size_t i = 0; i < r->count; i++) {
      alive[i] = record_alive(&r->items[i]);
   }
   a->cleaned = (uint32)count_distinct_vms(r, alive, false);
   a->remaining = (uint32)count_distinct_vms(r, alive, true);
   size_t kept = 0;
   for (size_t i = 0; i < r->count; i++) {
      if (alive[i]) {
         r->items[kept++] = r->items[i];
      } else {
         free(r->items[i].vm);
         free(r->items[i].identity);
      }
   }
   bool changed = kept != r->count;
   r->count = kept;
   free(alive);
   return changed ? write_records(a->dir, r) : VIX_OK;
}

static VixError not_vcenter(const char *function, const char *what)
{
   stub_logf(STUB_LVL_ERROR, "VDDK: HostAgent is not a VirtualCenter, cannot %s "
             "sVmotion.\n", what);
   stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: %s failed: the server is an ESXi host\n",
             function);
   return VIX_E_NOT_SUPPORTED;
}

STUB_API VixError VixDiskLib_PrepareForAccess(const VixDiskLibConnectParams *connectParams,
                                              const char *identity)
{
   VixError err = stub_enter("VixDiskLib_PrepareForAccess");
   if (err != VIX_OK) {
      return err;
   }
   if (identity == NULL) {
      return VIX_E_INVALID_ARG;
   }
   Target t;
   if ((err = resolve_target(connectParams, "PrepareForAccess", true, &t)) != VIX_OK) {
      return err;
   }
   if (t.kind != VIXDISKLIBSTUB_SERVER_VCENTER) {
      err = not_vcenter("PrepareForAccess", "disable");
   } else {
      EditArgs a = { .target = &t, .identity = identity, .dir = t.stateDir };
      err = edit_records(t.stateDir, add_record, &a);
      if (err == VIX_OK) {
         stub_logf(STUB_LVL_INFO, "VixDiskLib: PrepareForAccess: RelocateVM_Task of %s "
                   "disabled for \"%s\"\n", t.vm, identity);
      }
   }
   target_free(&t);
   return err;
}

STUB_API VixError VixDiskLib_EndAccess(const VixDiskLibConnectParams *connectParams,
                                       const char *identity)
{
   VixError err = stub_enter("VixDiskLib_EndAccess");
   if (err != VIX_OK) {
      return err;
   }
   if (identity == NULL) {
      return VIX_E_INVALID_ARG;
   }
   Target t;
   if ((err = resolve_target(connectParams, "EndAccess", true, &t)) != VIX_OK) {
      return err;
   }
   if (t.kind != VIXDISKLIBSTUB_SERVER_VCENTER) {
      err = not_vcenter("EndAccess", "enable");
   } else {
      EditArgs a = { .target = &t, .identity = identity, .dir = t.stateDir };
      err = edit_records(t.stateDir, remove_records, &a);
      if (err == VIX_OK) {
         stub_logf(STUB_LVL_INFO, "VixDiskLib: EndAccess: RelocateVM_Task of %s enabled "
                   "for \"%s\" (%u record(s) cleared)\n", t.vm, identity, a.cleaned);
      }
   }
   target_free(&t);
   return err;
}

STUB_API VixError VixDiskLib_Cleanup(const VixDiskLibConnectParams *connectParams,
                                     uint32 *numCleanedUp, uint32 *numRemaining)
{
   VixError err = stub_enter("VixDiskLib_Cleanup");
   if (err != VIX_OK) {
      return err;
   }
   if (stub_params_are_local(connectParams)) {
      /* Measured on VDDK 9.0: local (empty) params give VIX_OK and leave both counts as
       * the caller set them. */
      stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: Cleanup: local connection, nothing to "
                "clean up\n");
      return VIX_OK;
   }
   Target t;
   if ((err = resolve_target(connectParams, "Cleanup", false, &t)) != VIX_OK) {
      return err;
   }
   EditArgs a = { .target = &t, .dir = t.stateDir };
   err = edit_records(t.stateDir, cleanup_records, &a);
   target_free(&t);
   if (err != VIX_OK) {
      return err;
   }
   stub_logf(STUB_LVL_INFO, "VixDiskLib: Cleanup: %u VM(s) cleaned up, %u remaining\n",
             a.cleaned, a.remaining);
   if (numCleanedUp != NULL) {
      *numCleanedUp = a.cleaned;
   }
   if (numRemaining != NULL) {
      *numRemaining = a.remaining;
   }
   return VIX_OK;
}

STUB_API int32 VixDiskLibStub_CountAccessRecords(const char *serverName)
{
   stub_lock();
   StubServer *s = stub_server_find(serverName);
   char *dir = s != NULL ? stub_strdup(s->stateDir) : NULL;
   stub_unlock();
   if (dir == NULL) {
      return -1;
   }
   int lockFd = lock_state(dir);
   Records r;
   int32 n = read_records(dir, &r) == VIX_OK ? (int32)count_distinct_vms(&r, NULL, false) : -1;
   records_free(&r);
   if (lockFd >= 0) {
      close(lockFd);
   }
   free(dir);
   return n;
}
