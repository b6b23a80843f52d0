package io.github.vddk4j.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.PanicPolicy;
import io.github.vddk4j.logging.VddkLogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * VDDK's log functions as VDDK calls them ({@code fmt} and a {@code va_list}), through whatever
 * mechanism this JVM uses (JNA direct callbacks on Java 17, FFM upcall stubs on Java 22+ through the
 * jar: the build runs this class on both), with va_lists built by hand as the x86-64 System V ABI
 * lays them out (every argument in the overflow area): every printf conversion, messages of 64 KiB
 * and more, and sinks that throw. The expected text is libc's own {@code snprintf} with the same
 * arguments.
 */
class LogFunctionVaListTest {
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private volatile RuntimeException enabledThrows;
    private volatile Error acceptThrows;

    private final VddkLogSink sink = new VddkLogSink() {
        @Override
        public boolean isEnabled(LogChannel channel) {
            if (enabledThrows != null) {
                throw enabledThrows;
            }
            return true;
        }

        @Override
        public void accept(LogChannel channel, String message) {
            if (acceptThrows != null) {
                throw acceptThrows;
            }
            delivered.add(message);
        }
    };
    private final LogBridge bridge = new LogBridge(sink, PanicPolicy.custom(m -> { }));
    private final NativeLogFunctions functions = new NativeLogFunctions(bridge);
    /** Native memory kept until the test ends. */
    private final List<Memory> keep = new ArrayList<>();

    private static void assumeX8664() {
        assumeTrue(System.getProperty("os.arch").equals("amd64") && System.getProperty("os.name").equals("Linux"),
                "hand-built va_lists follow the x86-64 System V ABI");
    }

    private Pointer cString(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        keep.add(m);
        return m;
    }

    /**
     * A va_list whose general-purpose and SSE register areas are used up, so every argument comes
     * from the overflow area: 8 bytes each (int and double alike), in order.
     */
    private Pointer vaList(Object... args) {
        Memory overflow = new Memory(8L * Math.max(1, args.length));
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            long word = a instanceof Integer n ? n : a instanceof Long n ? n
                    : a instanceof Double d ? Double.doubleToRawLongBits(d) : Pointer.nativeValue((Pointer) a);
            overflow.setLong(8L * i, word);
        }
        Memory regSave = new Memory(176);
        Memory va = new Memory(24);
        va.setInt(0, 48); // gp_offset: all six integer registers taken
        va.setInt(4, 176); // fp_offset: all eight SSE registers taken
        va.setPointer(8, overflow);
        va.setPointer(16, regSave);
        keep.add(overflow);
        keep.add(regSave);
        keep.add(va);
        return va;
    }

    /** libc's snprintf of the same format and arguments (a real varargs call). */
    private static String snprintf(Pointer fmt, Object... args) {
        Function snprintf = Function.getFunction("c", "snprintf");
        Object[] call = new Object[args.length + 3];
        call[0] = null;
        call[1] = 0L;
        call[2] = fmt;
        System.arraycopy(args, 0, call, 3, args.length);
        int n = snprintf.invokeInt(call);
        Memory out = new Memory(n + 1L);
        call[0] = out;
        call[1] = (long) n + 1;
        snprintf.invokeInt(call);
        return out.getString(0, "UTF-8");
    }

    /** Calls VDDK's LOG function, as VDDK does, through native code. */
    private void log(Pointer fmt, Pointer vaList) {
        Pointer f = CallbackReference.getFunctionPointer(functions.log());
        Function.getFunction(f).invoke(Void.class, new Object[] {fmt, vaList});
    }

    @Test
    void everyPrintfConversionFormatsThroughTheLogFunctionExactlyAsLibcSnprintf() {
        assumeX8664();
        Pointer fmt = cString("i=%i d=%d u=%u o=%o x=%x X=%#X c=%c s=%s p=%p f=%f e=%e E=%E g=%g G=%G a=%a A=%A"
                + " ld=%ld lld=%lld lu=%lu hd=%hd hhu=%hhu zu=%zu jd=%jd w=[%*d] prec=[%.*s] left=[%-8s] plus=%+d"
                + " sp=% d zero=%08.3f pct=%% utf=%s empty=[%s]\n");
        Object[] args = {-7, Integer.MIN_VALUE, -1, 511, 0xBEEF, 0xBEEF, (int) 'Z', cString("abc"), cString("x"),
                Math.PI, -1.5e-300, 6.02214076e23, 0.0001, 1e100, 1.0 / 3, Double.MAX_VALUE,
                Long.MIN_VALUE, Long.MAX_VALUE, -1L, 70000, 300, -1L, Long.MIN_VALUE, 12, 42, 3, cString("truncated"),
                cString("ab"), 5, 5, Double.NEGATIVE_INFINITY, cString("größe €"), cString("")};
        // hand the same arguments to libc: pointers are pointers, doubles doubles, the rest int or long
        String expected = snprintf(fmt, args);
        log(fmt, vaList(args));
        assertEquals(List.of(expected.substring(0, expected.length() - 1)), delivered);
    }

    @Test
    void messagesOf64KiBAndMoreArriveWholeAndBeyondTheLimitVisiblyTruncated() {
        assumeX8664();
        String big = "v".repeat(70_000);
        Pointer longString = cString("%s|%d|%s\n");
        log(longString, vaList(cString(big), 99, cString("end")));
        Pointer wide = cString("[%100000d]\n");
        log(wide, vaList(7));
        Pointer beyond = cString("%s%s\n");
        String half = "w".repeat(LibcVaListFormatter.MAX_MESSAGE_BYTES / 2 + 1000);
        log(beyond, vaList(cString(half), cString(half)));
        assertEquals(3, delivered.size());
        assertEquals(big + "|99|end", delivered.get(0));
        assertEquals("[" + " ".repeat(99_999) + "7]", delivered.get(1));
        String truncated = delivered.get(2);
        assertTrue(truncated.endsWith(LogBridge.TRUNCATION_MARKER), "visibly truncated");
        assertEquals((half + half).substring(0, LibcVaListFormatter.MAX_MESSAGE_BYTES),
                truncated.substring(0, truncated.length() - LogBridge.TRUNCATION_MARKER.length()));
    }

    @Test
    void aSinkThatThrowsOrOverflowsTheStackNeverLetsAnythingEscapeIntoNativeCode() {
        assumeX8664();
        Pointer fmt = cString("message %d\n");
        long failuresBefore = bridge.failures();
        enabledThrows = new IllegalStateException("isEnabled refuses");
        log(fmt, vaList(1));
        enabledThrows = null;
        acceptThrows = new StackOverflowError("accept overflows");
        log(fmt, vaList(2));
        acceptThrows = new OutOfMemoryError("accept runs out");
        log(fmt, vaList(3));
        acceptThrows = null;
        log(fmt, vaList(4)); // the JVM is alive (an exception escaping an FFM upcall ends it) and logging goes on
        assertEquals(List.of("message 4"), delivered);
        assertTrue(bridge.failures() >= failuresBefore + 3, "each failure was counted: " + bridge.failures());
    }
}
