/* init.c -- InitEx/Init/Exit, the global lock, ListTransportModes. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stub_internal.h"

static pthread_mutex_t g_lock;
static pthread_once_t g_lockOnce = PTHREAD_ONCE_INIT;
static bool g_initialized;
/* Set by the first Exit after a successful InitEx; never cleared (not even by
 * VixDiskLibStub_Reset): real VDDK cannot be initialised again in the same process. */
static bool g_exited;

/* Make fork() safe: no lock of the library is held by another thread at the fork. */
static void atfork_prepare(void)
{
   pthread_mutex_lock(&g_lock);     /* first: no thread takes g_lock while holding another */
   stub_async_atfork_prepare();
   stub_log_atfork_prepare();
}

static void atfork_parent(void)
{
   stub_log_atfork_parent();
   stub_async_atfork_parent();
   pthread_mutex_unlock(&g_lock);
}

static void init_recursive(pthread_mutex_t *m)
{
   pthread_mutexattr_t attr;
   pthread_mutexattr_init(&attr);
   pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
   pthread_mutex_init(m, &attr);
   pthread_mutexattr_destroy(&attr);
}

/* The child's only thread has a new id: a recursive mutex owned by the parent thread's id
 * cannot be unlocked there, so it is re-created (free, as nobody else runs in the child). */
static void atfork_child(void)
{
   init_recursive(&g_lock);
   stub_async_atfork_child();
   stub_log_atfork_child();
}

static void lock_init(void)
{
   init_recursive(&g_lock);
   pthread_atfork(atfork_prepare, atfork_parent, atfork_child);
}

void stub_lock(void)
{
   pthread_once(&g_lockOnce, lock_init);
   pthread_mutex_lock(&g_lock);
}

void stub_unlock(void)
{
   pthread_mutex_unlock(&g_lock);
}

bool stub_is_initialized(void)
{
   stub_lock();
   bool init = g_initialized;
   stub_unlock();
   return init;
}

VixError stub_enter(const char *function)
{
   if (!stub_is_initialized()) {
      return VIX_E_FAIL;
   }
   return stub_fault_check(function);
}

static void log_lib_dir(const char *libDir)
{
   if (libDir == NULL) {
      stub_logf(STUB_LVL_INFO, "VixDiskLib: libDir is NULL, looking for plugins in "
                "the default /usr/lib/vmware-vix-disklib/lib64\n");
      return;
   }
   struct stat st;
   bool exists = stat(libDir, &st) == 0 && S_ISDIR(st.st_mode);
   stub_logf(STUB_LVL_INFO, "VixDiskLib: looking for plugins in %s/lib64%s\n", libDir,
             exists ? "" : " (directory does not exist)");
   stub_logf(STUB_LVL_INFO, "VixDiskLib: advanced transport plugin (san, hotadd) "
             "emulated by the stub; libDir = %s\n", libDir);
}

static VixError do_init(uint32 major, uint32 minor, VixDiskLibGenericLogFunc *log,
                        VixDiskLibGenericLogFunc *warn, VixDiskLibGenericLogFunc *panic,
                        const char *libDir, const char *configFile, const char *function)
{
   VixError err = stub_fault_check(function);
   if (err != VIX_OK) {
      return err;
   }
   stub_lock();
   if (g_exited) {
      stub_unlock();
      /* Measured on VDDK 9.0 (native-stubs/README.md, "Behaviour of real VDDK"): InitEx
       * after Exit in one process corrupts VDDK's heap; the second Exit frees a block the
       * first Exit already freed (glibc "double free detected" or a later SIGSEGV). The
       * stub refuses the call so no test passes on behaviour real VDDK lacks. */
      stub_log_panic(panic, "VixDiskLib: %s called after VixDiskLib_Exit in the same "
                     "process (pid %ld): real VDDK 9.0 cannot be re-initialised; its heap is "
                     "corrupted and the second Exit double-frees (glibc \"double free "
                     "detected\" or a later SIGSEGV). Initialise once per process; use a "
                     "child process per job if isolation is needed. The stub fails the "
                     "call.\n", function, (long)getpid());
      return VIX_E_FAIL;
   }
   if (g_initialized) {
      stub_unlock();
      stub_logf(STUB_LVL_WARN, "VixDiskLib: %s called again without Exit; keeping the "
                "first initialization (log functions, libDir, config)\n", function);
      return VIX_OK;
   }
   stub_log_set_functions(log, warn, panic);
   g_initialized = true;
   stub_unlock();

   stub_config_load(configFile);   /* first: its LogLevel filters everything below */
   stub_logf(STUB_LVL_INFO, "VixDiskLib: %s(%u.%u) of the vddk4j stub library "
             "(VDDK ABI %d.%d)\n", function, major, minor,
             VIXDISKLIB_VERSION_MAJOR, VIXDISKLIB_VERSION_MINOR);
   log_lib_dir(libDir);
   stub_config_log_effective();
   const char *env = getenv("VIXDISKLIBSTUB_ENV");
   if (env != NULL && env[0] != '\0') {
      stub_logf(STUB_LVL_INFO, "VixDiskLib: loading emulated environment from %s\n", env);
      stub_env_load(env);
   }
   stub_log_init_done();
   return VIX_OK;
}

STUB_API VixError VixDiskLib_InitEx(uint32 majorVersion, uint32 minorVersion,
                                    VixDiskLibGenericLogFunc *log,
                                    VixDiskLibGenericLogFunc *warn,
                                    VixDiskLibGenericLogFunc *panic, const char *libDir,
                                    const char *configFile)
{
   stub_count_call(STUB_CALL_INITEX);
   return do_init(majorVersion, minorVersion, log, warn, panic, libDir, configFile,
                  "VixDiskLib_InitEx");
}

STUB_API VixError VixDiskLib_Init(uint32 majorVersion, uint32 minorVersion,
                                  VixDiskLibGenericLogFunc *log,
                                  VixDiskLibGenericLogFunc *warn,
                                  VixDiskLibGenericLogFunc *panic, const char *libDir)
{
   stub_count_call(STUB_CALL_INIT);
   return do_init(majorVersion, minorVersion, log, warn, panic, libDir, NULL,
                  "VixDiskLib_Init");
}

STUB_API void VixDiskLib_Exit(void)
{
   stub_count_call(STUB_CALL_EXIT);
   if (!stub_is_initialized()) {
      return;
   }
   int64 conns = stub_tracked_count(STUB_OBJ_CONNECTION);
   int64 handles = stub_tracked_count(STUB_OBJ_HANDLE);
   if (conns > 0 || handles > 0) {
      stub_logf(STUB_LVL_WARN, "VixDiskLib: Exit called with %lld open connection(s) and "
                "%lld open disk handle(s); they are not closed (caller error)\n",
                (long long)conns, (long long)handles);
   }
   stub_logf(STUB_LVL_INFO, "VixDiskLib: Exit: stopping background threads\n");
   stub_async_shutdown();
   stub_log_stop_thread();
   stub_lock();
   g_initialized = false;
   g_exited = true;
   stub_config_clear();
   stub_log_set_functions(NULL, NULL, NULL);
   stub_unlock();
}

STUB_API const char *VixDiskLib_ListTransportModes(void)
{
   if (stub_enter("VixDiskLib_ListTransportModes") != VIX_OK) {
      return NULL;
   }
   return "file:san:hotadd:nbdssl:nbd";
}
