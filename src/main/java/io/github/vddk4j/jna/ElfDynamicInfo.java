package io.github.vddk4j.jna;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code DT_SONAME}, {@code DT_NEEDED} and version-definition ({@code DT_VERDEF}) entries of a
 * 64-bit little-endian ELF shared library (x86-64 Linux), read from the file without loading it. Used
 * to learn the VDDK version of a {@code libvixDiskLib} (its version definitions VIXDISKLIB_1.0 ...
 * VIXDISKLIB_9.0 name the API versions it implements) and to preload the distribution's bundled
 * dependencies.
 *
 * @param soname             the {@code DT_SONAME}, or {@code null} if there is none
 * @param needed             the {@code DT_NEEDED} names in file order
 * @param versionDefinitions the names of the version definitions (e.g. {@code VIXDISKLIB_6.7}) in
 *                           file order, without the file's own base definition
 */
public record ElfDynamicInfo(String soname, List<String> needed, List<String> versionDefinitions) {
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_SONAME = 14;
    private static final long DT_VERDEF = 0x6ffffffcL;
    private static final long DT_VERDEFNUM = 0x6ffffffdL;
    private static final int VER_FLG_BASE = 0x1;
    private static final long MAX_FILE = 1L << 31;

    public ElfDynamicInfo {
        needed = List.copyOf(needed);
        versionDefinitions = List.copyOf(versionDefinitions);
    }

    /**
     * Reads a file's dynamic section. Empty if the file is not a 64-bit little-endian ELF file, has no
     * dynamic section, or cannot be read; never throws for malformed input.
     */
    public static Optional<ElfDynamicInfo> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 64 || size > MAX_FILE) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill
            }
            b.flip();
            return parse(b);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<ElfDynamicInfo> parse(ByteBuffer b) {
        if (b.limit() < 64 || b.get(0) != 0x7f || b.get(1) != 'E' || b.get(2) != 'L' || b.get(3) != 'F'
                || b.get(4) != 2 /* ELFCLASS64 */ || b.get(5) != 1 /* ELFDATA2LSB */) {
            return Optional.empty();
        }
        long phoff = b.getLong(0x20);
        int phentsize = Short.toUnsignedInt(b.getShort(0x36));
        int phnum = Short.toUnsignedInt(b.getShort(0x38));
        if (phentsize < 56) {
            return Optional.empty();
        }
        long dynOff = -1;
        long dynSize = 0;
        List<long[]> loads = new ArrayList<>(); // {vaddr, offset, filesz}
        for (int i = 0; i < phnum; i++) {
            long ph = phoff + (long) i * phentsize;
            if (ph < 0 || ph + 56 > b.limit()) {
                return Optional.empty();
            }
            int type = b.getInt((int) ph);
            long offset = b.getLong((int) ph + 8);
            long vaddr = b.getLong((int) ph + 16);
            long filesz = b.getLong((int) ph + 32);
            if (type == PT_DYNAMIC) {
                dynOff = offset;
                dynSize = filesz;
            } else if (type == PT_LOAD) {
                loads.add(new long[] {vaddr, offset, filesz});
            }
        }
        if (dynOff < 0 || dynOff + dynSize > b.limit()) {
            return Optional.empty();
        }
        long strtabVaddr = -1;
        long soname = -1;
        long verdefVaddr = -1;
        long verdefNum = 0;
        List<Long> needed = new ArrayList<>();
        for (long d = dynOff; d + 16 <= dynOff + dynSize; d += 16) {
            long tag = b.getLong((int) d);
            long val = b.getLong((int) d + 8);
            if (tag == DT_NULL) {
                break;
            } else if (tag == DT_NEEDED) {
                needed.add(val);
            } else if (tag == DT_SONAME) {
                soname = val;
            } else if (tag == DT_STRTAB) {
                strtabVaddr = val;
            } else if (tag == DT_VERDEF) {
                verdefVaddr = val;
            } else if (tag == DT_VERDEFNUM) {
                verdefNum = val;
            }
        }
        long strtab = fileOffset(loads, strtabVaddr);
        if (strtab < 0) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (long n : needed) {
            names.add(cString(b, strtab + n));
        }
        List<String> versions = versionDefinitions(b, fileOffset(loads, verdefVaddr), verdefNum, strtab);
        return Optional.of(new ElfDynamicInfo(soname < 0 ? null : cString(b, strtab + soname), names, versions));
    }

    private static long fileOffset(List<long[]> loads, long vaddr) {
        if (vaddr < 0) {
            return -1;
        }
        for (long[] l : loads) {
            if (vaddr >= l[0] && vaddr < l[0] + l[2]) {
                return vaddr - l[0] + l[1];
            }
        }
        return -1;
    }

    /**
     * The names of the {@code Elf64_Verdef} chain (each 20 bytes: version, flags, ndx, cnt, hash,
     * aux, next; its first {@code Elf64_Verdaux} names it), skipping the base definition.
     */
    private static List<String> versionDefinitions(ByteBuffer b, long at, long count, long strtab) {
        List<String> result = new ArrayList<>();
        if (at < 0) {
            return result;
        }
        long d = at;
        for (long i = 0; i < count && d >= 0 && d + 20 <= b.limit(); i++) {
            int flags = Short.toUnsignedInt(b.getShort((int) d + 2));
            long aux = Integer.toUnsignedLong(b.getInt((int) d + 12));
            long next = Integer.toUnsignedLong(b.getInt((int) d + 16));
            if (d + aux + 8 > b.limit()) {
                break;
            }
            if ((flags & VER_FLG_BASE) == 0) {
                result.add(cString(b, strtab + Integer.toUnsignedLong(b.getInt((int) (d + aux)))));
            }
            if (next == 0) {
                break;
            }
            d += next;
        }
        return result;
    }

    private static String cString(ByteBuffer b, long at) {
        if (at < 0 || at >= b.limit()) {
            throw new IllegalArgumentException("string offset outside the file");
        }
        int end = (int) at;
        while (end < b.limit() && b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - (int) at];
        b.get((int) at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
