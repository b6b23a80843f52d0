package io.github.vddk4j.logging.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;

/**
 * {@link VaListFormatter} with the C library's {@code vsnprintf} (JNA direct mapping).
 *
 * <p>A {@code va_list} can be consumed only once, so before the first {@code vsnprintf} the formatter
 * copies it (what {@code va_copy} does): on x86-64 Linux the callback receives a pointer to the 24-byte
 * {@code __va_list_tag}, whose copy stays valid while the callback runs; on AArch64 Linux the struct
 * is 32 bytes; on Windows and macOS/AArch64 the va_list is a plain {@code char *} passed by value and
 * can be reused as is. The first pass formats into a per-thread buffer of {@value #FIRST_PASS_BYTES}
 * bytes; only if the text did not fit is it formatted again, from the saved copy (never from the
 * consumed original), into a buffer of the exact length. Text beyond {@value #MAX_MESSAGE_BYTES} bytes
 * is cut and ends with {@link LogBridge#TRUNCATION_MARKER}. No buffer is shared between threads.
 */
public final class LibcVaListFormatter implements VaListFormatter {
    /** Size of the per-thread first-pass buffer. */
    public static final int FIRST_PASS_BYTES = 4096;
    /** Longest message kept whole (bytes of UTF-8). */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    /** Direct-mapped {@code int vsnprintf(char *, size_t, const char *, va_list)} and {@code memcpy}. */
    static final class Libc {
        private Libc() {}

        /** Every pointer as an address: no argument conversion at all. */
        static native int vsnprintf(long buf, long size, long fmt, long vaList);

        /** {@code memcpy}: copies the va_list object in one call. */
        static native long memcpy(long dst, long src, long n);

        static {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }
    }

    /** Bytes of the va_list object behind the callback's pointer; 0 when the va_list is a plain pointer. */
    static final int VA_LIST_COPY_BYTES = vaListCopyBytes();

    private static int vaListCopyBytes() {
        if (Platform.isWindows() || Platform.isMac() && Platform.isARM()) {
            return 0;
        }
        if (Platform.isARM() && Platform.is64Bit()) {
            return 32;
        }
        if (Platform.isIntel() && Platform.is64Bit()) {
            return 24;
        }
        throw new UnsupportedOperationException("va_list layout unknown on " + Platform.ARCH + " " + System.getProperty("os.name"));
    }

    private static final class Scratch {
        final Memory buffer = new Memory(FIRST_PASS_BYTES);
        final Memory vaCopy = VA_LIST_COPY_BYTES == 0 ? null : new Memory(VA_LIST_COPY_BYTES);
        final long bufferAddress = Pointer.nativeValue(buffer);
        final long vaCopyAddress = vaCopy == null ? 0 : Pointer.nativeValue(vaCopy);
        /** The first pass's bytes on the Java side: decoding then makes no intermediate array. */
        final byte[] bytes = new byte[FIRST_PASS_BYTES];
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    @Override
    public String format(Pointer fmt, Pointer vaList) {
        return format(Pointer.nativeValue(fmt), Pointer.nativeValue(vaList));
    }

    /**
     * The callback's path: one {@code memcpy} saves the va_list, one {@code vsnprintf} formats
     * into the per-thread buffer (all direct-mapped with address arguments), one copy decodes.
     */
    @Override
    public String format(long fmt, long vaList) {
        return format(fmt, vaList, false);
    }

    /** {@link #format(long, long)} that leaves the trailing line terminators out while decoding. */
    @Override
    public String formatLine(long fmt, long vaList) {
        return format(fmt, vaList, true);
    }

    private String format(long fmt, long vaList, boolean trimLine) {
        if (fmt == 0) {
            return "";
        }
        Scratch s = scratch.get();
        long copy = vaList;
        if (s.vaCopy != null) {
            Libc.memcpy(s.vaCopyAddress, vaList, VA_LIST_COPY_BYTES);
            copy = s.vaCopyAddress;
        }
        int n = Libc.vsnprintf(s.bufferAddress, FIRST_PASS_BYTES, fmt, vaList);
        if (n < 0) {
            return "[vddk4j: vsnprintf failed for format \"" + new Pointer(fmt).getString(0, "UTF-8") + "\"]";
        }
        if (n < FIRST_PASS_BYTES) {
            int length = trimLine ? lineLength(s.buffer, n) : n;
            s.buffer.read(0, s.bytes, 0, length);
            return new String(s.bytes, 0, length, StandardCharsets.UTF_8);
        }
        int keep = Math.min(n, MAX_MESSAGE_BYTES);
        try (Memory big = new Memory(keep + 1L)) {
            int m = Libc.vsnprintf(Pointer.nativeValue(big), keep + 1L, fmt, copy);
            if (m < 0) {
                return decode(s.buffer, FIRST_PASS_BYTES - 1) + LogBridge.TRUNCATION_MARKER;
            }
            int length = Math.min(m, keep);
            String text = decode(big, trimLine && n <= keep ? lineLength(big, length) : length);
            return n > keep ? text + LogBridge.TRUNCATION_MARKER : text;
        }
    }

    /** {@code length} less the line terminators at its end. */
    private static int lineLength(Pointer p, int length) {
        while (length > 0) {
            byte b = p.getByte(length - 1L);
            if (b != '\n' && b != '\r') {
                break;
            }
            length--;
        }
        return length;
    }

    private static String decode(Pointer p, int length) {
        return new String(p.getByteArray(0, length), StandardCharsets.UTF_8);
    }
}
