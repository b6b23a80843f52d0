package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.vddk4j.testkit.VixDiskLibStub;
import io.github.vddk4j.logging.internal.LogBridge;
import io.github.vddk4j.logging.internal.LogCapture;
import io.github.vddk4j.logging.LogChannel;
import io.github.vddk4j.logging.PanicPolicy;
import io.github.vddk4j.logging.VddkLogSink;
import io.github.vddk4j.testsupport.OwnJvmPerTest;
import io.github.vddk4j.testsupport.Stub;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, defect 2: a log sink that blocks does not hold VDDK (its own threads, the caller's
 * calls, or Exit in {@code DiskLib.close()}) hostage; what does not fit is dropped and counted.
 */
@org.junit.jupiter.api.extension.ExtendWith(OwnJvmPerTest.class)
class BlockingLogSinkTest {
    /** How long close() may take with a sink that never returns (the delivery wait is 1 s). */
    private static final long CLOSE_BOUND_MILLIS = 5000;

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger entered = new AtomicInteger();

    /** Blocks on every stub test message until the test ends. */
    private final VddkLogSink blocking = new VddkLogSink() {
        @Override
        public boolean isEnabled(LogChannel channel) {
            return true;
        }

        @Override
        public void accept(LogChannel channel, String message) {
            if (message.startsWith("stub t=") || message.startsWith("m")) {
                entered.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    };

    @AfterEach
    void releaseTheSink() {
        release.countDown();
    }

    @Test
    void aSinkBlockedOnAMessageFromVddksThreadsDoesNotDelayVddkOrClose() throws Exception {
        DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).logSink(blocking).open();
        // 4 native threads log 50 messages each; before the fix the first blocked its thread, and
        // EmitTestLogs (which joins them) never returned
        CompletableFuture<Long> emit = CompletableFuture.supplyAsync(
                () -> Stub.control().VixDiskLibStub_EmitTestLogs(VixDiskLibStub.VIXDISKLIBSTUB_WARN, 4, 50, 0));
        assertEquals(0L, emit.get(10, TimeUnit.SECONDS), "VDDK's threads finished logging");
        long start = System.nanoTime();
        CompletableFuture<Void> close = CompletableFuture.runAsync(lib::close);
        close.get(CLOSE_BOUND_MILLIS * 2, TimeUnit.MILLISECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis < CLOSE_BOUND_MILLIS, "close took " + tookMillis + " ms");
        assertEquals(1, entered.get(), "the sink is still inside its first message");
    }

    @Test
    void aFullQueueDropsAndCountsButCapturesOnTheCallingThreadKeepEveryLine() throws Exception {
        Logger self = (Logger) LoggerFactory.getLogger(LogBridge.BRIDGE_LOGGER);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        self.addAppender(appender);
        self.setAdditive(false);
        try {
            LogBridge bridge = LogBridge.queued(blocking, PanicPolicy.DEFAULT, 4);
            try (LogCapture capture = bridge.capture()) {
                for (int i = 0; i < 20; i++) {
                    bridge.deliver(LogChannel.WARN, "m" + i);
                }
                assertEquals(LogCapture.MAX_MESSAGES, capture.messages().size() + 0, "capture keeps its maximum");
                assertEquals(4, capture.dropped(), "and counts the rest itself");
            }
            long dropped = bridge.dropped();
            assertTrue(dropped == 15 || dropped == 16, "dropped " + dropped); // 20 - 4 queued - (0 or 1) taken
            release.countDown();
            assertTrue(bridge.awaitDelivered(Duration.ofSeconds(10)));
            assertTrue(bridge.close(Duration.ofSeconds(10)));
            assertTrue(appender.list.stream().anyMatch(e -> e.getFormattedMessage().contains(dropped + " VDDK log message(s) dropped")),
                    appender.list.toString());
        } finally {
            self.detachAppender(appender);
            self.setAdditive(true);
        }
    }
}
