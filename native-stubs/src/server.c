/*
 * server.c -- the emulated world (servers, users, sessions, datastores, VMs), its control
 * functions, and the environment file (VIXDISKLIBSTUB_ENV) that describes it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "stub_internal.h"

static StubServer *g_servers;   /* guarded by stub_lock */

VixError stub_copy_out(const char *value, char *buf, size_t bufLen, size_t *requiredLen)
{
   size_t need = strlen(value) + 1;
   if (requiredLen != NULL) {
      *requiredLen = need;
   }
   if (buf == NULL || bufLen < need) {
      return VIX_E_BUFFER_TOOSMALL;
   }
   memcpy(buf, value, need);
   return VIX_OK;
}

char *stub_strdup(const char *s)
{
   return s != NULL ? strdup(s) : NULL;
}

char *stub_vmx_moref(const char *vmxSpec)
{
   if (vmxSpec == NULL) {
      return NULL;
   }
   const char *p = strstr(vmxSpec, "moref=");
   if (p == NULL || (p != vmxSpec && p[-1] != '&' && p[-1] != '?')) {
      return NULL;
   }
   p += strlen("moref=");
   size_t n = strcspn(p, "&");
   return n > 0 ? strndup(p, n) : NULL;
}

/* ---- lookups (lock held) ------------------------------------------------------------------ */

StubServer *stub_server_find(const char *name)
{
   for (StubServer *s = g_servers; s != NULL && name != NULL; s = s->next) {
      if (strcasecmp(s->name, name) == 0) {
         return s;
      }
   }
   return NULL;
}

static StubNameList *find_pair(StubNameList *l, const char *a)
{
   for (; l != NULL; l = l->next) {
      if (strcmp(l->a, a) == 0) {
         return l;
      }
   }
   return NULL;
}

bool stub_server_check_user(const StubServer *s, const char *user, const char *password)
{
   StubNameList *u = find_pair(s->users, user);
   return u != NULL && strcmp(u->b, password) == 0;
}

bool stub_server_check_session(const StubServer *s, const char *cookie)
{
   return find_pair(s->sessions, cookie) != NULL;
}

StubDatastore *stub_server_find_datastore(const StubServer *s, const char *name)
{
   for (StubDatastore *d = s->datastores; d != NULL; d = d->next) {
      if (strcmp(d->name, name) == 0) {
         return d;
      }
   }
   return NULL;
}

StubVm *stub_server_find_vm(const StubServer *s, const char *moref)
{
   for (StubVm *v = s->vms; v != NULL && moref != NULL; v = v->next) {
      if (strcmp(v->moref, moref) == 0) {
         return v;
      }
   }
   return NULL;
}

static bool list_contains(const char *colonList, const char *word)
{
   size_t wl = strlen(word);
   for (const char *p = colonList; p != NULL && *p != '\0';) {
      size_t n = strcspn(p, ":");
      if (n == wl && strncasecmp(p, word, n) == 0) {
         return true;
      }
      p += n;
      if (*p == ':') {
         p++;
      }
   }
   return false;
}

bool stub_server_offers(const StubServer *s, const char *mode)
{
   return list_contains(s->transports, mode);
}

uint32 stub_server_latency(const StubServer *s)
{
   stub_lock();
   uint32 l = s->latencyMs;
   stub_unlock();
   return l;
}

/* ---- definition ----------------------------------------------------------------------------- */

static void free_pairs(StubNameList *l)
{
   while (l != NULL) {
      StubNameList *next = l->next;
      free(l->a);
      free(l->b);
      free(l);
      l = next;
   }
}

static void free_server(StubServer *s)
{
   free_pairs(s->users);
   free_pairs(s->sessions);
   while (s->datastores != NULL) {
      StubDatastore *next = s->datastores->next;
      free(s->datastores->name);
      free(s->datastores->localDir);
      free(s->datastores);
      s->datastores = next;
   }
   while (s->vms != NULL) {
      StubVm *next = s->vms->next;
      free(s->vms->moref);
      free(s->vms);
      s->vms = next;
   }
   free(s->name);
   free(s->thumbprint);
   free(s->transports);
   free(s->stateDir);
   free(s);
}

void stub_world_clear(void)
{
   stub_lock();
   while (g_servers != NULL) {
      StubServer *next = g_servers->next;
      free_server(g_servers);
      g_servers = next;
   }
   stub_unlock();
}

static bool valid_transports(const char *list)
{
   static const char *const MODES[] = { "san", "hotadd", "nbdssl", "nbd" };
   if (list == NULL) {
      return true;
   }
   char *copy = strdup(list);
   if (copy == NULL) {
      return false;
   }
   bool ok = true;
   char *save = NULL;
   for (char *t = strtok_r(copy, ":", &save); t != NULL && ok; t = strtok_r(NULL, ":", &save)) {
      bool known = false;
      for (size_t i = 0; i < 4; i++) {
         known = known || strcasecmp(t, MODES[i]) == 0;
      }
      ok = known;
   }
   free(copy);
   return ok;
}

/* Replace *field by a copy of value; false on allocation failure. */
static bool set_string(char **field, const char *value)
{
   char *copy = NULL;
   if (value != NULL && (copy = strdup(value)) == NULL) {
      return false;
   }
   free(*field);
   *field = copy;
   return true;
}

STUB_API VixError VixDiskLibStub_DefineServer(const char *serverName,
                                              VixDiskLibStubServerKind kind,
                                              const char *thumbprint,
                                              const char *transports, const char *stateDir)
{
   struct stat st;
   if (serverName == NULL || serverName[0] == '\0' || stateDir == NULL ||
       (kind != VIXDISKLIBSTUB_SERVER_ESXI && kind != VIXDISKLIBSTUB_SERVER_VCENTER) ||
       !valid_transports(transports)) {
      return VIX_E_INVALID_ARG;
   }
   if (stat(stateDir, &st) != 0 || !S_ISDIR(st.st_mode)) {
      return VIX_E_FILE_NOT_FOUND;
   }
   VixError err = VIX_OK;
   stub_lock();
   StubServer *s = stub_server_find(serverName);
   bool created = false;
   if (s == NULL) {
      s = calloc(1, sizeof *s);
      created = s != NULL && (s->name = strdup(serverName)) != NULL;
      if (!created) {
         free(s);
         err = VIX_E_OUT_OF_MEMORY;
      }
   }
   if (err == VIX_OK) {
      /* Redefinition updates in place: connections and handles keep their pointer. */
      s->kind = kind;
      if (!set_string(&s->thumbprint, thumbprint) ||
          !set_string(&s->transports, transports != NULL ? transports
                                                        : "san:hotadd:nbdssl:nbd") ||
          !set_string(&s->stateDir, stateDir)) {
         err = VIX_E_OUT_OF_MEMORY;
      }
      if (created) {
         s->next = g_servers;
         g_servers = s;
      }
   }
   stub_unlock();
   return err;
}

/* Add (a, b) to a pair list, replacing b of an existing a. */
static VixError add_pair(StubNameList **list, const char *a, const char *b)
{
   StubNameList *p = find_pair(*list, a);
   if (p != NULL) {
      return set_string(&p->b, b) ? VIX_OK : VIX_E_OUT_OF_MEMORY;
   }
   p = calloc(1, sizeof *p);
   if (p == NULL || (p->a = strdup(a)) == NULL || (p->b = strdup(b)) == NULL) {
      if (p != NULL) {
         free(p->a);
      }
      free(p);
      return VIX_E_OUT_OF_MEMORY;
   }
   p->next = *list;
   *list = p;
   return VIX_OK;
}

static VixError add_to_server(const char *serverName, bool sessions, const char *a,
                              const char *b)
{
   if (serverName == NULL || a == NULL || b == NULL) {
      return VIX_E_INVALID_ARG;
   }
   stub_lock();
   StubServer *s = stub_server_find(serverName);
   VixError err = s == NULL ? VIX_E_HOST_SERVER_NOT_FOUND
                            : add_pair(sessions ? &s->sessions : &s->users, a, b);
   stub_unlock();
   return err;
}

STUB_API VixError VixDiskLibStub_AddUser(const char *serverName, const char *userName,
                                         const char *password)
{
   return add_to_server(serverName, false, userName, password);
}

STUB_API VixError VixDiskLibStub_AddSession(const char *serverName, const char *cookie,
                                            const char *userName)
{
   return add_to_server(serverName, true, cookie, userName);
}

STUB_API VixError VixDiskLibStub_AddDatastore(const char *serverName,
                                              const char *datastoreName,
                                              const char *localDir, Bool onSan)
{
   struct stat st;
   if (serverName == NULL || datastoreName == NULL || datastoreName[0] == '\0' ||
       localDir == NULL || strpbrk(datastoreName, "[]") != NULL) {
      return VIX_E_INVALID_ARG;
   }
   if (stat(localDir, &st) != 0 || !S_ISDIR(st.st_mode)) {
      return VIX_E_FILE_NOT_FOUND;
   }
   VixError err = VIX_OK;
   stub_lock();
   StubServer *s = stub_server_find(serverName);
   if (s == NULL) {
      err = VIX_E_HOST_SERVER_NOT_FOUND;
   } else {
      StubDatastore *d = stub_server_find_datastore(s, datastoreName);
      if (d == NULL && (d = calloc(1, sizeof *d)) != NULL) {
         if ((d->name = strdup(datastoreName)) == NULL) {
            free(d);
            d = NULL;
         } else {
            d->next = s->datastores;
            s->datastores = d;
         }
      }
      if (d == NULL || !set_string(&d->localDir, localDir)) {
         err = VIX_E_OUT_OF_MEMORY;
      } else {
         d->onSan = onSan != FALSE;
      }
   }
   stub_unlock();
   return err;
}

static VixError set_vm(const char *serverName, const char *vmMoref, Bool poweredOn,
                       bool create)
{
   if (serverName == NULL || vmMoref == NULL || vmMoref[0] == '\0') {
      return VIX_E_INVALID_ARG;
   }
   VixError err = VIX_OK;
   stub_lock();
   StubServer *s = stub_server_find(serverName);
   StubVm *v = s != NULL ? stub_server_find_vm(s, vmMoref) : NULL;
   if (s == NULL) {
      err = VIX_E_HOST_SERVER_NOT_FOUND;
   } else if (v == NULL && !create) {
      err = VIX_E_FILE_NOT_FOUND;
   } else if (v == NULL) {
      v = calloc(1, sizeof *v);
      if (v == NULL || (v->moref = strdup(vmMoref)) == NULL) {
         free(v);
         v = NULL;
         err = VIX_E_OUT_OF_MEMORY;
      } else {
         v->next = s->vms;
         s->vms = v;
      }
   }
   if (v != NULL) {
      v->poweredOn = poweredOn != FALSE;
   }
   stub_unlock();
   return err;
}

STUB_API VixError VixDiskLibStub_AddVm(const char *serverName, const char *vmMoref,
                                       Bool poweredOn)
{
   return set_vm(serverName, vmMoref, poweredOn, true);
}

STUB_API VixError VixDiskLibStub_SetVmPowerState(const char *serverName, const char *vmMoref,
                                                 Bool poweredOn)
{
   return set_vm(serverName, vmMoref, poweredOn, false);
}

STUB_API VixError VixDiskLibStub_SetLatency(const char *serverName, uint32 latencyMs)
{
   if (serverName == NULL) {
      return VIX_E_INVALID_ARG;
   }
   stub_lock();
   StubServer *s = stub_server_find(serverName);
   if (s != NULL) {
      s->latencyMs = latencyMs;
   }
   stub_unlock();
   return s != NULL ? VIX_OK : VIX_E_HOST_SERVER_NOT_FOUND;
}

STUB_API VixError VixDiskLibStub_Reset(void)
{
   stub_lock();
   VixError err = VIX_OK;
   if (stub_tracked_count(STUB_OBJ_CONNECTION) > 0 || stub_tracked_count(STUB_OBJ_HANDLE) > 0) {
      err = VIX_E_INVALID_ARG;
   } else {
      stub_world_clear();
      stub_faults_clear();
      stub_disklock_reset();
      stub_counters_reset_calls();
   }
   stub_unlock();
   return err;
}

/* ---- environment file --------------------------------------------------------------------- */

#define MAX_TOKENS 16

/* Split a line into whitespace-separated tokens; "double quotes" group words. */
static int tokenize(char *line, char **tokens)
{
   int n = 0;
   char *p = line;
   while (n < MAX_TOKENS) {
      while (isspace((unsigned char)*p)) {
         p++;
      }
      if (*p == '\0' || *p == '#') {
         break;
      }
      if (*p == '"') {
         tokens[n++] = ++p;
         p = strchr(p, '"');
         if (p == NULL) {
            return -1;
         }
      } else {
         tokens[n++] = p;
         while (*p != '\0' && !isspace((unsigned char)*p)) {
            p++;
         }
      }
      if (*p == '\0') {
         break;
      }
      *p++ = '\0';
   }
   return n;
}

/* Value of "key=value" among tokens[from..n), or NULL. */
static const char *option(char **tokens, int from, int n, const char *key)
{
   size_t kl = strlen(key);
   for (int i = from; i < n; i++) {
      if (strncmp(tokens[i], key, kl) == 0 && tokens[i][kl] == '=') {
         return tokens[i] + kl + 1;
      }
   }
   return NULL;
}

/* Options must be among the allowed keys; returns the first unknown one. */
static const char *unknown_option(char **tokens, int from, int n, const char *const *allowed)
{
   for (int i = from; i < n; i++) {
      bool ok = false;
      for (const char *const *a = allowed; *a != NULL && !ok; a++) {
         size_t kl = strlen(*a);
         ok = strncmp(tokens[i], *a, kl) == 0 && tokens[i][kl] == '=';
      }
      if (!ok) {
         return tokens[i];
      }
   }
   return NULL;
}

static bool parse_bool(const char *s, Bool *out)
{
   if (s == NULL) {
      *out = FALSE;
      return true;
   }
   if (strcmp(s, "1") == 0 || strcasecmp(s, "true") == 0) {
      *out = TRUE;
   } else if (strcmp(s, "0") == 0 || strcasecmp(s, "false") == 0) {
      *out = FALSE;
   } else {
      return false;
   }
   return true;
}

/* Apply one directive; on failure returns an error and sets *why. */
static VixError apply_directive(char **t, int n, const char **why)
{
   static const char *const SERVER_OPTS[] = { "kind", "thumbprint", "transports", "state",
                                              "latencyMs", NULL };
   static const char *const DS_OPTS[] = { "san", NULL };
   static const char *const VM_OPTS[] = { "poweredOn", NULL };
   Bool flag;
   if (strcmp(t[0], "server") == 0) {
      if (n < 2) {
         *why = "usage: server NAME kind=esxi|vcenter state=DIR [thumbprint=..] "
                "[transports=..] [latencyMs=N]";
         return VIX_E_INVALID_ARG;
      }
      const char *bad = unknown_option(t, 2, n, SERVER_OPTS);
      if (bad != NULL) {
         static __thread char msg[160];
         snprintf(msg, sizeof msg, "unknown server option '%.100s'", bad);
         *why = msg;
         return VIX_E_INVALID_ARG;
      }
      const char *kind = option(t, 2, n, "kind");
      const char *latency = option(t, 2, n, "latencyMs");
      VixDiskLibStubServerKind k = kind != NULL && strcasecmp(kind, "esxi") == 0
                                      ? VIXDISKLIBSTUB_SERVER_ESXI
                                   : kind != NULL && strcasecmp(kind, "vcenter") == 0
                                      ? VIXDISKLIBSTUB_SERVER_VCENTER : 0;
      if (k == 0) {
         *why = "kind must be esxi or vcenter";
         return VIX_E_INVALID_ARG;
      }
      char *end = NULL;
      unsigned long ms = latency != NULL ? strtoul(latency, &end, 10) : 0;
      if (latency != NULL && (*latency == '\0' || *end != '\0' || ms > UINT32_MAX)) {
         *why = "latencyMs must be a number of milliseconds";
         return VIX_E_INVALID_ARG;
      }
      VixError err = VixDiskLibStub_DefineServer(t[1], k, option(t, 2, n, "thumbprint"),
                                                 option(t, 2, n, "transports"),
                                                 option(t, 2, n, "state"));
      if (err != VIX_OK) {
         *why = "invalid server (state=DIR must be an existing directory; transports "
                "from san:hotadd:nbdssl:nbd)";
         return err;
      }
      return VixDiskLibStub_SetLatency(t[1], (uint32)ms);
   }
   if (strcmp(t[0], "user") == 0 || strcmp(t[0], "session") == 0) {
      if (n != 4) {
         *why = t[0][0] == 'u' ? "usage: user SERVER NAME PASSWORD"
                               : "usage: session SERVER COOKIE USER";
         return VIX_E_INVALID_ARG;
      }
      *why = "server not defined (define it first with a server line)";
      return t[0][0] == 'u' ? VixDiskLibStub_AddUser(t[1], t[2], t[3])
                            : VixDiskLibStub_AddSession(t[1], t[2], t[3]);
   }
   if (strcmp(t[0], "datastore") == 0) {
      if (n < 4 || unknown_option(t, 4, n, DS_OPTS) != NULL ||
          !parse_bool(option(t, 4, n, "san"), &flag)) {
         *why = "usage: datastore SERVER NAME DIR [san=0|1]";
         return VIX_E_INVALID_ARG;
      }
      *why = "unknown server or DIR is not an existing directory";
      return VixDiskLibStub_AddDatastore(t[1], t[2], t[3], flag);
   }
   if (strcmp(t[0], "vm") == 0) {
      if (n < 3 || unknown_option(t, 3, n, VM_OPTS) != NULL ||
          !parse_bool(option(t, 3, n, "poweredOn"), &flag)) {
         *why = "usage: vm SERVER MOREF [poweredOn=0|1]";
         return VIX_E_INVALID_ARG;
      }
      *why = "server not defined";
      return VixDiskLibStub_AddVm(t[1], t[2], flag);
   }
   *why = "unknown directive (server, user, session, datastore, vm)";
   return VIX_E_INVALID_ARG;
}

VixError stub_env_load(const char *path)
{
   FILE *f = fopen(path, "r");
   if (f == NULL) {
      stub_logf(STUB_LVL_WARN, "VixDiskLibStub: cannot read environment file %s: %s\n", path,
                strerror(errno));
      return VIX_E_FILE_NOT_FOUND;
   }
   VixError first = VIX_OK;
   char *line = NULL;
   size_t cap = 0;
   unsigned lineNo = 0;
   while (getline(&line, &cap, f) != -1) {
      lineNo++;
      line[strcspn(line, "\r\n")] = '\0';
      char *tokens[MAX_TOKENS];
      int n = tokenize(line, tokens);
      if (n == 0) {
         continue;
      }
      const char *why = "unbalanced double quote";
      VixError err = n < 0 ? VIX_E_INVALID_ARG : apply_directive(tokens, n, &why);
      if (err != VIX_OK) {
         stub_logf(STUB_LVL_WARN, "VixDiskLibStub: environment %s:%u: %s\n", path, lineNo,
                   why);
         if (first == VIX_OK) {
            first = err;
         }
      }
   }
   free(line);
   fclose(f);
   return first;
}

STUB_API VixError VixDiskLibStub_LoadEnvironment(const char *path)
{
   return path == NULL ? VIX_E_INVALID_ARG : stub_env_load(path);
}
