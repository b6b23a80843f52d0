package io.github.vddk4j.logging.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.github.vddk4j.jna.VixDiskLibLoader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@link VaListFormatter} with the C library's {@code vsnprintf}: JNA direct mapping, or an FFM
 * downcall on Java 22+ with the multi-release jar (see {@link #LibcVaListFormatter()}).
 *
 * <p>A {@code va_list} can be consumed only once, so before the first {@code vsnprintf} the formatter
 * saves it (what {@code va_copy} does): on x86-64 Linux the callback receives a pointer to the 24-byte
 * {@code __va_list_tag}, whose copy stays valid while the callback runs; on AArch64 Linux the struct
 * is 32 bytes; on Windows and macOS/AArch64 the va_list is a plain {@code char *} passed by value and
 * can be reused as is. The struct's words are read into a Java array with one plain JNI read (a
 * direct-mapped {@code memcpy} cost five times as much); only a second pass writes them back to
 * native memory. The first pass formats into a per-thread buffer of {@value #FIRST_PASS_BYTES}
 * bytes, which Java reads through a {@link ByteBuffer} view (no native call); only if the text did
 * not fit is it formatted again, from the saved copy (never from the consumed original), into a
 * buffer of the exact length. Text beyond {@value #MAX_MESSAGE_BYTES} bytes is cut and ends with
 * {@link LogBridge#TRUNCATION_MARKER}. No buffer is shared between threads.
 */
public final class LibcVaListFormatter implements VaListFormatter {
    /** Size of the per-thread first-pass buffer. */
    public static final int FIRST_PASS_BYTES = 4096;
    /** Longest message kept whole (bytes of UTF-8). */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;

    /** Direct-mapped {@code int vsnprintf(char *, size_t, const char *, va_list)}. */
    static final class Libc {
        private Libc() {}

        /** Every pointer as an address: no argument conversion at all. */
        static native int vsnprintf(long buf, long size, long fmt, long vaList);

        static {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }
    }

    /** 64-bit words of the va_list object behind the callback's pointer; 0 when the va_list is a plain pointer. */
    static final int VA_LIST_WORDS = vaListWords();

    private static int vaListWords() {
        if (Platform.isWindows() || Platform.isMac() && Platform.isARM()) {
            return 0;
        }
        if (Platform.isARM() && Platform.is64Bit()) {
            return 4;
        }
        if (Platform.isIntel() && Platform.is64Bit()) {
            return 3;
        }
        throw new UnsupportedOperationException("va_list layout unknown on " + Platform.ARCH + " " + System.getProperty("os.name"));
    }

    /** A {@link Pointer} that can be moved, so that reading the va_list allocates nothing. */
    private static final class MovablePointer extends Pointer {
        MovablePointer() {
            super(0);
        }

        MovablePointer at(long address) {
            peer = address;
            return this;
        }
    }

    private static final class Scratch {
        final Memory buffer = new Memory(FIRST_PASS_BYTES);
        final long bufferAddress = Pointer.nativeValue(buffer);
        /** The first-pass buffer seen from Java: reading it is a plain memory copy, no native call. */
        final ByteBuffer text = buffer.getByteBuffer(0, FIRST_PASS_BYTES);
        /** The first pass's bytes on the Java side: decoding then makes no intermediate array. */
        final byte[] bytes = new byte[FIRST_PASS_BYTES];
        /** The va_list object as it was before the first pass (null: a plain pointer, reused as is). */
        final long[] vaWords = VA_LIST_WORDS == 0 ? null : new long[VA_LIST_WORDS];
        final MovablePointer vaList = new MovablePointer();
        /** Where a second pass's va_list copy is written; made on first use. */
        Memory vaCopy;
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final Vsnprintf libc;
    private final boolean ffm;

    /**
     * A formatter calling {@code vsnprintf} through an FFM downcall where FFM is available (Java 22+
     * with the multi-release jar, unless {@code -D}{@value VixDiskLibLoader#DATA_PATH_PROPERTY}{@code =jna}),
     * else through JNA direct mapping.
     */
    public LibcVaListFormatter() {
        this(System.getProperty(VixDiskLibLoader.DATA_PATH_PROPERTY));
    }

    /** @param requested {@code jna} to use JNA direct mapping even where FFM is available, or null */
    LibcVaListFormatter(String requested) {
        Vsnprintf chosen = null;
        if (NativeLogFunctions.ffmWanted(requested)) {
            try {
                chosen = FfmLogUpcalls.vsnprintf();
            } catch (RuntimeException | LinkageError e) {
                // native access denied, no FFM here: JNA instead
                chosen = null;
            }
        }
        this.ffm = chosen != null;
        this.libc = chosen != null ? chosen : Libc::vsnprintf;
    }

    /** Whether {@code vsnprintf} is called through an FFM downcall (else: JNA direct mapping). */
    public boolean usesFfm() {
        return ffm;
    }

    @Override
    public String format(Pointer fmt, Pointer vaList) {
        return format(Pointer.nativeValue(fmt), Pointer.nativeValue(vaList));
    }

    /**
     * The callback's path: one JNI read saves the va_list, one {@code vsnprintf} call formats
     * into the per-thread buffer, one copy from its {@link ByteBuffer} view decodes.
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
        if (s.vaWords != null) {
            s.vaList.at(vaList).read(0, s.vaWords, 0, s.vaWords.length);
        }
        int n = libc.vsnprintf(s.bufferAddress, FIRST_PASS_BYTES, fmt, vaList);
        if (n < 0) {
            return "[vddk4j: vsnprintf failed for format \"" + new Pointer(fmt).getString(0, "UTF-8") + "\"]";
        }
        if (n < FIRST_PASS_BYTES) {
            s.text.get(0, s.bytes, 0, n);
            int length = trimLine ? lineLength(s.bytes, n) : n;
            return new String(s.bytes, 0, length, StandardCharsets.UTF_8);
        }
        return secondPass(s, fmt, vaList, n, trimLine);
    }

    /** The text did not fit the first-pass buffer: format it again from the saved va_list. */
    private String secondPass(Scratch s, long fmt, long vaList, int n, boolean trimLine) {
        long copy = vaList;
        if (s.vaWords != null) {
            if (s.vaCopy == null) {
                s.vaCopy = new Memory(8L * s.vaWords.length);
            }
            s.vaCopy.write(0, s.vaWords, 0, s.vaWords.length);
            copy = Pointer.nativeValue(s.vaCopy);
        }
        int keep = Math.min(n, MAX_MESSAGE_BYTES);
        try (Memory big = new Memory(keep + 1L)) {
            int m = libc.vsnprintf(Pointer.nativeValue(big), keep + 1L, fmt, copy);
            if (m < 0) {
                s.text.get(0, s.bytes, 0, FIRST_PASS_BYTES - 1);
                return new String(s.bytes, 0, FIRST_PASS_BYTES - 1, StandardCharsets.UTF_8) + LogBridge.TRUNCATION_MARKER;
            }
            byte[] bytes = big.getByteArray(0, Math.min(m, keep));
            int length = trimLine && n <= keep ? lineLength(bytes, bytes.length) : bytes.length;
            String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
            return n > keep ? text + LogBridge.TRUNCATION_MARKER : text;
        }
    }

    /** {@code length} less the line terminators at its end. */
    private static int lineLength(byte[] bytes, int length) {
        while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r')) {
            length--;
        }
        return length;
    }
}
