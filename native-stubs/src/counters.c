/*
 * counters.c -- registry of the objects the stub hands out (so that a Free of something
 * that is not a live object is detected and logged instead of crashing) and the counters
 * of VixDiskLibStub_GetCounter.
 */
#include <stdlib.h>
#include <string.h>

#include "stub_internal.h"

typedef struct Node {
   struct Node *next;
   void *ptr;
} Node;

static Node *g_objects[STUB_OBJ_KINDS];       /* guarded by stub_lock */
static int64 g_objectCounts[STUB_OBJ_KINDS];
static int64 g_calls[STUB_CALL_KINDS];

void stub_track(StubObjKind kind, void *ptr)
{
   Node *n = malloc(sizeof *n);
   stub_lock();
   if (n != NULL) {
      n->ptr = ptr;
      n->next = g_objects[kind];
      g_objects[kind] = n;
   }
   g_objectCounts[kind]++;
   stub_unlock();
}

bool stub_untrack(StubObjKind kind, void *ptr)
{
   bool found = false;
   stub_lock();
   for (Node **p = &g_objects[kind]; *p != NULL; p = &(*p)->next) {
      if ((*p)->ptr == ptr) {
         Node *dead = *p;
         *p = dead->next;
         free(dead);
         g_objectCounts[kind]--;
         found = true;
         break;
      }
   }
   stub_unlock();
   return found;
}

bool stub_is_tracked(StubObjKind kind, const void *ptr)
{
   bool found = false;
   stub_lock();
   for (Node *n = g_objects[kind]; n != NULL && !found; n = n->next) {
      found = n->ptr == ptr;
   }
   stub_unlock();
   return found;
}

int64 stub_tracked_count(StubObjKind kind)
{
   stub_lock();
   int64 n = g_objectCounts[kind];
   stub_unlock();
   return n;
}

void stub_count_call(StubCallKind kind)
{
   stub_lock();
   g_calls[kind]++;
   stub_unlock();
}

void stub_counters_reset_calls(void)
{
   stub_lock();
   memset(g_calls, 0, sizeof g_calls);
   stub_unlock();
}

STUB_API int64 VixDiskLibStub_GetCounter(const char *name)
{
   static const struct {
      const char *name;
      StubObjKind kind;
   } OBJECTS[] = {
      { "connectParams", STUB_OBJ_CONNECT_PARAMS }, { "infos", STUB_OBJ_INFO },
      { "errorTexts", STUB_OBJ_ERROR_TEXT },         { "blockLists", STUB_OBJ_BLOCK_LIST },
      { "connections", STUB_OBJ_CONNECTION },        { "handles", STUB_OBJ_HANDLE },
      { "changeInfos", STUB_OBJ_CHANGE_INFO },
   };
   static const struct {
      const char *name;
      StubCallKind kind;
   } CALLS[] = {
      { "initEx", STUB_CALL_INITEX }, { "init", STUB_CALL_INIT }, { "exit", STUB_CALL_EXIT },
   };
   if (name == NULL) {
      return -1;
   }
   if (strcmp(name, "connectParams") == 0) {   /* Allocate- and GetConnectParams results */
      return stub_tracked_count(STUB_OBJ_CONNECT_PARAMS) +
             stub_tracked_count(STUB_OBJ_CONNECT_PARAMS_COPY);
   }
   for (size_t i = 0; i < sizeof OBJECTS / sizeof OBJECTS[0]; i++) {
      if (strcmp(name, OBJECTS[i].name) == 0) {
         return stub_tracked_count(OBJECTS[i].kind);
      }
   }
   for (size_t i = 0; i < sizeof CALLS / sizeof CALLS[0]; i++) {
      if (strcmp(name, CALLS[i].name) == 0) {
         stub_lock();
         int64 n = g_calls[CALLS[i].kind];
         stub_unlock();
         return n;
      }
   }
   if (strcmp(name, "logThreads") == 0) {
      return stub_log_thread_count();
   }
   if (strcmp(name, "asyncThreads") == 0) {
      return stub_async_thread_count();
   }
   return -1;
}
