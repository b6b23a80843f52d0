/* fault.c -- VixDiskLibStub_InjectFault: make the n-th call of a function fail once. */
#include <stdlib.h>
#include <string.h>

#include "stub_internal.h"

/* Real functions that can report a failure (void functions cannot be faulted). */
static const char *const FAULTABLE[] = {
   "VixDiskLib_InitEx", "VixDiskLib_Init", "VixDiskLib_ListTransportModes",
   "VixDiskLib_AllocateConnectParams", "VixDiskLib_ConnectEx", "VixDiskLib_Connect",
   "VixDiskLib_Disconnect", "VixDiskLib_Open", "VixDiskLib_Close",
   "VixDiskLib_GetTransportMode", "VixDiskLib_GetInfo", "VixDiskLib_Read",
   "VixDiskLib_Write", "VixDiskLib_Flush", "VixDiskLib_GetErrorText",
   "VixDiskLib_PrepareForAccess", "VixDiskLib_EndAccess", "VixDiskLib_Cleanup",
   "VixDiskLib_GetMetadataKeys", "VixDiskLib_ReadMetadata", "VixDiskLib_WriteMetadata",
   "VixDiskLib_QueryAllocatedBlocks", "VixDiskLib_FreeBlockList",
};

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
   for (size_t i = 0; i < sizeof FAULTABLE / sizeof FAULTABLE[0]; i++) {
      if (strcmp(FAULTABLE[i], name) == 0) {
         return true;
      }
   }
   return false;
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
   if (err != VIX_OK) {
      const char *name = stub_error_name(err);
      stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: %s fails by injected fault (error %llu %s)\n",
                function, (unsigned long long)err, name != NULL ? name : "");
   }
   return err;
}
