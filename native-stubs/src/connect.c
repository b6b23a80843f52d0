/* connect.c -- connect params, ConnectEx/Connect/Disconnect and credential checks. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stub_internal.h"

STUB_API VixDiskLibConnectParams *VixDiskLib_AllocateConnectParams(void)
{
   /* Works before InitEx (VDDK allocates plain memory here). */
   if (stub_fault_check("VixDiskLib_AllocateConnectParams") != VIX_OK) {
      return NULL;
   }
   VixDiskLibConnectParams *p = calloc(1, sizeof *p);
   if (p != NULL) {
      stub_track(STUB_OBJ_CONNECT_PARAMS, p);
   }
   return p;
}

/* free() a string that may hold a secret, wiping it first. */
static void free_secret(char *s)
{
   if (s != NULL) {
      explicit_bzero(s, strlen(s));
      free(s);
   }
}

static void free_params_copy(VixDiskLibConnectParams *p)
{
   free(p->vmxSpec);
   free(p->serverName);
   free(p->thumbPrint);
   if (p->credType == VIXDISKLIB_CRED_UID) {
      free(p->creds.uid.userName);
      free_secret(p->creds.uid.password);
   } else if (p->credType == VIXDISKLIB_CRED_SESSIONID) {
      free_secret(p->creds.sessionId.cookie);
      free(p->creds.sessionId.userName);
      free_secret(p->creds.sessionId.key);
   }
   if (p->specType == VIXDISKLIB_SPEC_VSTORAGE_OBJECT) {
      free(p->spec.vStorageObjSpec.id);
      free(p->spec.vStorageObjSpec.datastoreMoRef);
      free(p->spec.vStorageObjSpec.ssId);
   } else if (p->specType == VIXDISKLIB_SPEC_DATASTORE) {
      free(p->spec.dsSpec.datastoreMoRef);
      free(p->spec.dsSpec.diskFolder);
   }
#if VIXDISKLIB_VERSION_MAJOR >= 9
   free(p->sslCertificate);
#endif
   explicit_bzero(p, sizeof *p);
   free(p);
}

/*
 * A struct from AllocateConnectParams: only the struct is freed (its strings belong to the
 * caller). A copy from GetConnectParams: its strings belong to the library and are freed too
 * (VMware's own Java binding frees a GetConnectParams result with this function and nothing
 * else), secrets wiped first.
 */
STUB_API void VixDiskLib_FreeConnectParams(VixDiskLibConnectParams *connectParams)
{
   if (connectParams == NULL) {
      return;
   }
   if (stub_untrack(STUB_OBJ_CONNECT_PARAMS_COPY, connectParams)) {
      free_params_copy(connectParams);
      return;
   }
   if (!stub_untrack(STUB_OBJ_CONNECT_PARAMS, connectParams)) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: FreeConnectParams(%p): not allocated by "
                "AllocateConnectParams (double free?); ignored\n", (void *)connectParams);
      return;
   }
   free(connectParams);
}

bool stub_params_are_local(const VixDiskLibConnectParams *p)
{
   return p == NULL || p->serverName == NULL || p->serverName[0] == '\0';
}

VixError stub_authenticate(const VixDiskLibConnectParams *p, const char *function,
                           StubServer **server)
{
   stub_lock();
   StubServer *s = stub_server_find(p->serverName);
   VixError err = VIX_OK;
   const char *why = NULL;
   const char *user = NULL;
   if (s == NULL) {
      err = VIX_E_HOST_SERVER_NOT_FOUND;
      why = "no such server (define it with VixDiskLibStub_DefineServer or the "
            "environment file)";
   } else if (p->credType == VIXDISKLIB_CRED_UID) {
      user = p->creds.uid.userName;
      if (user == NULL || p->creds.uid.password == NULL) {
         err = VIX_E_INVALID_ARG;
         why = "credType UID needs userName and password (real VDDK crashes on NULL)";
      } else if (!stub_server_check_user(s, user, p->creds.uid.password)) {
         err = VIX_E_HOST_USER_PERMISSIONS;
         why = "Cannot complete login due to an incorrect user name or password";
      }
   } else if (p->credType == VIXDISKLIB_CRED_SESSIONID) {
      user = p->creds.sessionId.userName;
      if (p->creds.sessionId.cookie == NULL) {
         err = VIX_E_INVALID_ARG;
         why = "credType SESSIONID needs a cookie (real VDDK crashes on NULL)";
      } else if (!stub_server_check_session(s, p->creds.sessionId.cookie)) {
         err = VIX_E_HOST_USER_PERMISSIONS;
         why = "The session is not authenticated (unknown session cookie)";
      }
   } else {
      err = VIX_E_NOT_SUPPORTED;
      why = "only credType UID (1) and SESSIONID (2) are supported";
   }
   stub_unlock();
   if (err != VIX_OK) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: cannot connect to %s as %s: %s\n", function,
                p->serverName, user != NULL ? user : "(no user)", why);
      return err;
   }
   *server = s;
   return VIX_OK;
}

static void free_connection(VixDiskLibConnection c)
{
   free(c->serverName);
   free(c->vmxSpec);
   free(c->vmMoref);
   free(c->thumbPrint);
   free(c->snapshotRef);
   free(c->transportModes);
   free(c->userName);
   free_secret(c->password);
   free_secret(c->cookie);
   free_secret(c->key);
   for (size_t i = 0; i < 3; i++) {
      free(c->spec[i]);
   }
   free(c->sslCertificate);
   c->magic = 0;
   free(c);
}

/* Copy what the connection keeps; false on allocation failure. */
static bool copy_params(VixDiskLibConnection c, const VixDiskLibConnectParams *p,
                        const char *snapshotRef, const char *transportModes)
{
   const char *user = p == NULL ? NULL
                    : p->credType == VIXDISKLIB_CRED_UID ? p->creds.uid.userName
                    : p->credType == VIXDISKLIB_CRED_SESSIONID ? p->creds.sessionId.userName
                    : NULL;
   bool uid = p != NULL && p->credType == VIXDISKLIB_CRED_UID;
   bool session = p != NULL && p->credType == VIXDISKLIB_CRED_SESSIONID;
   bool vso = p != NULL && p->specType == VIXDISKLIB_SPEC_VSTORAGE_OBJECT;
   bool ds = p != NULL && p->specType == VIXDISKLIB_SPEC_DATASTORE;
   struct { char **dst; const char *src; } fields[] = {
      { &c->password, uid ? p->creds.uid.password : NULL },
      { &c->cookie, session ? p->creds.sessionId.cookie : NULL },
      { &c->key, session ? p->creds.sessionId.key : NULL },
      { &c->spec[0], vso ? p->spec.vStorageObjSpec.id : ds ? p->spec.dsSpec.datastoreMoRef : NULL },
      { &c->spec[1], vso ? p->spec.vStorageObjSpec.datastoreMoRef
                         : ds ? p->spec.dsSpec.diskFolder : NULL },
      { &c->spec[2], vso ? p->spec.vStorageObjSpec.ssId : NULL },
#if VIXDISKLIB_VERSION_MAJOR >= 9
      { &c->sslCertificate, p != NULL ? p->sslCertificate : NULL },
#endif
      { &c->serverName, p != NULL ? p->serverName : NULL },
      { &c->vmxSpec, p != NULL ? p->vmxSpec : NULL },
      { &c->thumbPrint, p != NULL ? p->thumbPrint : NULL },
      { &c->snapshotRef, snapshotRef },
      { &c->transportModes, transportModes },
      { &c->userName, user },
   };
   for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
      if (fields[i].src != NULL && (*fields[i].dst = strdup(fields[i].src)) == NULL) {
         return false;
      }
   }
   c->vmMoref = stub_vmx_moref(c->vmxSpec);
   if (p != NULL) {
      c->credType = p->credType;
      c->port = p->port;
      c->nfcHostPort = p->nfcHostPort;
      c->specType = p->specType;
   }
   return true;
}

STUB_API VixError VixDiskLib_ConnectEx(const VixDiskLibConnectParams *connectParams,
                                       Bool readOnly, const char *snapshotRef,
                                       const char *transportModes,
                                       VixDiskLibConnection *connection)
{
   VixError err = stub_enter("VixDiskLib_ConnectEx");
   if (err != VIX_OK) {
      return err;
   }
   if (connection == NULL) {
      return VIX_E_INVALID_ARG;
   }
   StubServer *server = NULL;
   bool local = stub_params_are_local(connectParams);
   if (!local && (err = stub_authenticate(connectParams, "ConnectEx", &server)) != VIX_OK) {
      return err;
   }
   VixDiskLibConnection c = calloc(1, sizeof *c);
   if (c == NULL || !copy_params(c, connectParams, snapshotRef, transportModes)) {
      if (c != NULL) {
         free_connection(c);
      }
      return VIX_E_OUT_OF_MEMORY;
   }
   c->magic = STUB_CONN_MAGIC;
   c->local = local;
   c->server = server;
   c->readOnly = readOnly != FALSE;
   if (!local) {
      stub_lock();
      const char *expected = server->thumbprint;
      c->thumbprintMismatch = expected != NULL &&
         (c->thumbPrint == NULL || strcasecmp(expected, c->thumbPrint) != 0);
      stub_unlock();
   }
   stub_track(STUB_OBJ_CONNECTION, c);
   if (local) {
      stub_logf(STUB_LVL_INFO, "VixDiskLib: ConnectEx: local (hosted) connection%s\n",
                c->readOnly ? ", read-only" : "");
   } else {
      stub_logf(STUB_LVL_INFO, "VixDiskLib: ConnectEx: connected to %s as %s (vmxSpec %s, "
                "snapshot %s, transports %s%s)\n", c->serverName,
                c->userName != NULL ? c->userName : "(session)",
                c->vmxSpec != NULL ? c->vmxSpec : "(none)",
                c->snapshotRef != NULL ? c->snapshotRef : "(none)",
                c->transportModes != NULL ? c->transportModes : "(default)",
                c->readOnly ? ", read-only" : "");
   }
   *connection = c;
   return VIX_OK;
}

STUB_API VixError VixDiskLib_Connect(const VixDiskLibConnectParams *connectParams,
                                     VixDiskLibConnection *connection)
{
   VixError err = stub_fault_check("VixDiskLib_Connect");
   return err != VIX_OK ? err
                        : VixDiskLib_ConnectEx(connectParams, FALSE, NULL, NULL, connection);
}

void stub_connection_release(VixDiskLibConnection conn)
{
   stub_lock();
   bool freeIt = --conn->openHandles == 0 && conn->disconnected;
   stub_unlock();
   if (freeIt) {
      free_connection(conn);
   }
}

/*
 * Disconnect with disk handles still open: the connection is gone for the caller (counter
 * decremented), but its memory lives until the last handle closes so that those handles
 * stay usable.
 */
STUB_API VixError VixDiskLib_Disconnect(VixDiskLibConnection connection)
{
   VixError err = stub_enter("VixDiskLib_Disconnect");
   if (err != VIX_OK) {
      return err;
   }
   stub_lock();
   if (!stub_untrack(STUB_OBJ_CONNECTION, connection)) {
      stub_unlock();
      stub_logf(STUB_LVL_WARN, "VixDiskLib: Disconnect(%p): not an open connection\n",
                (void *)connection);
      return VIX_E_INVALID_ARG;
   }
   connection->disconnected = true;
   bool freeIt = connection->openHandles == 0;
   int handles = connection->openHandles;
   stub_unlock();
   if (freeIt) {
      free_connection(connection);
   } else {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: Disconnect with %d disk handle(s) still open\n",
                handles);
   }
   return VIX_OK;
}

static bool dup_into(char **dst, const char *src)
{
   *dst = NULL;
   return src == NULL || (*dst = strdup(src)) != NULL;
}

/*
 * A copy of the parameters the connection was made with, credentials included (VMware's Java
 * binding reads userName/password or cookie/userName/key from it). Free it with
 * FreeConnectParams, which wipes the secrets. A local connection gives an all-zero struct.
 */
STUB_API VixError VixDiskLib_GetConnectParams(const VixDiskLibConnection connection,
                                              VixDiskLibConnectParams **connectParams)
{
   VixError err = stub_enter("VixDiskLib_GetConnectParams");
   if (err != VIX_OK) {
      return err;
   }
   if (connectParams == NULL) {
      return VIX_E_INVALID_ARG;
   }
   stub_lock();
   bool live = stub_is_tracked(STUB_OBJ_CONNECTION, connection);
   stub_unlock();
   if (!live) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: GetConnectParams(%p): not an open connection\n",
                (void *)connection);
      return VIX_E_INVALID_ARG;
   }
   const struct VixDiskLibConnectParam *c = connection;
   VixDiskLibConnectParams *p = calloc(1, sizeof *p);
   if (p == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   p->credType = c->credType;
   p->port = c->port;
   p->nfcHostPort = c->nfcHostPort;
   p->specType = c->specType;
   bool ok = dup_into(&p->vmxSpec, c->vmxSpec) && dup_into(&p->serverName, c->serverName) &&
             dup_into(&p->thumbPrint, c->thumbPrint);
   if (c->credType == VIXDISKLIB_CRED_UID) {
      ok = ok && dup_into(&p->creds.uid.userName, c->userName) &&
           dup_into(&p->creds.uid.password, c->password);
   } else if (c->credType == VIXDISKLIB_CRED_SESSIONID) {
      ok = ok && dup_into(&p->creds.sessionId.cookie, c->cookie) &&
           dup_into(&p->creds.sessionId.userName, c->userName) &&
           dup_into(&p->creds.sessionId.key, c->key);
   }
   if (c->specType == VIXDISKLIB_SPEC_VSTORAGE_OBJECT) {
      ok = ok && dup_into(&p->spec.vStorageObjSpec.id, c->spec[0]) &&
           dup_into(&p->spec.vStorageObjSpec.datastoreMoRef, c->spec[1]) &&
           dup_into(&p->spec.vStorageObjSpec.ssId, c->spec[2]);
   } else if (c->specType == VIXDISKLIB_SPEC_DATASTORE) {
      ok = ok && dup_into(&p->spec.dsSpec.datastoreMoRef, c->spec[0]) &&
           dup_into(&p->spec.dsSpec.diskFolder, c->spec[1]);
   }
#if VIXDISKLIB_VERSION_MAJOR >= 9
   ok = ok && dup_into(&p->sslCertificate, c->sslCertificate);
#endif
   if (!ok) {
      free_params_copy(p);
      return VIX_E_OUT_OF_MEMORY;
   }
   stub_track(STUB_OBJ_CONNECT_PARAMS_COPY, p);
   *connectParams = p;
   return VIX_OK;
}
