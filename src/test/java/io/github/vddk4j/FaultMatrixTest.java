package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.EmulatedWorld;
import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, the fault matrix: every VixDiskLib function of {@code native-stubs/api/functions.tsv}
 * fails in turn (the stub's fault injection, on every call) under every public operation below.
 * Which operations call which function is discovered, not listed, so a function added to the table
 * is covered as soon as an operation reaches it. For each failure: the exception names the
 * function, its code and text; after the faults are cleared and what failed to close is closed
 * again (the retry rule), the stub's counters are back to zero; the operation then works.
 */
@ExtendWith(StubLeakCheck.class)
class FaultMatrixTest {
    private static final long INJECTED = 16000; // VIX_E_DISK_INVAL: not a code any operation produces by itself
    /** Functions not faulted here: InitEx/Init/Exit (one InitEx per process), GetErrorText (builds the reports). */
    private static final Set<String> NOT_FAULTED = Set.of("VixDiskLib_InitEx", "VixDiskLib_Init", "VixDiskLib_Exit",
            "VixDiskLib_GetErrorText");
    private static final List<String> COUNTERS = List.of("connectParams", "infos", "errorTexts", "blockLists",
            "connections", "handles");

    @TempDir
    Path base;

    private static final java.util.concurrent.atomic.AtomicInteger SERIAL = new java.util.concurrent.atomic.AtomicInteger();
    private final List<AutoCloseable> made = new ArrayList<>();

    private <T extends AutoCloseable> T track(T resource) {
        made.add(resource);
        return resource;
    }

    private interface Op {
        void run() throws Exception;
    }

    private Map<String, Op> operations(DiskLib lib, Path disk) {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 512);
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("connect local", () -> track(lib.connect(ConnectParams.local())));
        ops.put("open, info, transport", () -> {
            DiskHandle d = track(track(lib.connect(ConnectParams.local())).open(disk.toString()));
            d.info();
            d.transportModeName();
        });
        ops.put("read", () -> track(track(lib.connect(ConnectParams.local())).open(disk.toString()))
                .read(0, buf.clear()));
        ops.put("write, flush", () -> {
            DiskHandle d = track(track(lib.connect(ConnectParams.local())).open(disk.toString()));
            d.write(0, buf.clear());
            d.flush();
        });
        ops.put("readAsync, awaitAsync", () -> {
            DiskHandle d = track(track(lib.connect(ConnectParams.local())).open(disk.toString()));
            var f = d.readAsync(0, buf.clear());
            d.awaitAsync();
            f.join();
        });
        ops.put("allocatedBlocks", () -> track(track(lib.connect(ConnectParams.local())).open(disk.toString()))
                .allocatedBlocks());
        ops.put("transportModes", lib::transportModeNames);
        ops.put("remote connect, open, read", () -> track(track(lib.connect(EmulatedWorld.esxi()))
                .open(EmulatedWorld.diskPath(EmulatedWorld.SAN_DS))).read(0, buf.clear()));
        ops.put("prepareForAccess, endAccess", () -> track(lib.prepareForAccess(EmulatedWorld.vcenter(), "matrix")));
        ops.put("cleanup", () -> lib.cleanup(EmulatedWorld.esxi()));
        ops.put("metadata keys, get, put", () -> {
            DiskMetadata m = track(track(lib.connect(ConnectParams.local())).open(disk.toString())).metadata();
            m.keys();
            m.get("adapterType");
            m.put("acme.matrix", "1");
        });
        ops.put("changeId, changedAreas", () -> {
            DiskHandle d = track(track(lib.connect(ConnectParams.local())).open(disk.toString()));
            d.changeId();
            d.changedAreas();
        });
        ops.put("queryConnectParams", () -> track(lib.connect(ConnectParams.local())).queryConnectParams());
        ops.put("create, spaceNeededForClone, clone, delete", () -> {
            Connection c = track(lib.connect(ConnectParams.local()));
            DiskManager dm = c.diskManager();
            String created = base.resolve("created-" + SERIAL.incrementAndGet() + ".vmdk").toString();
            dm.create(created, CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 2048).build());
            dm.spaceNeededForClone(track(c.open(created, OpenOption.READ_ONLY)), DiskType.MONOLITHIC_SPARSE);
            String cloned = base.resolve("cloned-" + SERIAL.incrementAndGet() + ".vmdk").toString();
            dm.clone(c, created, cloned, CreateSpec.builder(DiskType.MONOLITHIC_SPARSE, 2048).build(), false);
            dm.checkRepair(cloned, false);
            dm.delete(cloned);
        });
        return ops;
    }

    /** Runs an operation and closes what it made (innermost first); returns every failure. */
    private List<Throwable> runAndClose(Op op) {
        List<Throwable> failures = new ArrayList<>();
        try {
            op.run();
        } catch (Throwable t) {
            failures.add(t);
        }
        for (int i = made.size() - 1; i >= 0; i--) {
            try {
                made.get(i).close();
            } catch (Throwable t) {
                failures.add(t);
            }
        }
        return failures;
    }

    private static VddkCallException callFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof VddkCallException v) {
                return v;
            }
        }
        return null;
    }

    private static Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        COUNTERS.forEach(n -> m.put(n, Stub.counter(n)));
        return m;
    }

    static List<String> functionsOfTheTable() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("native-stubs/api/functions.tsv"))) {
            if (line.startsWith("VixDiskLib_")) {
                names.add(line.split("\t")[0]);
            }
        }
        return names;
    }

    @Test
    void everyFunctionFailsUnderEveryOperationThatCallsItAndEverythingIsReleased() throws Exception {
        EmulatedWorld.define(base);
        DiskLib lib = SharedDiskLib.get();
        Path disk = Stub.createDisk(base.resolve("m.vmdk"), 2048);
        Map<String, Op> ops = operations(lib, disk);
        Map<String, Long> zero = counters();
        List<String> unsupported = new ArrayList<>();
        for (var it = ops.entrySet().iterator(); it.hasNext(); ) { // e.g. allocatedBlocks on a stub without it
            var op = it.next();
            List<Throwable> baseline = runAndClose(op.getValue());
            made.clear();
            if (!baseline.isEmpty()) { // e.g. a function the loaded library lacks
                unsupported.add(op.getKey() + " (" + baseline.get(0).getClass().getSimpleName() + ")");
                it.remove();
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> reached = new TreeMap<>();
        Set<String> notInjectable = new TreeSet<>();
        int pairs = 0;
        for (String function : functionsOfTheTable()) {
            if (NOT_FAULTED.contains(function)) {
                continue;
            }
            for (Map.Entry<String, Op> op : ops.entrySet()) {
                made.clear();
                if (Stub.control().VixDiskLibStub_InjectFault(function, 0, INJECTED) != 0) {
                    notInjectable.add(function); // returns void: cannot fail
                    break;
                }
                List<Throwable> failures = runAndClose(op.getValue());
                Stub.control().VixDiskLibStub_ClearFaults();
                String where = function + " under '" + op.getKey() + "': ";
                boolean namedHere = false;
                for (Throwable t : failures) {
                    VddkCallException v = callFailure(t);
                    if (v == null) {
                        if (!(t instanceof IllegalStateException && t.getMessage().contains("close() again"))) {
                            problems.add(where + "not a VddkCallException: " + t);
                        }
                    } else if (v.function().equals(function)) {
                        namedHere = true;
                        boolean nullPointer = v.getMessage().contains(function + " returned NULL"); // pointer functions
                        if (!nullPointer && (v.code() != INJECTED || v.errorText() == null)
                                || !v.getMessage().contains(function)) {
                            problems.add(where + "exception lacks function, code or text: " + v.getMessage());
                        }
                    } else if (!function.equals("VixDiskLib_AllocateConnectParams")) {
                        problems.add(where + "exception names another function: " + v.getMessage());
                    }
                }
                if (namedHere) {
                    pairs++;
                    reached.computeIfAbsent(function, k -> new TreeSet<>()).add(op.getKey());
                }
                // the retry rule: closing again releases what failed to close
                List<AutoCloseable> retry = new ArrayList<>(made);
                made.clear();
                for (int i = retry.size() - 1; i >= 0; i--) {
                    try {
                        retry.get(i).close();
                    } catch (Exception e) {
                        problems.add(where + "the retried close failed: " + e);
                    }
                }
                if (!counters().equals(zero)) {
                    problems.add(where + "stub objects outstanding: " + counters());
                    break;
                }
                List<Throwable> again = runAndClose(op.getValue());
                made.clear();
                if (!again.isEmpty()) {
                    problems.add(where + "the next run failed: " + again.get(0));
                }
            }
        }
        Path report = Path.of("target", "fault-matrix.txt");
        Files.createDirectories(report.getParent());
        StringBuilder text = new StringBuilder("# function -> public operations under which its failure was reported\n");
        reached.forEach((f, o) -> text.append(f).append('\t').append(String.join(", ", o)).append('\n'));
        text.append("# operations skipped (they fail without a fault on the loaded library): ").append(unsupported).append('\n');
        text.append("# pairs: ").append(pairs).append("; void (cannot fail): ").append(notInjectable).append('\n');
        Files.writeString(report, text);
        assertEquals(List.of(), problems);
        assertTrue(pairs >= 20, "only " + pairs + " function/operation pairs were reached: " + reached);
        for (String f : List.of("VixDiskLib_ConnectEx", "VixDiskLib_Open", "VixDiskLib_Read", "VixDiskLib_Write",
                "VixDiskLib_Close", "VixDiskLib_Disconnect", "VixDiskLib_GetInfo", "VixDiskLib_Flush")) {
            assertTrue(reached.containsKey(f), f + " was never reached: " + reached.keySet());
        }
    }
}
