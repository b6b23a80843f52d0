package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bound on async requests in flight and the sync/async write rule, over mocks. */
class AsyncBackPressureTest {
    private final FakeVddk vddk = new FakeVddk();
    private final List<Object[]> held = new CopyOnWriteArrayList<>();
    private DiskLib lib;

    @AfterEach
    void close() {
        if (lib != null) {
            lib.close();
        }
    }

    private DiskHandle open() {
        lib = vddk.open();
        doAnswer(inv -> {
            held.add(new Object[] {inv.getArgument(4), inv.getArgument(5)});
            return 25000L;
        }).when(vddk.dataPath).readAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        doAnswer(inv -> {
            held.add(new Object[] {inv.getArgument(4), inv.getArgument(5)});
            return 25000L;
        }).when(vddk.dataPath).writeAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        doAnswer(inv -> {
            completeHeld();
            return 0L;
        }).when(vddk.lib).VixDiskLib_Wait(any());
        return lib.connect(ConnectParams.local()).open("/a.vmdk");
    }

    private void completeHeld() {
        for (Object[] h : held) {
            NativeCompletion.invoke((Long) h[0], (Long) h[1], 0);
        }
        held.clear();
    }

    @Test
    void aSubmitterBeyondTheBoundWaitsUntilARequestCompletes() throws Exception {
        DiskHandle d = open();
        d.setMaxAsyncInFlight(2);
        d.readAsync(0, ByteBuffer.allocateDirect(512));
        d.readAsync(1, ByteBuffer.allocateDirect(512));
        assertEquals(2, d.asyncInFlight());
        AtomicReference<CompletableFuture<Void>> third = new AtomicReference<>();
        CountDownLatch submitted = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            third.set(d.readAsync(2, ByteBuffer.allocateDirect(512)));
            submitted.countDown();
        });
        t.start();
        assertTrue(!submitted.await(200, TimeUnit.MILLISECONDS), "the third request must wait for a free slot");
        Object[] first = held.remove(0);
        NativeCompletion.invoke((Long) first[0], (Long) first[1], 0);
        assertTrue(submitted.await(10, TimeUnit.SECONDS), "a completion frees a slot");
        t.join();
        d.awaitAsync();
        third.get().get(10, TimeUnit.SECONDS);
        assertEquals(0, d.asyncInFlight());
    }

    @Test
    void anInterruptedWaitSaysWhatItWaitedForAndKeepsTheInterrupt() throws Exception {
        DiskHandle d = open();
        d.setMaxAsyncInFlight(1);
        d.readAsync(0, ByteBuffer.allocateDirect(512));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                d.readAsync(1, ByteBuffer.allocateDirect(512));
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        Thread.sleep(100);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof InterruptedWaitException, String.valueOf(thrown.get()));
        assertTrue(thrown.get().getMessage().contains("interrupted while waiting"), thrown.get().getMessage());
        assertTrue(stillInterrupted.get());
        assertEquals(1, d.asyncInFlight(), "the interrupted request took no slot");
        d.awaitAsync();
    }

    @Test
    void aBoundBelowOneIsRefused() {
        DiskHandle d = open();
        assertEquals(64, d.maxAsyncInFlight());
        assertThrows(IllegalArgumentException.class, () -> d.setMaxAsyncInFlight(0));
    }

    @Test
    void aSyncWriteAfterAnAsyncWriteIsRefusedBeforeVddk() {
        DiskHandle d = open();
        d.writeAsync(0, ByteBuffer.allocateDirect(512));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.write(0, ByteBuffer.allocateDirect(512)));
        assertTrue(e.getMessage().contains("26000"), e.getMessage());
        assertTrue(e.getMessage().contains("one style per handle"), e.getMessage());
        verify(vddk.dataPath, never()).write(any(), anyLong(), anyLong(), anyLong());
        d.awaitAsync();
    }

    @Test
    void anAsyncWriteAfterASyncWriteIsRefusedButReadsMixFreely() {
        DiskHandle d = open();
        d.write(0, ByteBuffer.allocateDirect(512));
        assertThrows(IllegalStateException.class, () -> d.writeAsync(0, ByteBuffer.allocateDirect(512)));
        verify(vddk.dataPath, never()).writeAsync(any(), anyLong(), anyLong(), anyLong(), anyLong(), anyLong());
        d.readAsync(0, ByteBuffer.allocateDirect(512));
        d.awaitAsync();
        d.read(0, ByteBuffer.allocateDirect(512));
        d.write(1, ByteBuffer.allocateDirect(512));
    }

    @Test
    void aSubmitOnAClosedHandleGivesItsSlotBack() {
        DiskHandle d = open();
        d.setMaxAsyncInFlight(1);
        d.close();
        assertThrows(IllegalStateException.class, () -> d.readAsync(0, ByteBuffer.allocateDirect(512)));
        assertEquals(0, d.asyncInFlight());
    }
}
