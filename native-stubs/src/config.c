/*
 * config.c -- the InitEx configuration file and VixDiskLibStub_GetConfigValue.
 *
 * Lines are `name=value` or `name = "value"`; `#` starts a comment line. Key names are
 * matched case-insensitively. Problems are logged (warn) naming file:line and never make
 * InitEx fail, as with real VDDK.
 */
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stub_internal.h"

typedef struct {
   const char *name;
   const char *defaultValue;   /* NULL: no default */
   bool numeric;
   int64 min, max;
} KnownKey;

#define NUM(name, def, lo, hi) { name, #def, true, lo, hi }
#define STR(name, def) { name, def, false, 0, 0 }
#define TIMEOUT_MAX 2147483648LL

static const KnownKey KNOWN_KEYS[] = {
   NUM("vixDiskLib.transport.LogLevel", 6, 0, 6),
   NUM("vixDiskLib.nfc.AcceptTimeoutMs", 0, 0, TIMEOUT_MAX),
   NUM("vixDiskLib.nfc.RequestTimeoutMs", 0, 0, TIMEOUT_MAX),
   NUM("vixDiskLib.nfc.ReadTimeoutMs", 0, 0, TIMEOUT_MAX),
   NUM("vixDiskLib.nfc.WriteTimeoutMs", 0, 0, TIMEOUT_MAX),
   NUM("vixDiskLib.nfcFssrvr.TimeoutMs", 0, 0, TIMEOUT_MAX),
   NUM("vixDiskLib.nfcFssrvrWrite.TimeoutMs", 0, 0, TIMEOUT_MAX),
   NUM("vixDiskLib.nfc.LogLevel", 1, 0, 4),
   NUM("vixDiskLib.disklib.EnableCache", 0, 0, 1),
   /* Any positive size/count parses; Open enforces size x count x 64 KiB <= 16 MiB. */
   NUM("vixDiskLib.nfcAio.Session.BufSizeIn64KB", 1, 1, 65536),
   NUM("vixDiskLib.nfcAio.Session.BufCount", 4, 1, 65536),
   /* Booleans: VMware config files write them as 0/1 or true/false; kept as written. */
   STR("vixDiskLib.linuxSSL.verifyCertificates", "1"),
   STR("vixDiskLib.transport.hotadd.NoNfcSession", "0"),
   STR("vixDiskLib.ssl.enableSslFIPS", "0"),
   STR("vixDiskLib.phoneHome.EnablePhoneHome", "1"),
   STR("tmpDirectory", "/tmp"),
   STR("vixDiskLib.transport.san.allowList", NULL),
   STR("vixDiskLib.transport.san.denyList", NULL),
   STR("vixDiskLib.transport.san.whitelist", NULL),
   STR("vixDiskLib.transport.san.blacklist", NULL),
   STR("vixDiskLib.phoneHome.ProductName", NULL),
   STR("vixDiskLib.phoneHome.ProductVersion", NULL),
   STR("vixDiskLib.phoneHome.DatabaseDir", NULL),
};
#define NUM_KNOWN (sizeof KNOWN_KEYS / sizeof KNOWN_KEYS[0])

typedef struct Entry {
   struct Entry *next;
   char *name;
   char *value;
} Entry;

static Entry *g_entries;   /* guarded by stub_lock */

/* Messages of the last load, sent once the whole file (and so LogLevel) is known. */
typedef struct Note {
   struct Note *next;
   int level;
   char *text;
} Note;
static Note *g_notes, **g_notesTail = &g_notes;

static void note(int level, const char *fmt, ...) STUB_PRINTF(2, 3);
static void note(int level, const char *fmt, ...)
{
   Note *n = calloc(1, sizeof *n);
   va_list args;
   va_start(args, fmt);
   if (n != NULL && vasprintf(&n->text, fmt, args) >= 0) {
      n->level = level;
      *g_notesTail = n;
      g_notesTail = &n->next;
   } else {
      free(n);
   }
   va_end(args);
}

static const KnownKey *find_known(const char *name)
{
   for (size_t i = 0; i < NUM_KNOWN; i++) {
      if (strcasecmp(KNOWN_KEYS[i].name, name) == 0) {
         return &KNOWN_KEYS[i];
      }
   }
   return NULL;
}

static Entry *find_entry(const char *name)
{
   for (Entry *e = g_entries; e != NULL; e = e->next) {
      if (strcasecmp(e->name, name) == 0) {
         return e;
      }
   }
   return NULL;
}

static void store(const char *name, const char *value)
{
   Entry *e = find_entry(name);
   if (e == NULL) {
      e = calloc(1, sizeof *e);
      if (e == NULL) {
         return;
      }
      e->name = stub_strdup(name);
      e->next = g_entries;
      g_entries = e;
   } else {
      free(e->value);
   }
   e->value = stub_strdup(value);
}

void stub_config_clear(void)
{
   stub_lock();
   while (g_entries != NULL) {
      Entry *next = g_entries->next;
      free(g_entries->name);
      free(g_entries->value);
      free(g_entries);
      g_entries = next;
   }
   stub_unlock();
}

static bool parse_int(const char *s, int64 *out)
{
   if (*s == '\0') {
      return false;
   }
   errno = 0;
   char *end;
   long long v = strtoll(s, &end, 10);
   if (errno != 0 || *end != '\0') {
      return false;
   }
   *out = v;
   return true;
}

static char *trim(char *s)
{
   while (isspace((unsigned char)*s)) {
      s++;
   }
   size_t n = strlen(s);
   while (n > 0 && isspace((unsigned char)s[n - 1])) {
      s[--n] = '\0';
   }
   return s;
}

/* Parse one non-comment line; returns false (and logs) for a malformed line. */
static void parse_line(const char *path, unsigned lineNo, char *line)
{
   char *eq = strchr(line, '=');
   if (eq == NULL) {
      note(STUB_LVL_WARN, "VixDiskLib: config %s:%u: malformed line (no '='), "
                "ignored: %s\n", path, lineNo, line);
      return;
   }
   *eq = '\0';
   char *name = trim(line);
   char *value = trim(eq + 1);
   size_t len = strlen(value);
   if (len >= 2 && value[0] == '"' && value[len - 1] == '"') {
      value[len - 1] = '\0';
      value++;
   }
   if (*name == '\0') {
      note(STUB_LVL_WARN, "VixDiskLib: config %s:%u: malformed line (empty key "
                "name), ignored\n", path, lineNo);
      return;
   }
   const KnownKey *known = find_known(name);
   if (known == NULL) {
      note(STUB_LVL_WARN, "VixDiskLib: config %s:%u: unknown key '%s' (value kept "
                "but not used)\n", path, lineNo, name);
   } else if (known->numeric) {
      int64 v;
      if (!parse_int(value, &v)) {
         note(STUB_LVL_WARN, "VixDiskLib: config %s:%u: value '%s' of %s is not a "
                   "number; using the default %s\n", path, lineNo, value, known->name,
                   known->defaultValue);
         return;
      }
      if (v < known->min || v > known->max) {
         note(STUB_LVL_WARN, "VixDiskLib: config %s:%u: value %lld of %s is out of "
                   "range %lld..%lld; using the default %s\n", path, lineNo, (long long)v,
                   known->name, (long long)known->min, (long long)known->max,
                   known->defaultValue);
         return;
      }
   }
   stub_lock();
   store(known != NULL ? known->name : name, value);
   stub_unlock();
}

void stub_config_load(const char *path)
{
   stub_config_clear();
   if (path == NULL) {
      note(STUB_LVL_INFO, "VixDiskLib: no config file given; using built-in "
                "defaults\n");
      return;
   }
   FILE *f = fopen(path, "r");
   if (f == NULL) {
      note(STUB_LVL_WARN, "VixDiskLib: cannot read config file %s: %s; using "
                "built-in defaults\n", path, strerror(errno));
      return;
   }
   note(STUB_LVL_INFO, "VixDiskLib: reading config file %s\n", path);
   char *line = NULL;
   size_t cap = 0;
   unsigned lineNo = 0;
   while (getline(&line, &cap, f) != -1) {
      lineNo++;
      char *s = trim(line);
      if (*s == '\0' || *s == '#') {
         continue;
      }
      parse_line(path, lineNo, s);
   }
   free(line);
   fclose(f);
}

void stub_config_log_effective(void)
{
   stub_lock();
   Note *notes = g_notes;
   g_notes = NULL;
   g_notesTail = &g_notes;
   stub_unlock();
   while (notes != NULL) {
      Note *next = notes->next;
      stub_logf(notes->level, "%s", notes->text);
      free(notes->text);
      free(notes);
      notes = next;
   }
   for (size_t i = 0; i < NUM_KNOWN; i++) {
      char value[256];
      size_t needed;
      if (VixDiskLibStub_GetConfigValue(KNOWN_KEYS[i].name, value, sizeof value,
                                        &needed) == VIX_OK) {
         /* VDDK 9.0 logs its effective options only at transport.LogLevel 6 (measured). */
         stub_logf(STUB_LVL_VERBOSE, "VixDiskLib: config %s = %s\n", KNOWN_KEYS[i].name,
                   value);
      }
   }
}

int64 stub_config_int(const char *key)
{
   const KnownKey *known = find_known(key);
   if (known == NULL || !known->numeric) {
      return 0;
   }
   int64 v = 0;
   stub_lock();
   Entry *e = find_entry(known->name);
   if (e == NULL || !parse_int(e->value, &v)) {
      parse_int(known->defaultValue, &v);
   }
   stub_unlock();
   return v;
}

STUB_API VixError VixDiskLibStub_GetConfigValue(const char *key, char *buf, size_t bufLen,
                                                size_t *requiredLen)
{
   if (key == NULL) {
      return VIX_E_INVALID_ARG;
   }
   VixError err = VIX_OK;
   stub_lock();
   if (!stub_is_initialized()) {
      err = VIX_E_FAIL;
   } else {
      Entry *e = find_entry(key);
      const KnownKey *known = find_known(key);
      const char *value = e != NULL ? e->value : known != NULL ? known->defaultValue : NULL;
      if (value == NULL) {
         err = VIX_E_FILE_NOT_FOUND;
      } else {
         err = stub_copy_out(value, buf, bufLen, requiredLen);
      }
   }
   stub_unlock();
   return err;
}
