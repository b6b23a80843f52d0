/* errors.c -- GetErrorText/FreeErrorText and the texts of every code the stub returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stub_internal.h"

static const struct {
   unsigned code;
   const char *name;
   const char *text;
} ERRORS[] = {
   { VIX_OK, "VIX_OK", "The operation was successful" },
   { VIX_E_FAIL, "VIX_E_FAIL", "Unknown error" },
   { VIX_E_OUT_OF_MEMORY, "VIX_E_OUT_OF_MEMORY", "Memory allocation failed. Out of memory." },
   { VIX_E_INVALID_ARG, "VIX_E_INVALID_ARG", "One of the parameters was invalid" },
   { VIX_E_FILE_NOT_FOUND, "VIX_E_FILE_NOT_FOUND", "A file was not found" },
   { VIX_E_NOT_SUPPORTED, "VIX_E_NOT_SUPPORTED", "The operation is not supported" },
   { VIX_E_DISK_FULL, "VIX_E_DISK_FULL",
     "An error occurred while writing a file; the disk is full. Data has not been saved. "
     "Free some disk space and try again" },
   { VIX_E_INCORRECT_FILE_TYPE, "VIX_E_INCORRECT_FILE_TYPE",
     "An error occurred while accessing a file: wrong file type" },
   { VIX_E_CANCELLED, "VIX_E_CANCELLED", "The operation was canceled" },
   { VIX_E_FILE_READ_ONLY, "VIX_E_FILE_READ_ONLY", "The file is write-protected" },
   { VIX_E_FILE_ALREADY_EXISTS, "VIX_E_FILE_ALREADY_EXISTS", "The file already exists" },
   { VIX_E_FILE_ACCESS_ERROR, "VIX_E_FILE_ACCESS_ERROR",
     "You do not have access rights to this file" },
   { VIX_E_FILE_ALREADY_LOCKED, "VIX_E_FILE_ALREADY_LOCKED", "The file is already in use" },
   { VIX_E_BUFFER_TOOSMALL, "VIX_E_BUFFER_TOOSMALL", "Buffer is too small" },
   { VIX_E_HOST_USER_PERMISSIONS, "VIX_E_HOST_USER_PERMISSIONS",
     "Insufficient permissions in host operating system" },
   { VIX_E_HOST_SERVER_NOT_FOUND, "VIX_E_HOST_SERVER_NOT_FOUND",
     "The specified server could not be contacted" },
   { VIX_E_HOST_NETWORK_CONN_REFUSED, "VIX_E_HOST_NETWORK_CONN_REFUSED",
     "The server refused connection" },
   { VIX_E_DISK_INVAL, "VIX_E_DISK_INVAL", "One of the parameters supplied is invalid" },
   { VIX_E_DISK_OUTOFRANGE, "VIX_E_DISK_OUTOFRANGE",
     "You have requested access to an area of the virtual disk that is out of bounds" },
   { VIX_E_DISK_CID_MISMATCH, "VIX_E_DISK_CID_MISMATCH",
     "The parent virtual disk has been modified since the child was created. Parent virtual "
     "disk's content ID does not match with the parent content ID in the child" },
   { VIX_E_DISK_OPENPARENT, "VIX_E_DISK_OPENPARENT",
     "The parent of this virtual disk could not be opened" },
   { VIX_E_DISK_KEY_NOTFOUND, "VIX_E_DISK_KEY_NOTFOUND",
     "The specified key is not found in the disk database" },
   { VIX_E_DISK_INVALIDDISK, "VIX_E_DISK_INVALIDDISK", "The specified file is not a virtual disk" },
   { VIX_E_CANNOT_CONNECT_TO_HOST, "VIX_E_CANNOT_CONNECT_TO_HOST",
     "Cannot connect to the host" },
   { VIX_E_OPERATION_DISABLED, "VIX_E_OPERATION_DISABLED",
     "The operation has been disabled by the guest operating system" },
   { VIX_ASYNC, "VIX_ASYNC", "The operation is running asynchronously" },
   { VIX_E_NET_HTTP_OPERATION_TIMEDOUT, "VIX_E_NET_HTTP_OPERATION_TIMEDOUT",
     "Network operation timed out" },
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
