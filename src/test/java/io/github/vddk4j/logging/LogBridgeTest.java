package io.github.vddk4j.logging;

import io.github.vddk4j.logging.internal.LogBridge;
import io.github.vddk4j.logging.internal.LogCapture;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routing, captures and failure containment of the bridge, without native code. */
class LogBridgeTest {
    private final CollectingSink sink = new CollectingSink();

    @Test
    void aCaptureCollectsOnlyWarnAndPanicOfItsOwnThread() throws Exception {
        LogBridge bridge = new LogBridge(sink, PanicPolicy.DEFAULT);
        try (LogCapture c = bridge.capture()) {
            bridge.deliver(LogChannel.LOG, "stub t=log");
            bridge.deliver(LogChannel.WARN, "stub t=warn");
            Thread other = new Thread(() -> bridge.deliver(LogChannel.WARN, "stub t=other thread"));
            other.start();
            other.join();
            bridge.deliver(LogChannel.PANIC, "stub t=panic");
            assertEquals(List.of("stub t=warn", "stub t=panic"), c.messages());
            assertEquals("VDDK logged: stub t=warn | stub t=panic", c.summary());
        }
        assertEquals(4, sink.drain().size(), "the sink got everything");
    }

    @Test
    void nestedCapturesBothSeeInnerMessagesAndCloseRestoresTheOuter() {
        LogBridge bridge = new LogBridge(sink, PanicPolicy.DEFAULT);
        try (LogCapture outer = bridge.capture()) {
            bridge.deliver(LogChannel.WARN, "one");
            try (LogCapture inner = bridge.capture()) {
                bridge.deliver(LogChannel.WARN, "two");
                assertEquals(List.of("two"), inner.messages());
            }
            bridge.deliver(LogChannel.WARN, "three");
            assertEquals(List.of("one", "two", "three"), outer.messages());
        }
        sink.enabled = EnumSet.of(LogChannel.LOG);
        assertFalse(bridge.wants(LogChannel.WARN), "no capture left on the thread");
    }

    @Test
    void aCallCaptureIsReusedAfterItClosesAndStartsEmpty() {
        LogBridge bridge = new LogBridge(sink, PanicPolicy.DEFAULT);
        LogCapture first = bridge.captureCall();
        bridge.deliver(LogChannel.WARN, "one");
        assertEquals(List.of("one"), first.messages());
        first.close();
        LogCapture second = bridge.captureCall();
        assertSame(first, second, "no allocation per call");
        assertEquals(List.of(), second.messages(), "a reused capture starts empty");
        bridge.deliver(LogChannel.WARN, "two");
        assertEquals(List.of("two"), second.messages());
        second.close();
        sink.enabled = EnumSet.of(LogChannel.LOG);
        assertFalse(bridge.wants(LogChannel.WARN), "no capture left on the thread");
    }

    @Test
    void callCapturesNestLikeOrdinaryCapturesAndAnOpenOneIsNeverHandedOutAgain() {
        LogBridge bridge = new LogBridge(sink, PanicPolicy.DEFAULT);
        try (LogCapture outer = bridge.capture()) {
            LogCapture call = bridge.captureCall();
            LogCapture nested = bridge.captureCall();
            assertNotSame(call, nested);
            bridge.deliver(LogChannel.WARN, "inner");
            nested.close();
            assertEquals(List.of("inner"), call.messages());
            call.close();
            bridge.deliver(LogChannel.WARN, "after");
            assertEquals(List.of("inner", "after"), outer.messages());
        }
    }

    @Test
    void wantsWarnWhileCapturingEvenIfTheSinkIsDisabledButNeverLog() {
        sink.enabled = EnumSet.noneOf(LogChannel.class);
        LogBridge bridge = new LogBridge(sink, PanicPolicy.DEFAULT);
        assertFalse(bridge.wants(LogChannel.WARN));
        assertFalse(bridge.wants(LogChannel.LOG));
        assertTrue(bridge.wants(LogChannel.PANIC), "panics are always handled");
        try (LogCapture c = bridge.capture()) {
            assertTrue(bridge.wants(LogChannel.WARN));
            assertFalse(bridge.wants(LogChannel.LOG));
            bridge.deliver(LogChannel.WARN, "kept for the exception");
            assertEquals(List.of("kept for the exception"), c.messages());
        }
        assertEquals(0, sink.acceptCalls.get() + sink.drain().size(), "a disabled sink is not called");
    }

    @Test
    void phoneHomeNoiseIsNotCaptured() {
        LogBridge bridge = new LogBridge(sink, PanicPolicy.DEFAULT);
        try (LogCapture c = bridge.capture()) {
            bridge.deliver(LogChannel.WARN, "VDDK_PhoneHome: usage data will not be sent");
            bridge.deliver(LogChannel.WARN, "VixDiskLib: Get CEIP status failed: not connected");
            assertTrue(c.messages().isEmpty());
        }
    }

    @Test
    void aCaptureMustBeClosedOnItsOwnThread() throws Exception {
        LogBridge bridge = new LogBridge(sink, PanicPolicy.DEFAULT);
        LogCapture c = bridge.capture();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                c.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        other.start();
        other.join();
        assertTrue(thrown.get() instanceof IllegalStateException);
        c.close();
        c.close(); // idempotent
    }

    @Test
    void exceptionsFromTheSinkAreCaughtAndCounted() {
        VddkLogSink throwing = new VddkLogSink() {
            @Override
            public boolean isEnabled(LogChannel c) {
                if (c == LogChannel.LOG) {
                    throw new IllegalStateException("isEnabled (test)");
                }
                return true;
            }

            @Override
            public void accept(LogChannel c, String m) {
                throw new OutOfMemoryError("accept (test)");
            }
        };
        LogBridge bridge = new LogBridge(throwing, PanicPolicy.DEFAULT);
        assertFalse(bridge.wants(LogChannel.LOG));
        bridge.deliver(LogChannel.WARN, "w");
        bridge.deliver(LogChannel.PANIC, "p");
        assertEquals(3, bridge.failures());
        assertEquals(1, bridge.panics());
    }

    @Test
    void aCustomPanicPolicyRunsAfterTheSinkWithTheMessage() {
        StringBuilder order = new StringBuilder();
        VddkLogSink recording = new VddkLogSink() {
            @Override
            public boolean isEnabled(LogChannel c) {
                return true;
            }

            @Override
            public void accept(LogChannel c, String m) {
                order.append("sink:").append(m).append(';');
            }
        };
        LogBridge bridge = new LogBridge(recording, PanicPolicy.custom(m -> order.append("policy:").append(m)));
        bridge.deliver(LogChannel.WARN, "w");
        bridge.deliver(LogChannel.PANIC, "boom");
        assertEquals("sink:w;sink:boom;policy:boom", order.toString());
    }

    @Test
    void panicPolicyFactories() {
        assertEquals(new PanicPolicy.ReturnToLibrary(), PanicPolicy.returnToLibrary());
        assertEquals(new PanicPolicy.HaltJvm(3), PanicPolicy.haltJvm(3));
        assertThrows(NullPointerException.class, () -> PanicPolicy.custom(null));
        assertThrows(NullPointerException.class, () -> new LogBridge(null, PanicPolicy.DEFAULT));
    }
}
