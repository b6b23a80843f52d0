/* fault.c -- VixDiskLibStub_InjectFault: make the n-th call of a function fail once. */
#include <stdlib.h>
#include <string.h>

#include "stub_internal.h"

/* Every function of api/functions.tsv (generated into vix_functions.inc) ... */
static const char *const FUNCTIONS[] = {
#include "vix_functions.inc"
};
/* ... except those returning void, which cannot report a failure. */
static const char *const VOID_FUNCTIONS[] = {
   "VixDiskLib_Exit", "VixDiskLib_FreeInfo", "VixDiskLib_FreeErrorText",
   "VixDiskLib_FreeConnectParams", "VixDiskLib_FreeChangedAreas",
};

static bool listed(const char *const *list, size_t n, const char *name)
{
   for (size_t i = 0; i < n; i++) {
      if (strcmp(list[i], name) == 0) {
         return true;
      }
   }
   return false;
}

typedef struct Fault {
   struct Fault *next;
   char *function;
   uint32 callNumber;   /* 0 = every call */
   uint32 callsSeen;
   VixError error;
} Fault;

static Fault *g_faults;   /* guarded by stub_lock */

static bool faultable(const char *name)
{
   return listed(FUNCTIONS, sizeof FUNCTIONS / sizeof FUNCTIONS[0], name) &&
          !listed(VOID_FUNCTIONS, sizeof VOID_FUNCTIONS / sizeof VOID_FUNCTIONS[0], name);
}

STUB_API VixError VixDiskLibStub_InjectFault(const char *functionName, uint32 callNumber,
                                             VixError error)
{
   if (functionName == NULL || !faultable(functionName) || error == VIX_OK) {
      return VIX_E_INVALID_ARG;
   }
   Fault *f = calloc(1, sizeof *f);
   if (f == NULL || (f->function = strdup(functionName)) == NULL) {
      free(f);
      return VIX_E_OUT_OF_MEMORY;
   }
   f->callNumber = callNumber;
   f->error = error;
   stub_lock();
   f->next = g_faults;
   g_faults = f;
   stub_unlock();
   return VIX_OK;
}

void stub_faults_clear(void)
{
   stub_lock();
   while (g_faults != NULL) {
      Fault *next = g_faults->next;
      free(g_faults->function);
      free(g_faults);
      g_faults = next;
   }
   stub_unlock();
}

STUB_API void VixDiskLibStub_ClearFaults(void)
{
   stub_faults_clear();
}

VixError stub_fault_check(const char *function)
{
   VixError err = VIX_OK;
   stub_lock();
   for (Fault **p = &g_faults; *p != NULL;) {
      Fault *f = *p;
      if (strcmp(f->function, function) != 0) {
         p = &f->next;
         continue;
      }
      f->callsSeen++;
      if (f->callNumber == 0) {
         if (err == VIX_OK) {
            err = f->error;
         }
      } else if (f->callsSeen == f->callNumber) {
         if (err == VIX_OK) {
            err = f->error;
         }
         *p = f->next;        /* fired once: remove it */
         free(f->function);
         free(f);
         continue;
      }
      p = &f->next;
   }
   stub_unlock();
   if (err != VIX_OK && stub_is_initialized()) {   /* no log functions before InitEx */
      const char *name = stub_error_name(err);
      stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: %s fails by injected fault (error %llu %s)\n",
                function, (unsigned long long)err, name != NULL ? name : "");
   }
   return err;
}
