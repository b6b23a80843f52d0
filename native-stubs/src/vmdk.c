/*
 * vmdk.c -- VMware monolithicFlat descriptors: parse, edit, atomic rewrite, create.
 *
 * A descriptor is kept as its list of lines so that a rewrite changes only the keys it
 * sets and keeps everything else (comments, order, unknown keys) as another tool wrote it.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stub_internal.h"

#define MAX_DESCRIPTOR_BYTES (1024 * 1024)

static VixError errno_to_vix(int e)
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
   default:
      return VIX_E_FAIL;
   }
}

void stub_vmdk_free(StubVmdk *v)
{
   for (size_t i = 0; i < v->numLines; i++) {
      free(v->lines[i]);
   }
   free(v->lines);
   free(v->extentFile);
   memset(v, 0, sizeof *v);
}

static bool append_line(StubVmdk *v, const char *text, size_t len)
{
   char **lines = realloc(v->lines, (v->numLines + 1) * sizeof *lines);
   if (lines == NULL) {
      return false;
   }
   v->lines = lines;
   if ((lines[v->numLines] = strndup(text, len)) == NULL) {
      return false;
   }
   v->numLines++;
   return true;
}

/* If line is `key = value` (value optionally quoted), return a pointer to its key and set
 * keyLen and value (copied into buf). */
static bool split_key_value(const char *line, size_t *keyLen, char *buf, size_t bufLen)
{
   const char *eq = strchr(line, '=');
   if (eq == NULL || line[0] == '#') {
      return false;
   }
   size_t kl = (size_t)(eq - line);
   while (kl > 0 && (line[kl - 1] == ' ' || line[kl - 1] == '\t')) {
      kl--;
   }
   const char *val = eq + 1;
   while (*val == ' ' || *val == '\t') {
      val++;
   }
   size_t vl = strlen(val);
   while (vl > 0 && (val[vl - 1] == ' ' || val[vl - 1] == '\t')) {
      vl--;
   }
   if (vl >= 2 && val[0] == '"' && val[vl - 1] == '"') {
      val++;
      vl -= 2;
   }
   if (buf != NULL) {
      if (vl >= bufLen) {
         vl = bufLen - 1;
      }
      memcpy(buf, val, vl);
      buf[vl] = '\0';
   }
   *keyLen = kl;
   return true;
}

static ssize_t find_key(const StubVmdk *v, const char *key)
{
   size_t want = strlen(key);
   for (size_t i = 0; i < v->numLines; i++) {
      size_t kl;
      if (split_key_value(v->lines[i], &kl, NULL, 0) && kl == want &&
          strncmp(v->lines[i], key, kl) == 0) {
         return (ssize_t)i;
      }
   }
   return -1;
}

const char *stub_vmdk_get(const StubVmdk *v, const char *key, char *buf, size_t bufLen)
{
   ssize_t i = find_key(v, key);
   size_t kl;
   if (i < 0 || !split_key_value(v->lines[i], &kl, buf, bufLen)) {
      return NULL;
   }
   return buf;
}

VixError stub_vmdk_set(StubVmdk *v, const char *key, const char *value, bool quoted)
{
   char *line;
   if (asprintf(&line, quoted ? "%s = \"%s\"" : "%s=%s", key, value) < 0) {
      return VIX_E_OUT_OF_MEMORY;
   }
   ssize_t i = find_key(v, key);
   if (i >= 0) {
      free(v->lines[i]);
      v->lines[i] = line;
      return VIX_OK;
   }
   bool ok = append_line(v, line, strlen(line));
   free(line);
   return ok ? VIX_OK : VIX_E_OUT_OF_MEMORY;
}

/* `RW 131072 FLAT "x-flat.vmdk" 0` */
static bool parse_extent(StubVmdk *v, const char *line, bool *isExtent)
{
   char access[16], type[16];
   uint64 sectors;
   int used = 0;
   *isExtent = false;
   if (sscanf(line, "%15s %" SCNu64 " %15s %n", access, &sectors, type, &used) < 3 ||
       (strcmp(access, "RW") != 0 && strcmp(access, "RDONLY") != 0 &&
        strcmp(access, "NOACCESS") != 0)) {
      return true;
   }
   *isExtent = true;
   const char *q1 = strchr(line + used, '"');
   const char *q2 = q1 != NULL ? strchr(q1 + 1, '"') : NULL;
   if (strcmp(type, "FLAT") != 0 || q2 == NULL || v->extentFile != NULL) {
      return false;
   }
   v->extentFile = strndup(q1 + 1, (size_t)(q2 - q1 - 1));
   v->capacity = sectors;
   v->extentOffset = strtoull(q2 + 1, NULL, 10);
   return v->extentFile != NULL;
}

static VixError parse(StubVmdk *v, const char *text, size_t len, const char *path)
{
   if (memchr(text, '\0', len) != NULL || strncmp(text, "# Disk DescriptorFile", 21) != 0) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s is not a VMDK text descriptor (the stub "
                "supports monolithicFlat disks only)\n", path);
      return VIX_E_INCORRECT_FILE_TYPE;
   }
   for (const char *p = text; p < text + len;) {
      const char *nl = memchr(p, '\n', (size_t)(text + len - p));
      size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(text + len - p);
      size_t keep = n > 0 && p[n - 1] == '\r' ? n - 1 : n;
      if (!append_line(v, p, keep)) {
         return VIX_E_OUT_OF_MEMORY;
      }
      p += n + 1;
   }
   char type[64];
   if (stub_vmdk_get(v, "createType", type, sizeof type) == NULL ||
       strcmp(type, "monolithicFlat") != 0) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: createType \"%s\" is not supported by the "
                "stub (monolithicFlat only)\n", path,
                stub_vmdk_get(v, "createType", type, sizeof type) ? type : "(missing)");
      return VIX_E_INCORRECT_FILE_TYPE;
   }
   for (size_t i = 0; i < v->numLines; i++) {
      bool isExtent;
      if (!parse_extent(v, v->lines[i], &isExtent)) {
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s:%zu: unsupported extent (the stub "
                   "supports exactly one FLAT extent)\n", path, i + 1);
         return VIX_E_INCORRECT_FILE_TYPE;
      }
   }
   if (v->extentFile == NULL) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: descriptor has no extent\n", path);
      return VIX_E_INCORRECT_FILE_TYPE;
   }
   return VIX_OK;
}

VixError stub_vmdk_load(const char *path, StubVmdk *v)
{
   memset(v, 0, sizeof *v);
   int fd = open(path, O_RDONLY | O_CLOEXEC);
   if (fd < 0) {
      return errno_to_vix(errno);
   }
   char *text = malloc(MAX_DESCRIPTOR_BYTES);
   size_t len = 0;
   ssize_t n = 0;
   while (text != NULL && len < MAX_DESCRIPTOR_BYTES &&
          (n = read(fd, text + len, MAX_DESCRIPTOR_BYTES - len)) > 0) {
      len += (size_t)n;
   }
   int readErrno = errno;
   close(fd);
   if (text == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   VixError err = n < 0 ? errno_to_vix(readErrno) : parse(v, text, len, path);
   free(text);
   if (err != VIX_OK) {
      stub_vmdk_free(v);
   }
   return err;
}

VixError stub_vmdk_save(const StubVmdk *v, const char *path)
{
   struct stat st;
   mode_t mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : 0600;
   char *tmp;
   if (asprintf(&tmp, "%s.tmpXXXXXX", path) < 0) {
      return VIX_E_OUT_OF_MEMORY;
   }
   int fd = mkstemp(tmp);
   if (fd < 0) {
      VixError err = errno_to_vix(errno);
      free(tmp);
      return err;
   }
   FILE *f = fdopen(fd, "w");
   bool ok = f != NULL && fchmod(fd, mode) == 0;
   for (size_t i = 0; ok && i < v->numLines; i++) {
      ok = fputs(v->lines[i], f) >= 0 && (i + 1 == v->numLines && v->lines[i][0] == '\0'
                                              ? true : fputc('\n', f) != EOF);
   }
   ok = ok && fflush(f) == 0 && fsync(fd) == 0;
   int e = errno;
   if (f != NULL) {
      ok = fclose(f) == 0 && ok;
   } else {
      close(fd);
   }
   ok = ok && rename(tmp, path) == 0;
   if (!ok) {
      e = errno;
      unlink(tmp);
   }
   free(tmp);
   return ok ? VIX_OK : errno_to_vix(e);
}

static uint32 random32(void)
{
   uint32 r = 0;
   if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) {
      r = (uint32)rand() ^ (uint32)getpid();
   }
   return r;
}

VixError stub_vmdk_mark_written(StubVmdk *v, const char *path)
{
   char old[32] = "", cid[16], longId[40];
   stub_vmdk_get(v, "CID", old, sizeof old);
   uint32 r;
   do {
      r = random32();
      snprintf(cid, sizeof cid, "%08x", r);
   } while (strcasecmp(cid, old) == 0 || r == 0xffffffffu);
   snprintf(longId, sizeof longId, "%08x%08x%08x%s", random32(), random32(), random32(), cid);
   VixError err = stub_vmdk_set(v, "CID", cid, false);
   if (err == VIX_OK) {
      err = stub_vmdk_set(v, "ddb.longContentID", longId, true);
   }
   if (err == VIX_OK) {
      err = stub_vmdk_set(v, "ddb.encoding", "UTF-8", true);
   }
   return err == VIX_OK ? stub_vmdk_save(v, path) : err;
}

VixDiskLibAdapterType stub_vmdk_adapter(const StubVmdk *v)
{
   static const struct {
      const char *name;
      VixDiskLibAdapterType type;
   } ADAPTERS[] = {
      { "ide", VIXDISKLIB_ADAPTER_IDE },
      { "buslogic", VIXDISKLIB_ADAPTER_SCSI_BUSLOGIC },
      { "lsilogic", VIXDISKLIB_ADAPTER_SCSI_LSILOGIC },
      /* VDDK's enum has no SAS/paravirtual entries: they are LSI-class SCSI. */
      { "lsisas1068", VIXDISKLIB_ADAPTER_SCSI_LSILOGIC },
      { "pvscsi", VIXDISKLIB_ADAPTER_SCSI_LSILOGIC },
   };
   char name[32];
   if (stub_vmdk_get(v, "ddb.adapterType", name, sizeof name) != NULL) {
      for (size_t i = 0; i < sizeof ADAPTERS / sizeof ADAPTERS[0]; i++) {
         if (strcasecmp(name, ADAPTERS[i].name) == 0) {
            return ADAPTERS[i].type;
         }
      }
   }
   return VIXDISKLIB_ADAPTER_UNKNOWN;
}

char *stub_vmdk_extent_path(const StubVmdk *v, const char *descriptorPath)
{
   char *out;
   if (v->extentFile[0] == '/') {
      return strdup(v->extentFile);
   }
   const char *slash = strrchr(descriptorPath, '/');
   int dirLen = slash != NULL ? (int)(slash - descriptorPath + 1) : 0;
   if (asprintf(&out, "%.*s%s", dirLen, descriptorPath, v->extentFile) < 0) {
      return NULL;
   }
   return out;
}

/* ---- VixDiskLibStub_CreateFlatDisk ---------------------------------------------------------- */

static const char *adapter_name(VixDiskLibAdapterType t)
{
   switch (t) {
   case VIXDISKLIB_ADAPTER_IDE:           return "ide";
   case VIXDISKLIB_ADAPTER_SCSI_BUSLOGIC: return "buslogic";
   case VIXDISKLIB_ADAPTER_SCSI_LSILOGIC: return "lsilogic";
   default:                               return NULL;
   }
}

static int write_all(int fd, const char *buf, size_t len)
{
   while (len > 0) {
      ssize_t n = write(fd, buf, len);
      if (n < 0) {
         if (errno == EINTR) {
            continue;
         }
         return -1;
      }
      buf += n;
      len -= (size_t)n;
   }
   return 0;
}

STUB_API VixError VixDiskLibStub_CreateFlatDisk(const char *path,
                                                VixDiskLibSectorType capacitySectors,
                                                VixDiskLibAdapterType adapterType)
{
   const char *adapter = adapter_name(adapterType);
   size_t pl = path != NULL ? strlen(path) : 0;
   if (path == NULL || adapter == NULL || capacitySectors == 0 || pl < 6 ||
       strcmp(path + pl - 5, ".vmdk") != 0 || capacitySectors > (UINT64_MAX >> 10)) {
      return VIX_E_INVALID_ARG;
   }
   const char *slash = strrchr(path, '/');
   const char *base = slash != NULL ? slash + 1 : path;
   char *flatName = NULL, *flatPath = NULL, *text = NULL;
   if (asprintf(&flatName, "%.*s-flat.vmdk", (int)(strlen(base) - 5), base) < 0 ||
       asprintf(&flatPath, "%.*s%s", (int)(base - path), path, flatName) < 0) {
      free(flatName);
      return VIX_E_OUT_OF_MEMORY;
   }
   uint32 heads = adapterType == VIXDISKLIB_ADAPTER_IDE ? 16 : 255, sectors = 63;
   uint64 cylinders = capacitySectors / (heads * sectors);
   if (adapterType == VIXDISKLIB_ADAPTER_IDE && cylinders > 16383) {
      cylinders = 16383;
   }
   uint8 u[16];
   for (int i = 0; i < 4; i++) {
      uint32 r = random32();
      memcpy(u + 4 * i, &r, 4);
   }
   int len = asprintf(&text,
      "# Disk DescriptorFile\n"
      "version=1\n"
      "CID=%08x\n"
      "parentCID=ffffffff\n"
      "createType=\"monolithicFlat\"\n"
      "\n"
      "# Extent description\n"
      "RW %" PRIu64 " FLAT \"%s\" 0\n"
      "\n"
      "# The Disk Data Base\n"
      "#DDB\n"
      "\n"
      "ddb.virtualHWVersion = \"11\"\n"
      "ddb.geometry.cylinders = \"%" PRIu64 "\"\n"
      "ddb.geometry.heads = \"%u\"\n"
      "ddb.geometry.sectors = \"%u\"\n"
      "ddb.adapterType = \"%s\"\n"
      "ddb.uuid = \"%02x %02x %02x %02x %02x %02x %02x %02x-"
      "%02x %02x %02x %02x %02x %02x %02x %02x\"\n",
      random32(), capacitySectors, flatName, cylinders, heads, sectors, adapter,
      u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7],
      u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
   free(flatName);
   VixError err = VIX_OK;
   if (len < 0) {
      free(flatPath);
      return VIX_E_OUT_OF_MEMORY;
   }
   int dfd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
   if (dfd < 0) {
      err = errno_to_vix(errno);
   } else {
      int ffd = open(flatPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      bool ok = ffd >= 0 &&
                ftruncate(ffd, (off_t)(capacitySectors * VIXDISKLIB_SECTOR_SIZE)) == 0 &&
                write_all(dfd, text, (size_t)len) == 0 && fsync(dfd) == 0;
      if (!ok) {
         err = errno_to_vix(errno);
         if (ffd >= 0) {
            unlink(flatPath);
         }
         unlink(path);
      }
      if (ffd >= 0) {
         close(ffd);
      }
      close(dfd);
   }
   free(text);
   free(flatPath);
   return err;
}
