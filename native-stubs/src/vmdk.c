/*
 * vmdk.c -- VMDK descriptors: a small grammar, key edits, atomic or in-place rewrite, and
 * the monolithicFlat creator.
 *
 * A descriptor is kept as its list of lines so that a rewrite changes only the keys it sets
 * and keeps everything else (comments, order, unknown keys) as another tool wrote it.
 *
 * Grammar (what VDDK 9.0 accepts and refuses, measured; native-stubs/README.md, "Disk
 * formats"): the text ends at the first NUL byte, and what follows it is ignored (qemu
 * rewrites a descriptor in place as a C string padded to 512 bytes: when the new text is
 * shorter, e.g. a CID that prints with fewer hex digits, the tail of the old text stays after
 * the NUL); text with control characters other than tab, CR and LF is binary data, not a
 * descriptor; lines end with LF or CRLF; every line is one of
 *
 *   blank      [ \t]*
 *   comment    [ \t]* '#' anything        (the "# Disk DescriptorFile" header is optional)
 *   key=value  [ \t]* KEY [ \t]* '=' [ \t]* ( '"' chars '"' | chars without '"' ) [ \t]*
 *   extent     ACCESS NUMBER TYPE [ FILE [ NUMBER ] ]   words separated by blanks/tabs
 *              ACCESS = RW | RDONLY | NOACCESS, TYPE = FLAT | VMFS | ZERO | SPARSE | ...
 *              FILE = '"' name '"' | name-without-blanks; ZERO has no FILE, FLAT/VMFS/SPARSE
 *              need one; only FLAT/VMFS take the start offset (default 0)
 *
 * Keys, the createType value and the access and type words are case-insensitive. Anything
 * else is malformed, and so is a descriptor without extents or with an unknown createType:
 * 16063 VIX_E_DISK_INVALIDDISK. Real formats the stub does not implement (streamOptimized,
 * vmfsSparse, seSparse, raw device maps): 6 VIX_E_NOT_SUPPORTED.
 */
#include <ctype.h>
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

/* ---- the line grammar ------------------------------------------------------------------- */

typedef enum { LINE_BLANK, LINE_COMMENT, LINE_KEY_VALUE, LINE_EXTENT, LINE_MALFORMED } LineKind;

typedef struct {
   LineKind kind;
   const char *key;        /* LINE_KEY_VALUE */
   size_t keyLen;
   const char *value;      /* without quotes */
   size_t valueLen;
   StubExtentLine extent;  /* LINE_EXTENT (fileName points into the line, see fileLen) */
   size_t fileLen;
   const char *why;        /* LINE_MALFORMED */
} LineInfo;

static bool is_blank(char c)
{
   return c == ' ' || c == '\t';
}

static const char *skip_blanks(const char *p)
{
   while (is_blank(*p)) {
      p++;
   }
   return p;
}

static bool is_key_char(char c)
{
   return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-' || c == ':';
}

/* One word of an extent line: quoted or up to the next blank. */
static const char *next_word(const char *p, const char **word, size_t *len, bool *bad)
{
   p = skip_blanks(p);
   *word = p;
   *len = 0;
   if (*p == '"') {
      const char *q = strchr(p + 1, '"');
      if (q == NULL) {
         *bad = true;
         return p + strlen(p);
      }
      *word = p + 1;
      *len = (size_t)(q - p - 1);
      return q + 1;
   }
   while (*p != '\0' && !is_blank(*p)) {
      if (*p == '"') {
         *bad = true;
      }
      p++;
   }
   *len = (size_t)(p - *word);
   return p;
}

static bool word_is(const char *w, size_t len, const char *name)
{
   return strlen(name) == len && strncasecmp(w, name, len) == 0;
}

static bool parse_number(const char *w, size_t len, uint64 *out)
{
   if (len == 0 || len > 20) {
      return false;
   }
   uint64 v = 0;
   for (size_t i = 0; i < len; i++) {
      if (!isdigit((unsigned char)w[i]) || v > (UINT64_MAX - 9) / 10) {
         return false;
      }
      v = v * 10 + (uint64)(w[i] - '0');
   }
   *out = v;
   return true;
}

/* Extent types: which exist in VMware's format, and how the stub reads them. */
static const struct {
   const char *name;
   int type;                 /* StubExtentType, or -1: real type the stub does not implement */
   bool hasFile, hasOffset;
} EXTENT_TYPES[] = {
   { "FLAT", STUB_EXTENT_FLAT, true, true },
   { "VMFS", STUB_EXTENT_FLAT, true, true },       /* a VMFS flat extent: same bytes */
   { "ZERO", STUB_EXTENT_ZERO, false, false },
   { "SPARSE", STUB_EXTENT_SPARSE, true, false },
   { "VMFSSPARSE", -1, true, false },
   { "SESPARSE", -1, true, false },
   { "VMFSRDM", -1, true, false },
   { "VMFSRAW", -1, true, false },
};

static bool classify_extent(const char *line, LineInfo *li)
{
   const char *w;
   size_t len;
   bool bad = false;
   const char *p = next_word(line, &w, &len, &bad);
   StubExtentLine *e = &li->extent;
   if (word_is(w, len, "RW")) {
      e->access = STUB_ACCESS_RW;
   } else if (word_is(w, len, "RDONLY")) {
      e->access = STUB_ACCESS_RDONLY;
   } else if (word_is(w, len, "NOACCESS")) {
      e->access = STUB_ACCESS_NOACCESS;
   } else {
      return false;                                  /* not an extent line at all */
   }
   li->kind = LINE_MALFORMED;
   p = next_word(p, &w, &len, &bad);
   if (!parse_number(w, len, &e->sectors)) {
      li->why = "extent size is not a number";
      return true;
   }
   p = next_word(p, &w, &len, &bad);
   size_t t = 0;
   while (t < sizeof EXTENT_TYPES / sizeof EXTENT_TYPES[0] &&
          !word_is(w, len, EXTENT_TYPES[t].name)) {
      t++;
   }
   if (t == sizeof EXTENT_TYPES / sizeof EXTENT_TYPES[0]) {
      li->why = "unknown extent type";
      return true;
   }
   if (EXTENT_TYPES[t].type < 0) {
      li->why = "extent type not implemented by the stub";
      return true;
   }
   e->type = (StubExtentType)EXTENT_TYPES[t].type;
   if (EXTENT_TYPES[t].hasFile) {
      p = next_word(p, &w, &len, &bad);
      if (len == 0) {
         li->why = "extent without a file name";
         return true;
      }
      e->fileName = (char *)w;
      li->fileLen = len;
   }
   if (EXTENT_TYPES[t].hasOffset) {
      p = next_word(p, &w, &len, &bad);
      if (len > 0 && !parse_number(w, len, &e->offset)) {
         li->why = "extent offset is not a number";
         return true;
      }
   }
   if (bad || *skip_blanks(p) != '\0') {
      li->why = bad ? "unbalanced quotes in extent line" : "extra words after the extent";
      return true;
   }
   li->kind = LINE_EXTENT;
   return true;
}

static void classify(const char *line, LineInfo *li)
{
   memset(li, 0, sizeof *li);
   const char *p = skip_blanks(line);
   if (*p == '\0') {
      li->kind = LINE_BLANK;
      return;
   }
   if (*p == '#') {
      li->kind = LINE_COMMENT;
      return;
   }
   const char *k = p;
   while (is_key_char(*p)) {
      p++;
   }
   const char *keyEnd = p;
   p = skip_blanks(p);
   if (keyEnd > k && *p == '=') {
      li->key = k;
      li->keyLen = (size_t)(keyEnd - k);
      const char *v = skip_blanks(p + 1);
      size_t vl = strlen(v);
      while (vl > 0 && is_blank(v[vl - 1])) {
         vl--;
      }
      const char *q = memchr(v, '"', vl);
      if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"' && q == v &&
          memchr(v + 1, '"', vl - 2) == NULL) {
         v++;
         vl -= 2;
      } else if (q != NULL) {
         li->kind = LINE_MALFORMED;
         li->why = "unbalanced quotes in value";
         return;
      }
      li->kind = LINE_KEY_VALUE;
      li->value = v;
      li->valueLen = vl;
      return;
   }
   if (!classify_extent(line, li)) {
      li->kind = LINE_MALFORMED;
      li->why = "neither a comment, key = value, nor an extent line";
   }
}

/* ---- descriptor object ------------------------------------------------------------------- */

void stub_vmdk_free(StubVmdk *v)
{
   for (size_t i = 0; i < v->numLines; i++) {
      free(v->lines[i]);
   }
   free(v->lines);
   for (size_t i = 0; i < v->numExtents; i++) {
      free(v->extents[i].fileName);
   }
   free(v->extents);
   memset(v, 0, sizeof *v);
}

static bool insert_line(StubVmdk *v, size_t at, const char *text, size_t len)
{
   char **lines = realloc(v->lines, (v->numLines + 1) * sizeof *lines);
   if (lines == NULL) {
      return false;
   }
   v->lines = lines;
   char *copy = strndup(text, len);
   if (copy == NULL) {
      return false;
   }
   memmove(lines + at + 1, lines + at, (v->numLines - at) * sizeof *lines);
   lines[at] = copy;
   v->numLines++;
   return true;
}

static ssize_t find_key(const StubVmdk *v, const char *key, LineInfo *li)
{
   size_t want = strlen(key);
   for (size_t i = 0; i < v->numLines; i++) {
      classify(v->lines[i], li);
      if (li->kind == LINE_KEY_VALUE && li->keyLen == want &&
          strncasecmp(li->key, key, want) == 0) {
         return (ssize_t)i;
      }
   }
   return -1;
}

const char *stub_vmdk_get(const StubVmdk *v, const char *key, char *buf, size_t bufLen)
{
   LineInfo li;
   if (find_key(v, key, &li) < 0 || bufLen == 0) {
      return NULL;
   }
   size_t n = li.valueLen < bufLen - 1 ? li.valueLen : bufLen - 1;
   memcpy(buf, li.value, n);
   buf[n] = '\0';
   return buf;
}

char *stub_vmdk_value(const StubVmdk *v, const char *key, bool *found)
{
   LineInfo li;
   *found = find_key(v, key, &li) >= 0;
   return *found ? strndup(li.value, li.valueLen) : NULL;
}

/* The bytes stub_vmdk_render produces. */
static size_t rendered_len(const StubVmdk *v)
{
   size_t total = 0;
   for (size_t i = 0; i < v->numLines; i++) {
      size_t n = strlen(v->lines[i]);
      total += n + (i + 1 == v->numLines && n == 0 ? 0 : 1);
   }
   return total;
}

VixError stub_vmdk_set(StubVmdk *v, const char *key, const char *value, bool quoted)
{
   char *line;
   if (asprintf(&line, quoted ? "%s = \"%s\"" : "%s=%s", key, value) < 0) {
      return VIX_E_OUT_OF_MEMORY;
   }
   LineInfo li;
   ssize_t i = find_key(v, key, &li);
   /* Refused before any change: a descriptor the stub could not load again (a text file is
    * read up to MAX_DESCRIPTOR_BYTES) or that overflows the space reserved for it in a sparse
    * file. Both give VIX_E_DISK_FULL, as save_embedded always did. */
   uint64 limit = v->embeddedSize > 0 ? v->embeddedSize : MAX_DESCRIPTOR_BYTES;
   size_t after = rendered_len(v) - (i >= 0 ? strlen(v->lines[i]) : 0) + strlen(line) +
                  (i >= 0 ? 0 : 1);
   if (after > limit) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: the descriptor would grow to %zu bytes, more "
                "than the %llu bytes it may have; %s not written\n", after,
                (unsigned long long)limit, key);
      free(line);
      return VIX_E_DISK_FULL;
   }
   if (i >= 0) {
      free(v->lines[i]);
      v->lines[i] = line;
      return VIX_OK;
   }
   /* New ddb.* keys go last; other keys after the last header key before the extents. */
   size_t at = v->numLines;
   while (at > 0 && v->lines[at - 1][0] == '\0') {
      at--;                                      /* keep trailing blank lines last */
   }
   if (strncasecmp(key, "ddb.", 4) != 0) {
      size_t lastKey = 0;
      bool haveKey = false;
      for (size_t j = 0; j < v->numLines; j++) {
         classify(v->lines[j], &li);
         if (li.kind == LINE_EXTENT) {
            break;
         }
         if (li.kind == LINE_KEY_VALUE) {
            lastKey = j;
            haveKey = true;
         }
      }
      at = haveKey ? lastKey + 1 : 0;
   }
   bool ok = insert_line(v, at, line, strlen(line));
   free(line);
   return ok ? VIX_OK : VIX_E_OUT_OF_MEMORY;
}

size_t stub_vmdk_ddb_keys(const StubVmdk *v, char *buf, size_t bufLen)
{
   size_t need = 1;
   for (size_t i = 0; i < v->numLines; i++) {
      LineInfo li;
      classify(v->lines[i], &li);
      if (li.kind != LINE_KEY_VALUE || li.keyLen <= 4 || strncasecmp(li.key, "ddb.", 4) != 0) {
         continue;
      }
      bool seen = false;
      for (size_t j = 0; j < i && !seen; j++) {
         LineInfo lj;
         classify(v->lines[j], &lj);
         seen = lj.kind == LINE_KEY_VALUE && lj.keyLen == li.keyLen &&
                strncasecmp(lj.key, li.key, li.keyLen) == 0;
      }
      if (!seen) {
         if (buf != NULL && need + li.keyLen - 4 + 1 <= bufLen) {
            memcpy(buf + need - 1, li.key + 4, li.keyLen - 4);
            buf[need - 1 + li.keyLen - 4] = '\0';
         }
         need += li.keyLen - 4 + 1;
      }
   }
   if (buf != NULL && need <= bufLen) {
      buf[need - 1] = '\0';
   }
   return need;
}

bool stub_vmdk_valid_key(const char *key)
{
   if (key == NULL || *key == '\0') {
      return false;
   }
   for (const char *p = key; *p != '\0'; p++) {
      if (!is_key_char(*p)) {
         return false;
      }
   }
   return true;
}

bool stub_vmdk_valid_value(const char *value)
{
   return value != NULL && strpbrk(value, "\"\r\n") == NULL;
}

VixError stub_vmdk_check_path(const char *function, const char *path)
{
   if (stub_vmdk_valid_value(path)) {
      return VIX_OK;
   }
   stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: a disk path must not contain '\"' or a line "
             "break (a descriptor cannot name such a file)\n", function);
   return VIX_E_INVALID_ARG;
}

/* createType values: those the stub reads, and real ones it does not implement. */
static const struct {
   const char *name;
   bool implemented;
} CREATE_TYPES[] = {
   { "monolithicFlat", true },        { "twoGbMaxExtentFlat", true },
   { "vmfs", true },                  { "vmfsThin", true },
   { "vmfsPreallocated", true },      { "vmfsEagerZeroedThick", true },
   { "monolithicSparse", true },      { "twoGbMaxExtentSparse", true },
   { "custom", true },
   { "streamOptimized", false },      { "vmfsSparse", false },
   { "seSparse", false },             { "vmfsRaw", false },
   { "vmfsRawDeviceMap", false },     { "vmfsPassthroughRawDeviceMap", false },
   { "fullDevice", false },           { "partitionedDevice", false },
};

static bool all_nul(const char *p, size_t len)
{
   for (size_t i = 0; i < len; i++) {
      if (p[i] != '\0') {
         return false;
      }
   }
   return true;
}

VixError stub_vmdk_parse(const char *text, size_t len, const char *what, StubVmdk *v)
{
   memset(v, 0, sizeof *v);
   /* The text is a C string: what follows its NUL is padding or leftovers of a longer text
    * that qemu rewrote in place (see the grammar above), ignored as qemu itself does. */
   const char *nul = memchr(text, '\0', len);
   size_t textLen = nul != NULL ? (size_t)(nul - text) : len;
   bool binary = textLen == 0 && !all_nul(text, len);   /* starts with NUL, then data */
   for (size_t i = 0; i < textLen && !binary; i++) {
      unsigned char c = (unsigned char)text[i];
      binary = (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f;
   }
   if (binary) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s is not a virtual disk (binary data)\n", what);
      return VIX_E_DISK_INVALIDDISK;
   }
   VixError err = VIX_OK;
   for (const char *p = text; p < text + textLen && err == VIX_OK;) {
      const char *nl = memchr(p, '\n', (size_t)(text + textLen - p));
      size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(text + textLen - p);
      size_t keep = n > 0 && p[n - 1] == '\r' ? n - 1 : n;
      if (!insert_line(v, v->numLines, p, keep)) {
         err = VIX_E_OUT_OF_MEMORY;
      }
      p += n + 1;
   }
   for (size_t i = 0; i < v->numLines && err == VIX_OK; i++) {
      LineInfo li;
      classify(v->lines[i], &li);
      if (li.kind == LINE_MALFORMED) {
         const char *why = li.why != NULL ? li.why : "malformed line";
         bool unimplemented = strstr(why, "not implemented") != NULL;
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s:%zu: %s: \"%.80s\"\n", what, i + 1,
                   why, v->lines[i]);
         err = unimplemented ? VIX_E_NOT_SUPPORTED : VIX_E_DISK_INVALIDDISK;
      } else if (li.kind == LINE_EXTENT) {
         StubExtentLine *ext = realloc(v->extents, (v->numExtents + 1) * sizeof *ext);
         if (ext == NULL) {
            err = VIX_E_OUT_OF_MEMORY;
            break;
         }
         v->extents = ext;
         ext[v->numExtents] = li.extent;
         ext[v->numExtents].fileName = NULL;
         if (li.extent.fileName != NULL &&
             (ext[v->numExtents].fileName = strndup(li.extent.fileName, li.fileLen)) == NULL) {
            err = VIX_E_OUT_OF_MEMORY;
         }
         v->numExtents++;
         v->capacity += li.extent.sectors;
      }
   }
   char type[64];
   if (err == VIX_OK && stub_vmdk_get(v, "createType", type, sizeof type) != NULL) {
      size_t t = 0;
      while (t < sizeof CREATE_TYPES / sizeof CREATE_TYPES[0] &&
             strcasecmp(type, CREATE_TYPES[t].name) != 0) {
         t++;
      }
      if (t == sizeof CREATE_TYPES / sizeof CREATE_TYPES[0]) {
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: unknown createType \"%s\"\n", what, type);
         err = VIX_E_DISK_INVALIDDISK;
      } else if (!CREATE_TYPES[t].implemented) {
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: createType \"%s\" is not implemented by "
                   "the stub\n", what, type);
         err = VIX_E_NOT_SUPPORTED;
      }
   }
   if (err == VIX_OK && v->numExtents == 0) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s is not a virtual disk (no extent line)\n",
                what);
      err = VIX_E_DISK_INVALIDDISK;
   }
   if (err != VIX_OK) {
      stub_vmdk_free(v);
   }
   return err;
}

static VixError read_at(int fd, uint64 off, char *buf, size_t len, size_t *got)
{
   *got = 0;
   while (*got < len) {
      ssize_t n = pread(fd, buf + *got, len - *got, (off_t)(off + *got));
      if (n < 0 && errno == EINTR) {
         continue;
      }
      if (n < 0) {
         return stub_errno_to_vix(errno);
      }
      if (n == 0) {
         break;
      }
      *got += (size_t)n;
   }
   return VIX_OK;
}

VixError stub_vmdk_load(const char *path, StubVmdk *v)
{
   memset(v, 0, sizeof *v);
   int fd = open(path, O_RDONLY | O_CLOEXEC);
   if (fd < 0) {
      return stub_errno_to_vix(errno);
   }
   char *text = malloc(MAX_DESCRIPTOR_BYTES + 1);
   size_t len = 0;
   uint64 embeddedOffset = 0, embeddedSize = 0;
   VixError err = text == NULL ? VIX_E_OUT_OF_MEMORY
                               : read_at(fd, 0, text, MAX_DESCRIPTOR_BYTES + 1, &len);
   StubSparseHeader hdr;
   if (err == VIX_OK && len >= sizeof hdr && memcpy(&hdr, text, sizeof hdr) != NULL &&
       hdr.magicNumber == STUB_SPARSE_MAGIC) {
      /* monolithicSparse: the descriptor is embedded in the sparse extent */
      if (hdr.descriptorOffset == 0 || hdr.descriptorSize == 0 ||
          hdr.descriptorSize > MAX_DESCRIPTOR_BYTES / VIXDISKLIB_SECTOR_SIZE) {
         stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s is a sparse extent without a descriptor "
                   "(open its descriptor file instead)\n", path);
         err = VIX_E_DISK_INVALIDDISK;
      } else {
         embeddedOffset = hdr.descriptorOffset * VIXDISKLIB_SECTOR_SIZE;
         embeddedSize = hdr.descriptorSize * VIXDISKLIB_SECTOR_SIZE;
         err = read_at(fd, embeddedOffset, text, (size_t)embeddedSize, &len);
      }
   } else if (err == VIX_OK && len > MAX_DESCRIPTOR_BYTES) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s is not a virtual disk (larger than any "
                "descriptor)\n", path);
      err = VIX_E_DISK_INVALIDDISK;
   }
   close(fd);
   if (err == VIX_OK) {
      err = stub_vmdk_parse(text, len, path, v);
      v->embeddedOffset = embeddedOffset;
      v->embeddedSize = embeddedSize;
   }
   free(text);
   return err;
}

char *stub_vmdk_render(const StubVmdk *v, size_t *len)
{
   size_t total = 1;
   for (size_t i = 0; i < v->numLines; i++) {
      total += strlen(v->lines[i]) + 1;
   }
   char *out = malloc(total), *p = out;
   if (out == NULL) {
      return NULL;
   }
   for (size_t i = 0; i < v->numLines; i++) {
      size_t n = strlen(v->lines[i]);
      memcpy(p, v->lines[i], n);
      p += n;
      /* a final empty line stands for the file's last newline */
      if (!(i + 1 == v->numLines && n == 0)) {
         *p++ = '\n';
      }
   }
   *p = '\0';
   *len = (size_t)(p - out);
   return out;
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

/* An embedded descriptor is rewritten in place, padded with NULs to its reserved size. */
static VixError save_embedded(const StubVmdk *v, const char *path, const char *text, size_t len)
{
   if (len > v->embeddedSize) {
      stub_logf(STUB_LVL_ERROR, "VixDiskLib: %s: the descriptor (%zu bytes) no longer fits "
                "in the %llu bytes reserved for it\n", path, len,
                (unsigned long long)v->embeddedSize);
      return VIX_E_DISK_FULL;
   }
   char *buf = calloc(1, (size_t)v->embeddedSize);
   if (buf == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   memcpy(buf, text, len);
   int fd = open(path, O_WRONLY | O_CLOEXEC);
   bool ok = fd >= 0;
   size_t done = 0;
   while (ok && done < v->embeddedSize) {
      ssize_t n = pwrite(fd, buf + done, (size_t)v->embeddedSize - done,
                         (off_t)(v->embeddedOffset + done));
      if (n < 0 && errno == EINTR) {
         continue;
      }
      ok = n > 0;
      done += ok ? (size_t)n : 0;
   }
   ok = ok && fdatasync(fd) == 0;
   int e = errno;
   if (fd >= 0) {
      close(fd);
   }
   free(buf);
   return ok ? VIX_OK : stub_errno_to_vix(e);
}

VixError stub_vmdk_save(const StubVmdk *v, const char *path)
{
   size_t len;
   char *text = stub_vmdk_render(v, &len);
   if (text == NULL) {
      return VIX_E_OUT_OF_MEMORY;
   }
   if (v->embeddedSize > 0) {
      VixError err = save_embedded(v, path, text, len);
      free(text);
      return err;
   }
   struct stat st;
   mode_t mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : 0600;
   char *tmp;
   if (asprintf(&tmp, "%s.tmpXXXXXX", path) < 0) {
      free(text);
      return VIX_E_OUT_OF_MEMORY;
   }
   int fd = mkstemp(tmp);
   bool ok = fd >= 0 && fchmod(fd, mode) == 0 && write_all(fd, text, len) == 0 &&
             fsync(fd) == 0;
   int e = errno;
   if (fd >= 0) {
      ok = close(fd) == 0 && ok;
      ok = ok && rename(tmp, path) == 0;
      e = ok ? e : errno;
      if (!ok) {
         unlink(tmp);
      }
   }
   free(tmp);
   free(text);
   return ok ? VIX_OK : stub_errno_to_vix(e);
}

static uint32 random32(void)
{
   uint32 r = 0;
   if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) {
      r = (uint32)rand() ^ (uint32)getpid();
   }
   return r;
}

void stub_vmdk_new_cid(char out[9])
{
   uint32 r;
   do {
      r = random32();
   } while (r == 0xffffffffu);
   snprintf(out, 9, "%08x", r);
}

VixError stub_vmdk_mark_written(StubVmdk *v, const char *path)
{
   char old[32] = "", cid[9], longId[40];
   stub_vmdk_get(v, "CID", old, sizeof old);
   do {
      stub_vmdk_new_cid(cid);
   } while (strcasecmp(cid, old) == 0);
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

/* VDDK 9.0 (measured) maps only these three names; "pvscsi" and "lsisas1068", which
 * vSphere writes for its paravirtual and SAS controllers, report VIXDISKLIB_ADAPTER_UNKNOWN. */
static const struct {
   const char *name;
   VixDiskLibAdapterType type;
} ADAPTERS[] = {
   { "ide", VIXDISKLIB_ADAPTER_IDE },
   { "buslogic", VIXDISKLIB_ADAPTER_SCSI_BUSLOGIC },
   { "lsilogic", VIXDISKLIB_ADAPTER_SCSI_LSILOGIC },
};

VixDiskLibAdapterType stub_vmdk_adapter(const StubVmdk *v)
{
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

static const char *adapter_name(VixDiskLibAdapterType t)
{
   for (size_t i = 0; i < sizeof ADAPTERS / sizeof ADAPTERS[0]; i++) {
      if (ADAPTERS[i].type == t) {
         return ADAPTERS[i].name;
      }
   }
   return NULL;
}

char *stub_vmdk_resolve(const char *descriptorPath, const char *fileName)
{
   char *out;
   if (fileName[0] == '/') {
      return strdup(fileName);
   }
   const char *slash = strrchr(descriptorPath, '/');
   int dirLen = slash != NULL ? (int)(slash - descriptorPath + 1) : 0;
   if (asprintf(&out, "%.*s%s", dirLen, descriptorPath, fileName) < 0) {
      return NULL;
   }
   return out;
}

/* ---- creation ------------------------------------------------------------------------------ */

/* The descriptor text of a new disk (createType, extent line and ddb as VMware writes them). */
char *stub_vmdk_new_text(const char *createType, const char *extentLine,
                         const StubCreateSpec *spec, const char *parentCid,
                         const char *parentHint)
{
   const char *adapter = adapter_name(spec->adapterType);
   uint32 heads = spec->adapterType == VIXDISKLIB_ADAPTER_IDE ? 16 : 255, sectors = 63;
   uint64 cylinders = spec->capacity / (heads * sectors);
   if (spec->adapterType == VIXDISKLIB_ADAPTER_IDE && cylinders > 16383) {
      cylinders = 16383;
   }
   uint8 u[16];
   for (int i = 0; i < 4; i++) {
      uint32 r = random32();
      memcpy(u + 4 * i, &r, 4);
   }
   char cid[9], *parentLine = NULL, *text = NULL;
   stub_vmdk_new_cid(cid);
   if (parentHint != NULL &&
       asprintf(&parentLine, "parentFileNameHint=\"%s\"\n", parentHint) < 0) {
      return NULL;
   }
   int len = asprintf(&text,
      "# Disk DescriptorFile\n"
      "version=1\n"
      "CID=%s\n"
      "parentCID=%s\n"
      "createType=\"%s\"\n"
      "%s"
      "\n"
      "# Extent description\n"
      "%s\n"
      "\n"
      "# The Disk Data Base\n"
      "#DDB\n"
      "\n"
      "ddb.virtualHWVersion = \"%u\"\n"
      "ddb.geometry.cylinders = \"%" PRIu64 "\"\n"
      "ddb.geometry.heads = \"%u\"\n"
      "ddb.geometry.sectors = \"%u\"\n"
      "ddb.adapterType = \"%s\"\n"
      "ddb.uuid = \"%02x %02x %02x %02x %02x %02x %02x %02x-"
      "%02x %02x %02x %02x %02x %02x %02x %02x\"\n",
      cid, parentCid != NULL ? parentCid : "ffffffff", createType,
      parentLine != NULL ? parentLine : "", extentLine,
      spec->hwVersion != 0 ? spec->hwVersion : 4, cylinders, heads, sectors, adapter,
      u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7],
      u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
   free(parentLine);
   return len < 0 ? NULL : text;
}

bool stub_create_spec_valid(const char *path, const StubCreateSpec *spec)
{
   size_t pl = path != NULL ? strlen(path) : 0;
   return path != NULL && spec != NULL && adapter_name(spec->adapterType) != NULL &&
          spec->capacity != 0 && spec->capacity <= (UINT64_MAX >> 10) && pl >= 6 &&
          strcmp(path + pl - 5, ".vmdk") == 0;
}

VixError stub_flat_create(const char *path, const StubCreateSpec *spec)
{
   if (!stub_create_spec_valid(path, spec)) {
      return VIX_E_INVALID_ARG;
   }
   const char *slash = strrchr(path, '/');
   const char *base = slash != NULL ? slash + 1 : path;
   char *flatName = NULL, *flatPath = NULL, *extentLine = NULL;
   if (asprintf(&flatName, "%.*s-flat.vmdk", (int)(strlen(base) - 5), base) < 0) {
      return VIX_E_OUT_OF_MEMORY;
   }
   flatPath = stub_vmdk_resolve(path, flatName);
   char *text = NULL;
   if (flatPath != NULL &&
       asprintf(&extentLine, "RW %" PRIu64 " FLAT \"%s\" 0", spec->capacity, flatName) >= 0) {
      text = stub_vmdk_new_text("monolithicFlat", extentLine, spec, NULL, NULL);
   }
   free(extentLine);
   free(flatName);
   if (text == NULL) {
      free(flatPath);
      return VIX_E_OUT_OF_MEMORY;
   }
   VixError err = VIX_OK;
   int dfd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
   if (dfd < 0) {
      err = stub_errno_to_vix(errno);
   } else {
      int ffd = open(flatPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      bool ok = ffd >= 0 &&
                ftruncate(ffd, (off_t)(spec->capacity * VIXDISKLIB_SECTOR_SIZE)) == 0 &&
                write_all(dfd, text, strlen(text)) == 0 && fsync(dfd) == 0;
      if (!ok) {
         err = stub_errno_to_vix(errno);
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

STUB_API VixError VixDiskLibStub_CreateFlatDisk(const char *path,
                                                VixDiskLibSectorType capacitySectors,
                                                VixDiskLibAdapterType adapterType)
{
   StubCreateSpec spec = { .capacity = capacitySectors, .adapterType = adapterType,
                           .hwVersion = 11 };
   return stub_flat_create(path, &spec);
}
