/* errors.c -- GetErrorText/FreeErrorText with VDDK 9.0's text of every code in api/errors.tsv. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stub_internal.h"

/* Every code of api/errors.tsv with VDDK 9.0's exact text, generated at build time
 * (tools/errors_inc.awk). */
static const struct {
   unsigned code;
   const char *name;
   const char *text;
} ERRORS[] = {
#include "vix_errors.inc"
};
#define NUM_ERRORS (sizeof ERRORS / sizeof ERRORS[0])

static const char *find_text(unsigned code)
{
   for (size_t i = 0; i < NUM_ERRORS; i++) {
      if (ERRORS[i].code == code) {
         return ERRORS[i].text;
      }
   }
   return NULL;
}

const char *stub_error_name(VixError err)
{
   unsigned code = (unsigned)VIX_ERROR_CODE(err);
   for (size_t i = 0; i < NUM_ERRORS; i++) {
      if (ERRORS[i].code == code) {
         return ERRORS[i].name;
      }
   }
   return NULL;
}

STUB_API char *VixDiskLib_GetErrorText(VixError err, const char *locale)
{
   if (stub_fault_check("VixDiskLib_GetErrorText") != VIX_OK) {
      return NULL;
   }
   if (locale != NULL) {
      stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: GetErrorText: locale '%s' ignored (must be "
                "NULL)\n", locale);
   }
   unsigned code = (unsigned)VIX_ERROR_CODE(err);
   const char *known = find_text(code);
   char *text;
   if (known != NULL) {
      text = strdup(known);
   } else if (asprintf(&text, "Unknown error code %u", code) < 0) {
      text = NULL;
   }
   if (text != NULL) {
      stub_track(STUB_OBJ_ERROR_TEXT, text);
   }
   return text;
}

STUB_API void VixDiskLib_FreeErrorText(char *errMsg)
{
   if (errMsg == NULL) {
      return;
   }
   if (!stub_untrack(STUB_OBJ_ERROR_TEXT, errMsg)) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: FreeErrorText(%p): not a text returned by "
                "GetErrorText (double free?); ignored\n", (void *)errMsg);
      return;
   }
   free(errMsg);
}

/* The one errno -> VixError mapping of every file operation of the stub. */
VixError stub_errno_to_vix(int e)
{
   switch (e) {
   case ENOENT:
   case ENOTDIR:
      return VIX_E_FILE_NOT_FOUND;
   case EACCES:
   case EPERM:
      return VIX_E_FILE_ACCESS_ERROR;
   case EROFS:
      return VIX_E_FILE_READ_ONLY;
   case EEXIST:
      return VIX_E_FILE_ALREADY_EXISTS;
   case ENOMEM:
      return VIX_E_OUT_OF_MEMORY;
   case ENOSPC:
   case EDQUOT:
      return VIX_E_DISK_FULL;
   case EFBIG:
      return VIX_E_FILE_TOO_BIG;
   case ENAMETOOLONG:
      return VIX_E_FILE_NAME_INVALID;
   default:
      return VIX_E_FAIL;
   }
}
