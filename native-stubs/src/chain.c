/*
 * chain.c -- disk chains: CreateChild (a redo log whose unwritten sectors read from its
 * parent), IsAttachPossible and Attach (put a child link opened alone on top of an opened
 * parent chain).
 *
 * VixDiskLib.h: CreateChild "Creates a redo log from a parent disk", diskType "Either
 * VIXDISKLIB_DISK_MONOLITHIC_SPARSE or VIXDISKLIB_DISK_SPLIT_SPARSE"; Attach "Attaches the
 * child disk chain to the parent disk chain. Parent handle is invalid after attaching and
 * child represents the combined disk chain."
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "stub_internal.h"

static const char *base_name(const char *path)
{
   const char *slash = strrchr(path, '/');
   return slash != NULL ? slash + 1 : path;
}

/* The parentFileNameHint VMware writes: the parent's base name when both files share a
 * directory, else the parent's absolute path. */
static char *parent_hint(const char *childPath, const char *parentPath)
{
   char childDir[PATH_MAX], parentReal[PATH_MAX];
   const char *slash = strrchr(childPath, '/');
   int dirLen = slash != NULL ? (int)(slash - childPath) : 1;
   snprintf(childDir, sizeof childDir, "%.*s", dirLen, slash != NULL ? childPath : ".");
   char *dirReal = realpath(childDir, NULL);
   if (realpath(parentPath, parentReal) == NULL || dirReal == NULL) {
      free(dirReal);
      return strdup(parentPath);
   }
   size_t dl = strlen(dirReal);
   bool same = strncmp(parentReal, dirReal, dl) == 0 && parentReal[dl] == '/' &&
               strchr(parentReal + dl + 1, '/') == NULL;
   free(dirReal);
   return strdup(same ? parentReal + dl + 1 : parentReal);
}

STUB_API VixError VixDiskLib_CreateChild(VixDiskLibHandle diskHandle, const char *childPath,
                                         VixDiskLibDiskType diskType,
                                         VixDiskLibProgressFunc progressFunc,
                                         void *progressCallbackData)
{
   VixError err = stub_enter_handle("VixDiskLib_CreateChild", diskHandle);
   if (err != VIX_OK) {
      return err;
   }
   if (childPath == NULL) {
      return VIX_E_INVALID_ARG;
   }
   if ((err = stub_vmdk_check_path("CreateChild", childPath)) != VIX_OK ||
       (err = stub_vmdk_check_path("CreateChild", diskHandle->path)) != VIX_OK) {
      return err;   /* the child's descriptor names the parent (parentFileNameHint) */
   }
   VixDiskLibHandle h = diskHandle;
   if (diskType == VIXDISKLIB_DISK_SPLIT_SPARSE) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: CreateChild: the stub creates monolithicSparse "
                "redo logs only (a stub limit)\n");
      return VIX_E_NOT_SUPPORTED;
   }
   if (diskType != VIXDISKLIB_DISK_MONOLITHIC_SPARSE) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: CreateChild: diskType %d: a redo log is "
                "MONOLITHIC_SPARSE or SPLIT_SPARSE\n", (int)diskType);
      return VIX_E_INVALID_ARG;
   }
   if (!h->conn->local) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: CreateChild: only local (hosted) disks\n");
      return VIX_E_NOT_SUPPORTED;
   }
   if (stub_disk_exists(childPath)) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: CreateChild: %s already exists\n", childPath);
      return VIX_E_FILE_ALREADY_EXISTS;
   }
   StubProgress progress;
   stub_progress_init(&progress, progressFunc, progressCallbackData, "CreateChild");
   if ((err = stub_progress_report(&progress, 0, 1)) != VIX_OK) {
      return err;
   }
   StubStage stage;
   char *hint = parent_hint(childPath, h->path);
   char *staged = NULL, *name = strdup(base_name(childPath));
   if (hint == NULL || name == NULL) {
      err = VIX_E_OUT_OF_MEMORY;
   } else if ((err = stub_stage_begin(&stage, childPath)) == VIX_OK) {
      staged = stub_stage_path(&stage, childPath);
      pthread_mutex_lock(&h->disk->mutex);   /* the parent's descriptor (its CID) */
      err = staged == NULL ? VIX_E_OUT_OF_MEMORY
                           : stub_sparse_create_child(staged, h->disk, hint);
      pthread_mutex_unlock(&h->disk->mutex);
      if (err == VIX_OK) {
         err = stub_stage_commit(&stage, &name, 1, false);
      } else {
         stub_stage_abort(&stage);
      }
   }
   if (err == VIX_OK) {
      (void)stub_progress_report(&progress, 1, 1);
      stub_logf(STUB_LVL_INFO, "VixDiskLib: created redo log %s of %s\n", childPath, h->path);
   }
   free(staged);
   free(name);
   free(hint);
   return err;
}

/* Why child cannot go on top of parent, or VIX_OK. */
static VixError attach_check(const char *function, VixDiskLibHandle parent,
                             VixDiskLibHandle child)
{
   VixError err = stub_enter_handle(function, parent);
   if (err == VIX_OK) {
      err = stub_enter_handle(function, child);
   }
   if (err != VIX_OK) {
      return err;
   }
   if (parent == child) {
      return VIX_E_INVALID_ARG;
   }
   char parentCid[32] = "", childParentCid[32] = "ffffffff";
   StubDisk *c = child->disk, *p = parent->disk;
   pthread_mutex_lock(&c->mutex);
   stub_vmdk_get(&c->vmdk, "parentCID", childParentCid, sizeof childParentCid);
   bool hasParent = c->parent != NULL;
   pthread_mutex_unlock(&c->mutex);
   pthread_mutex_lock(&p->mutex);
   stub_vmdk_get(&p->vmdk, "CID", parentCid, sizeof parentCid);
   pthread_mutex_unlock(&p->mutex);
   const char *why = NULL;
   if (strcasecmp(childParentCid, "ffffffff") == 0) {
      err = VIX_E_DISK_ATTACH_ROOTLINK;
      why = "the child is a base disk (a root link), not a redo log";
   } else if (hasParent) {
      err = VIX_E_INVALID_ARG;
      why = "the child already has its parent chain (open it with "
            "VIXDISKLIB_FLAG_OPEN_SINGLE_LINK)";
   } else if (child->capacity != parent->capacity) {
      err = VIX_E_DISK_CAPACITY_MISMATCH;
      why = "the capacities differ";
   } else if (strcasecmp(childParentCid, parentCid) != 0) {
      err = VIX_E_DISK_CID_MISMATCH;
      why = "the child's parentCID is not the parent's CID";
   }
   if (err != VIX_OK) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: cannot attach %s to %s: %s\n",
                function + strlen("VixDiskLib_"), child->path, parent->path, why);
   }
   return err;
}

STUB_API VixError VixDiskLib_IsAttachPossible(VixDiskLibHandle parent, VixDiskLibHandle child)
{
   return attach_check("VixDiskLib_IsAttachPossible", parent, child);
}

STUB_API VixError VixDiskLib_Attach(VixDiskLibHandle parent, VixDiskLibHandle child)
{
   VixError err = attach_check("VixDiskLib_Attach", parent, child);
   if (err == VIX_OK) {
      err = stub_async_drain(parent, "VixDiskLib_Attach");   /* as Close does */
   }
   if (err != VIX_OK) {
      return err;
   }
   /* The parent's disk moves under the child; its handle is closed without it. */
   StubDisk *p = parent->disk;
   parent->disk = NULL;
   stub_logf(STUB_LVL_INFO, "VixDiskLib: attached %s to %s (parent handle closed)\n",
             child->path, parent->path);
   stub_handle_close(parent);
   pthread_mutex_lock(&child->disk->mutex);
   child->disk->parent = p;
   child->disk->numLinks = 1 + p->numLinks;
   pthread_mutex_unlock(&child->disk->mutex);
   return VIX_OK;
}
