package io.github.vddk4j.logging;

import io.github.vddk4j.logging.internal.LogBridge;
import io.github.vddk4j.logging.internal.LogCapture;

import org.junit.jupiter.api.Tag;
import io.github.vddk4j.testsupport.OwnJvm;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.jna.Pointer;
import io.github.vddk4j.logging.internal.LibcVaListFormatter;
import io.github.vddk4j.jna.LoadedVixDiskLib;
import io.github.vddk4j.jna.StubTestSupport;
import io.github.vddk4j.logging.internal.VaListFormatter;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import io.github.vddk4j.testkit.VixDiskLibStub;
import io.github.vddk4j.jna.VixErrors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native log bridge against the stub's VixDiskLibStub_EmitTestLogs, driven through the raw
 * layer (InitEx with {@link NativeLogFunctions}).
 */
@Tag(OwnJvm.TAG)
class LogBridgeStubTest {
    private static final Pattern T_AND_I = Pattern.compile("^stub t=(\\d+) i=(\\d+) ");

    /** Sink the test can point at a collecting sink or at SLF4J. */
    static final class SwitchableSink implements VddkLogSink {
        volatile VddkLogSink target;

        @Override
        public boolean isEnabled(LogChannel c) {
            return target.isEnabled(c);
        }

        @Override
        public void accept(LogChannel c, String m) {
            target.accept(c, m);
        }
    }

    /** Counts the test messages formatted, and formats them the way the callbacks do in production. */
    static final class CountingFormatter implements VaListFormatter {
        final AtomicLong calls = new AtomicLong();
        final VaListFormatter real = new LibcVaListFormatter();

        @Override
        public String format(Pointer fmt, Pointer vaList) {
            count(Pointer.nativeValue(fmt));
            return real.format(fmt, vaList);
        }

        /** What {@link NativeLogFunctions} calls: the formatter's own path (address arguments, newline left out). */
        @Override
        public String formatLine(long fmt, long vaList) {
            count(fmt);
            return real.formatLine(fmt, vaList);
        }

        private void count(long fmt) {
            if (fmt != 0 && new Pointer(fmt).getString(0).startsWith("stub t=")) {
                calls.incrementAndGet(); // only the test messages: the stub logs on its own too
            }
        }
    }

    static LoadedVixDiskLib loaded;
    static VixDiskLibStub stub;
    static final SwitchableSink sink = new SwitchableSink();
    static final CountingFormatter formatter = new CountingFormatter();
    static volatile Consumer<String> panicAction = m -> { };
    static LogBridge bridge;
    static NativeLogFunctions functions;

    CollectingSink collecting;
    ListAppender<ILoggingEvent> appender;
    Logger nativeLogger;

    @BeforeAll
    static void initEx() {
        loaded = StubTestSupport.load();
        stub = VixDiskLibStub.load(loaded.path());
        bridge = new LogBridge(sink, PanicPolicy.custom(m -> panicAction.accept(m)));
        functions = new NativeLogFunctions(bridge, formatter);
        sink.target = new CollectingSink();
        long err = loaded.lib().VixDiskLib_InitEx(loaded.vddkMajor(), 0, functions.log(), functions.warn(),
                functions.panic(), loaded.libDir().toString(), null);
        assertEquals(VixErrors.VIX_OK, err, "InitEx");
    }

    @AfterAll
    static void exit() {
        loaded.lib().VixDiskLib_Exit();
    }

    @BeforeEach
    void setUp() {
        collecting = new CollectingSink();
        sink.target = collecting;
        panicAction = m -> { };
        nativeLogger = (Logger) LoggerFactory.getLogger(Slf4jLogSink.LOGGER_PREFIX);
        nativeLogger.setLevel(Level.DEBUG);
        nativeLogger.setAdditive(false); // keep the console quiet; the ListAppender sees everything
        appender = new ListAppender<>();
        appender.start();
        nativeLogger.addAppender(appender);
    }

    @AfterEach
    void tearDown() {
        nativeLogger.detachAppender(appender);
    }

    private void emit(int channel, int threads, int perThread, int longLength) {
        assertEquals(VixErrors.VIX_OK, stub.VixDiskLibStub_EmitTestLogs(channel, threads, perThread, longLength),
                "EmitTestLogs");
    }

    private static Map<String, Integer> expected(int threads, int perThread, int longLength) {
        Map<String, Integer> m = new HashMap<>();
        for (int t = 0; t < Math.max(1, threads); t++) {
            for (int i = 0; i < perThread; i++) {
                m.merge(StubTestSupport.expectedTestLog(t, i, longLength), 1, Integer::sum);
            }
        }
        return m;
    }

    private static Map<String, Integer> counts(List<String> messages) {
        Map<String, Integer> m = new HashMap<>();
        messages.forEach(s -> m.merge(s, 1, Integer::sum));
        return m;
    }

    /** The logged events of the stub's test messages (the stub also logs on its own, e.g. a heartbeat). */
    private List<ILoggingEvent> events() {
        List<ILoggingEvent> out = new ArrayList<>();
        for (ILoggingEvent e : new ArrayList<>(appender.list)) {
            if (CollectingSink.isTestMessage(e.getFormattedMessage())) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void everyMessageFromTheCallingThreadReachesSlf4jOnceWithExactTextAtItsLevel() {
        sink.target = new Slf4jLogSink();
        emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 0, 20, 17);
        emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 20, 17);
        emit(VixDiskLibStub.VIXDISKLIBSTUB_PANIC, 0, 3, 17);

        Map<String, List<String>> byLogger = new HashMap<>();
        for (ILoggingEvent e : events()) {
            String expectLevel = switch (e.getLoggerName()) {
                case Slf4jLogSink.LOG_LOGGER -> "DEBUG";
                case Slf4jLogSink.WARN_LOGGER -> "WARN";
                case Slf4jLogSink.PANIC_LOGGER -> "ERROR";
                default -> "unexpected logger " + e.getLoggerName();
            };
            assertEquals(expectLevel, e.getLevel().toString(), e.getFormattedMessage());
            byLogger.computeIfAbsent(e.getLoggerName(), k -> new ArrayList<>()).add(e.getFormattedMessage());
        }
        assertEquals(expected(0, 20, 17), counts(byLogger.get(Slf4jLogSink.LOG_LOGGER)));
        assertEquals(expected(0, 20, 17), counts(byLogger.get(Slf4jLogSink.WARN_LOGGER)));
        assertEquals(expected(0, 3, 17), counts(byLogger.get(Slf4jLogSink.PANIC_LOGGER)));
    }

    @Test
    void logChannelGoesToInfoWhenConfigured() {
        sink.target = new Slf4jLogSink(true);
        nativeLogger.setLevel(Level.INFO);
        emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 0, 2, 3);
        List<ILoggingEvent> ev = events();
        assertEquals(2, ev.size());
        ev.forEach(e -> assertEquals(Level.INFO, e.getLevel()));
    }

    @Test
    void messagesLongerThan4KiBArriveWholeFromTheCallingThread() {
        emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 3, 5000);
        emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 0, 2, 70_000);
        List<String> warn = new ArrayList<>();
        List<String> log = new ArrayList<>();
        for (CollectingSink.Entry e : collecting.drain()) {
            (e.channel() == LogChannel.WARN ? warn : log).add(e.message());
        }
        assertEquals(expected(0, 3, 5000), counts(warn));
        assertEquals(expected(0, 2, 70_000), counts(log));
        assertTrue(log.get(0).length() > 70_000);
    }

    @Test
    void messagesAroundTheFirstPassBufferSizeArriveWholeWithoutTheirNewline() {
        // the formatted line ends with '\n': lines of 4095, 4096 and 4097 bytes with it; the first
        // pass holds 4095 bytes and a NUL, so the last two are formatted again from the saved va_list
        int base = StubTestSupport.expectedTestLog(0, 0, 0).length() + 1;
        for (int lineBytes = LibcVaListFormatter.FIRST_PASS_BYTES - 1; lineBytes <= LibcVaListFormatter.FIRST_PASS_BYTES + 1; lineBytes++) {
            int longLength = lineBytes - base;
            emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 1, longLength);
            emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 1, 1, longLength); // from a native thread too
            List<CollectingSink.Entry> got = collecting.drain();
            assertEquals(2, got.size(), "line of " + lineBytes + " bytes");
            for (CollectingSink.Entry e : got) {
                assertEquals(StubTestSupport.expectedTestLog(0, 0, longLength), e.message(), "line of " + lineBytes + " bytes");
            }
        }
    }

    @Test
    void aLevelChangedAtRuntimeDecidesTheVeryNextMessage() {
        for (int flip = 0; flip < 4; flip++) {
            boolean on = flip % 2 == 0;
            collecting.enabled = on ? EnumSet.allOf(LogChannel.class) : EnumSet.of(LogChannel.PANIC);
            long before = formatter.calls.get();
            emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 0, 5, 3);
            emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 1, 5, 3);
            assertEquals(on ? 10 : 0, collecting.drain().size(), "LOG " + (on ? "enabled" : "disabled"));
            assertEquals(before + (on ? 10 : 0), formatter.calls.get(), "formatted only while enabled");
        }
    }

    @Test
    void messagesBeyondTheLimitArriveVisiblyTruncated() {
        int longLength = LibcVaListFormatter.MAX_MESSAGE_BYTES + 10;
        emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 1, longLength);
        List<CollectingSink.Entry> got = collecting.drain();
        assertEquals(1, got.size());
        String m = got.get(0).message();
        assertTrue(m.endsWith(LogBridge.TRUNCATION_MARKER), "marked as truncated");
        String full = StubTestSupport.expectedTestLog(0, 0, longLength);
        String kept = m.substring(0, m.length() - LogBridge.TRUNCATION_MARKER.length());
        assertEquals(LibcVaListFormatter.MAX_MESSAGE_BYTES, kept.length());
        assertTrue(full.startsWith(kept), "the kept part is the start of the real message");
    }

    @Test
    void eightNativeThreadsAtOnceUnderForcedGcDeliverEveryMessageExactlyOnceOnAttachedThreads() throws Exception {
        long failuresBefore = bridge.failures();
        AtomicBoolean stop = new AtomicBoolean();
        Thread gc = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
                Thread.onSpinWait();
            }
        }, "gc-forcer");
        gc.start();
        try {
            for (int round = 0; round < 3; round++) {
                emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 8, 150, 4100 * (round % 2) + 40);
                emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 8, 150, 40);
            }
        } finally {
            stop.set(true);
            gc.join();
        }
        List<CollectingSink.Entry> got = collecting.drain();
        List<String> warn = new ArrayList<>();
        List<String> log = new ArrayList<>();
        Map<Integer, Set<Thread>> threadsByT = new HashMap<>();
        for (CollectingSink.Entry e : got) {
            (e.channel() == LogChannel.WARN ? warn : log).add(e.message());
            Matcher m = T_AND_I.matcher(e.message());
            assertTrue(m.find(), e.message());
            threadsByT.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new HashSet<>()).add(e.thread());
            assertTrue(e.thread().isDaemon(), "native threads are attached as daemons");
            assertEquals(NativeLogFunctions.NATIVE_THREAD_NAME, e.thread().getName());
        }
        Map<String, Integer> expectWarn = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            expected(8, 150, 4100 * (round % 2) + 40).forEach((k, v) -> expectWarn.merge(k, v, Integer::sum));
        }
        Map<String, Integer> expectLog = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            expected(8, 150, 40).forEach((k, v) -> expectLog.merge(k, v, Integer::sum));
        }
        assertEquals(expectWarn, counts(warn));
        assertEquals(expectLog, counts(log));
        assertEquals(8, threadsByT.size());
        // every EmitTestLogs call starts 8 new native threads: 6 calls -> at most 6 attachments per t,
        // i.e. one Java Thread per native thread, not one per message (150 per thread per call)
        threadsByT.forEach((t, set) -> assertTrue(set.size() <= 6,
                "native thread t=" + t + " attached " + set.size() + " times for 6 native threads"));
        assertEquals(failuresBefore, bridge.failures());
    }

    @Test
    void aJavaThreadThatVddkCallsBackOnKeepsItsNameWhateverItIs() throws Exception {
        // "Thread-N" is also the name the JVM gives a native thread an FFM upcall attaches; only
        // those are renamed to vddk-native, never a Java thread calling into VDDK
        Thread caller = new Thread(() -> emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 3, 5), "Thread-4242");
        caller.start();
        caller.join();
        List<CollectingSink.Entry> got = collecting.drain();
        assertEquals(3, got.size());
        for (CollectingSink.Entry e : got) {
            assertSame(caller, e.thread());
        }
        assertEquals("Thread-4242", caller.getName());
    }

    @Test
    void aThrowingSinkDoesNotBreakLoggingOrTheStub() {
        long failuresBefore = bridge.failures();
        collecting.throwOnAccept = true;
        emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 10, 20);
        emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 8, 10, 20);
        collecting.throwOnAccept = false;
        collecting.errorOnAccept = true;
        emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 8, 5, 20);
        collecting.errorOnAccept = false;
        assertEquals(10 + 80 + 40, collecting.acceptCalls.get());
        assertTrue(collecting.thrown.get() >= 130);
        assertEquals(failuresBefore + collecting.thrown.get(), bridge.failures(), "every sink exception was caught and counted");

        emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 8, 5, 20);
        assertEquals(expected(8, 5, 20), counts(collecting.drain().stream().map(CollectingSink.Entry::message).toList()));
    }

    @Test
    void aDisabledLevelFormatsNothing() {
        collecting.enabled = EnumSet.of(LogChannel.WARN, LogChannel.PANIC);
        long before = formatter.calls.get();
        emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 0, 100, 10);
        emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 4, 25, 10);
        assertEquals(before, formatter.calls.get(), "no formatting for a disabled level");
        assertTrue(collecting.drain().isEmpty());

        emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 7, 10);
        assertEquals(before + 7, formatter.calls.get(), "an enabled level formats each message once");
    }

    @Test
    void slf4jLevelsDecideWhatIsFormatted() {
        sink.target = new Slf4jLogSink();
        nativeLogger.setLevel(Level.INFO);
        long before = formatter.calls.get();
        emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 0, 50, 10);
        assertEquals(before, formatter.calls.get(), "LOG is DEBUG: not formatted at INFO");
        nativeLogger.setLevel(Level.ERROR);
        emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 50, 10);
        assertEquals(before, formatter.calls.get(), "WARN not formatted at ERROR");
        assertTrue(events().isEmpty());
    }

    @Test
    void aCaptureCollectsWarnAndPanicOfItsOwnThreadEvenWhenTheSinkIsDisabled() {
        collecting.enabled = EnumSet.noneOf(LogChannel.class);
        try (LogCapture c = bridge.capture()) {
            emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 2, 5);
            emit(VixDiskLibStub.VIXDISKLIBSTUB_LOG, 0, 2, 5);
            emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 3, 2, 5);  // other (native) threads
            emit(VixDiskLibStub.VIXDISKLIBSTUB_PANIC, 0, 1, 5);
            assertEquals(List.of(StubTestSupport.expectedTestLog(0, 0, 5), StubTestSupport.expectedTestLog(0, 1, 5),
                    StubTestSupport.expectedTestLog(0, 0, 5)), c.messages());
        }
        // captures are bounded in count and size
        try (LogCapture c = bridge.capture()) {
            emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, LogCapture.MAX_MESSAGES + 5, 3000);
            assertEquals(LogCapture.MAX_MESSAGES, c.messages().size());
            assertEquals(5, c.dropped());
            c.messages().forEach(m -> {
                assertEquals(LogCapture.MAX_MESSAGE_CHARS + LogBridge.TRUNCATION_MARKER.length(), m.length());
                assertTrue(m.endsWith(LogBridge.TRUNCATION_MARKER));
            });
        }
        // after close nothing is collected
        LogCapture closed = bridge.capture();
        closed.close();
        emit(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 0, 1, 5);
        assertTrue(closed.messages().isEmpty());
    }

    @Test
    void panicIsLoggedAtErrorThenThePanicPolicyRunsAndTheStubGoesOn() {
        sink.target = new Slf4jLogSink();
        List<String> seenByPolicy = new CopyOnWriteArrayList<>();
        panicAction = m -> {
            // the ERROR event is already there when the policy runs
            assertTrue(events().stream().anyMatch(e -> e.getLevel() == Level.ERROR && e.getFormattedMessage().equals(m)));
            seenByPolicy.add(m);
        };
        emit(VixDiskLibStub.VIXDISKLIBSTUB_PANIC, 0, 2, 4);
        emit(VixDiskLibStub.VIXDISKLIBSTUB_PANIC, 2, 1, 4);
        assertEquals(counts(List.of(StubTestSupport.expectedTestLog(0, 0, 4), StubTestSupport.expectedTestLog(0, 1, 4),
                StubTestSupport.expectedTestLog(0, 0, 4), StubTestSupport.expectedTestLog(1, 0, 4))), counts(seenByPolicy));
        // a throwing policy action is contained too
        long failures = bridge.failures();
        panicAction = m -> {
            throw new IllegalStateException("policy failure (test)");
        };
        emit(VixDiskLibStub.VIXDISKLIBSTUB_PANIC, 0, 1, 4);
        assertEquals(failures + 1, bridge.failures());
    }
}
