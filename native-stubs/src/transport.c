/*
 * transport.c -- transport choice at Open on a remote connection, per the VDDK guide:
 * candidates are the connection's transportModes or the default san:hotadd:nbdssl:nbd;
 * unknown names are skipped; a mode is eligible if the server offers it, and san, hotadd
 * and nbdssl also need a snapshot moref and a vmxSpec naming a VM defined on the server.
 * The first eligible mode wins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stub_internal.h"

#define DEFAULT_MODES "san:hotadd:nbdssl:nbd"

static const char *const MODES[] = { "san", "hotadd", "nbdssl", "nbd" };

static const char *canonical_mode(const char *name)
{
   for (size_t i = 0; i < sizeof MODES / sizeof MODES[0]; i++) {
      if (strcasecmp(MODES[i], name) == 0) {
         return MODES[i];
      }
   }
   return NULL;
}

bool stub_transport_is_nfc(const char *mode)
{
   return strcmp(mode, "nbd") == 0 || strcmp(mode, "nbdssl") == 0;
}

/* Why mode is not eligible, or NULL if it is. Lock held. */
static const char *ineligible(const struct VixDiskLibConnectParam *c, const char *mode)
{
   if (!stub_server_offers(c->server, mode)) {
      return "not offered by the server";
   }
   if (strcmp(mode, "nbd") == 0) {
      return NULL;
   }
   if (c->snapshotRef == NULL || c->snapshotRef[0] == '\0') {
      return "needs a snapshot moref (ConnectEx snapshotRef)";
   }
   if (c->vmMoref == NULL) {
      return "needs vmxSpec \"moref=<vm>\"";
   }
   if (stub_server_find_vm(c->server, c->vmMoref) == NULL) {
      return "vmxSpec names a VM the server does not know";
   }
   return NULL;
}

VixError stub_transport_select(const struct VixDiskLibConnectParam *c,
                               const StubDatastore *ds, const char **mode)
{
   const char *list = c->transportModes != NULL ? c->transportModes : DEFAULT_MODES;
   char *copy = strdup(list);
   if (copy == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   char skipped[1024] = "";
   size_t used = 0;
   const char *chosen = NULL;
   char *save = NULL;
   stub_lock();
   for (char *t = strtok_r(copy, ":", &save); t != NULL && chosen == NULL;
        t = strtok_r(NULL, ":", &save)) {
      const char *m = canonical_mode(t);
      const char *why = m == NULL ? "unknown transport name" : ineligible(c, m);
      if (why == NULL) {
         chosen = m;
      } else if (used < sizeof skipped) {
         int n = snprintf(skipped + used, sizeof skipped - used, "%s%s: %s",
                          used > 0 ? "; " : "", t, why);
         used += n > 0 ? (size_t)n : 0;
      }
   }
   stub_unlock();
   free(copy);
   if (used > 0) {
      stub_logf(chosen != NULL ? STUB_LVL_DETAIL : STUB_LVL_ERROR,
                "VixDiskLib: transport modes skipped for %s: %s\n", c->serverName, skipped);
   }
   if (chosen == NULL) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: Open: no transport mode available from "
                "\"%s\" on server %s\n", list, c->serverName);
      return VIX_E_NOT_SUPPORTED;
   }
   if (strcmp(chosen, "san") == 0 && !ds->onSan) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: SAN transport selected for datastore %s, which "
                "is not SAN storage: writes will fail (pass nbd or nbdssl instead)\n",
                ds->name);
   }
   stub_logf(STUB_LVL_DETAIL, "VixDiskLib: selected transport mode %s\n", chosen);
   *mode = chosen;
   return VIX_OK;
}
