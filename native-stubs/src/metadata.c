/*
 * metadata.c -- GetMetadataKeys / ReadMetadata / WriteMetadata on the descriptor's disk
 * database (the `ddb.*` keys).
 *
 * VDDK 9.0 (measured): names come and go *without* the `ddb.` prefix (`adapterType`,
 * `geometry.cylinders`, ...); the key list is NUL-separated and ends with an empty string; a
 * NULL or too small buffer gives 24 VIX_E_BUFFER_TOOSMALL with requiredLen set (the two-call
 * size protocol), for values of any length. WriteMetadata persists at once: the descriptor is rewritten atomically
 * (text) or in place (embedded in a monolithicSparse file), so other tools (qemu-img) still
 * open the disk; a value that would make the descriptor too large to open again is refused
 * with VIX_E_DISK_FULL (stub_vmdk_set), the disk unchanged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stub_internal.h"

STUB_API VixError VixDiskLib_GetMetadataKeys(VixDiskLibHandle diskHandle, char *keysBuffer,
                                             size_t bufLen, size_t *requiredLen)
{
   VixError err = stub_enter_handle("VixDiskLib_GetMetadataKeys", diskHandle);
   if (err != VIX_OK) {
      return err;
   }
   pthread_mutex_lock(&diskHandle->mutex);
   size_t need = stub_vmdk_ddb_keys(&diskHandle->disk->vmdk, keysBuffer, bufLen);
   pthread_mutex_unlock(&diskHandle->mutex);
   if (requiredLen != NULL) {
      *requiredLen = need;
   }
   return keysBuffer == NULL || bufLen < need ? VIX_E_BUFFER_TOOSMALL : VIX_OK;
}

/* "adapterType" -> "ddb.adapterType"; NULL for a key the descriptor grammar cannot hold. */
static char *ddb_key(const char *key)
{
   char *full = NULL;
   if (!stub_vmdk_valid_key(key) || asprintf(&full, "ddb.%s", key) < 0) {
      return NULL;
   }
   return full;
}

STUB_API VixError VixDiskLib_ReadMetadata(VixDiskLibHandle diskHandle, const char *key,
                                          char *buf, size_t bufLen, size_t *requiredLen)
{
   VixError err = stub_enter_handle("VixDiskLib_ReadMetadata", diskHandle);
   if (err != VIX_OK) {
      return err;
   }
   char *full = ddb_key(key);
   if (full == NULL) {
      return key == NULL || !stub_vmdk_valid_key(key) ? VIX_E_INVALID_ARG
                                                      : VIX_E_OUT_OF_MEMORY;
   }
   bool found;
   pthread_mutex_lock(&diskHandle->mutex);
   char *value = stub_vmdk_value(&diskHandle->disk->vmdk, full, &found);
   pthread_mutex_unlock(&diskHandle->mutex);
   if (!found) {
      stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: ReadMetadata: %s has no key %s\n",
                diskHandle->path, full);
      err = VIX_E_DISK_KEY_NOTFOUND;
   } else {
      /* the whole value, however long: 24 with requiredLen when buf is too small */
      err = value == NULL ? VIX_E_OUT_OF_MEMORY
                          : stub_copy_out(value, buf, bufLen, requiredLen);
   }
   free(value);
   free(full);
   return err;
}

STUB_API VixError VixDiskLib_WriteMetadata(VixDiskLibHandle diskHandle, const char *key,
                                           const char *val)
{
   VixError err = stub_enter_handle("VixDiskLib_WriteMetadata", diskHandle);
   if (err != VIX_OK) {
      return err;
   }
   if (!stub_vmdk_valid_key(key) || !stub_vmdk_valid_value(val)) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: WriteMetadata: key and value must be one line "
                "without quotes (key [A-Za-z0-9._:-])\n");
      return VIX_E_INVALID_ARG;
   }
   if (diskHandle->readOnly) {
      return VIX_E_FILE_READ_ONLY;
   }
   char *full = ddb_key(key);
   if (full == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   pthread_mutex_lock(&diskHandle->mutex);
   err = stub_vmdk_set(&diskHandle->disk->vmdk, full, val, true);
   if (err == VIX_OK) {
      err = stub_disk_save_descriptor(diskHandle->disk);
   }
   pthread_mutex_unlock(&diskHandle->mutex);
   if (err != VIX_OK) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: WriteMetadata: cannot update %s\n",
                diskHandle->path);
   }
   free(full);
   return err;
}
