package io.github.vddk4j;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.jna.LoadedVixDiskLib;
import io.github.vddk4j.jna.VixDiskLib;
import io.github.vddk4j.jna.VixDiskLibConnection;
import io.github.vddk4j.jna.VixDiskLibDataPath;
import io.github.vddk4j.jna.VixDiskLibDataPathChoice;
import io.github.vddk4j.jna.VixDiskLibFunction;
import io.github.vddk4j.jna.VixDiskLibLoadException;
import io.github.vddk4j.jna.VixDiskLibLoader;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import io.github.vddk4j.logging.internal.LogBridge;
import io.github.vddk4j.logging.PanicPolicy;
import io.github.vddk4j.logging.Slf4jLogSink;
import io.github.vddk4j.logging.VddkLogSink;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VDDK library, initialised: {@code VixDiskLib_InitEx} on {@link Builder#open()},
 * {@code VixDiskLib_Exit} on {@link #close()}. One per process, for the life of the process:
 * real VDDK cannot be initialised again after Exit, so once a DiskLib has been opened and closed,
 * {@link Builder#open()} refuses (open one at start-up, share it, close it at the end; run jobs
 * that need their own initialisation in child processes).
 *
 * <pre>{@code
 * try (DiskLib lib = DiskLib.builder().libDir(Path.of("/opt/vmware-vix-disklib-distrib")).open();
 *      Connection conn = lib.connect(ConnectParams.local());
 *      DiskHandle disk = conn.open("/data/disk.vmdk", OpenOption.READ_ONLY)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>VDDK's log, warn and panic functions are bridged to SLF4J (loggers {@code vddk4j.native.*},
 * see {@link Slf4jLogSink}) or to your {@link VddkLogSink}: VDDK's default log function is not
 * thread-safe, so vddk4j always installs its own.
 *
 * <p>Thread-safe. Lifecycle calls (InitEx, Exit, ConnectEx, Disconnect, Open, Close,
 * PrepareForAccess, EndAccess, Cleanup) are serialized process-wide as VMware requires. Closing
 * the DiskLib first closes its connections (and their handles) and its access leases.
 */
public final class DiskLib implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskLib.class);
    private final NativeCalls calls;
    private final LogBridge bridge;
    /** How long close() waits for queued log messages to reach the sink after Exit. */
    private static final java.time.Duration LOG_DRAIN_ON_CLOSE = java.time.Duration.ofSeconds(1);
    /** How often close() tries to close a connection whose Close/Disconnect fails, before Exit. */
    private static final int CLOSE_ATTEMPTS = 2;
    /** System property that turns call statistics and the call trace on by default. */
    static final String OBSERVE_CALLS_PROPERTY = "vddk4j.observeCalls";
    private final ResourceGuard guard = new ResourceGuard("DiskLib");
    private final LibState state;

    /** A DiskLib over an initialised VDDK (see {@link Initialisation}). */
    DiskLib(NativeCalls calls, LogBridge bridge, NativeLogFunctions logFunctions, LiveDiskLib slot) {
        this.calls = calls;
        this.bridge = bridge;
        this.state = new LibState(calls, bridge, logFunctions, slot, guard);
        SafetyNet.register(this, state, SafetyNet.openedAt(calls.trackUnclosed, "DiskLib"));
    }

    /** Starts configuring a DiskLib. */
    public static Builder builder() {
        return new Builder();
    }

    /** The major version of the loaded VDDK (6 to 9). */
    public int vddkVersion() {
        return calls.vddkMajor;
    }

    /**
     * What the loaded VDDK offers: its version and the VixDiskLib functions it exports (e.g. whether
     * {@link DiskHandle#readAsync} or {@link DiskHandle#allocatedBlocks()} can work). Answered from
     * what the loader found; no native call.
     */
    public VddkCapabilities capabilities() {
        return calls.capabilities;
    }

    /**
     * How synchronous reads and writes reach {@code VixDiskLib_Read/Write}: {@link DataPathImplementation#FFM}
     * on Java 22+ with the multi-release jar, else {@link DataPathImplementation#JNA}; the system
     * property {@code vddk4j.dataPath} forces one. Chosen at load (a fallback from FFM to JNA is
     * logged as a warning, the choice at debug level); no native call.
     */
    public DataPathImplementation dataPathImplementation() {
        return calls.dataPathImplementation;
    }

    /**
     * {@code VixDiskLib_ListTransportModes}: the transports this VDDK offers, in its order. Names
     * vddk4j does not know are left out (see {@link #transportModeNames()}).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public List<TransportMode> transportModes() {
        return TransportMode.parseReported(String.join(":", transportModeNames()));
    }

    /**
     * {@code VixDiskLib_ListTransportModes} as VDDK's own names, e.g. {@code [file, san, hotadd, nbdssl, nbd]}.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public List<String> transportModeNames() {
        return guard.use(() -> {
            Pointer p = InsideVddk.get("VixDiskLib_ListTransportModes", calls.lib::VixDiskLib_ListTransportModes);
            if (p == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String n : p.getString(0, "UTF-8").split(":")) {
                if (!n.isBlank()) {
                    names.add(n.trim());
                }
            }
            return List.copyOf(names);
        });
    }

    /**
     * {@code VixDiskLib_ConnectEx}: connects to local disks or to a remote host/VM with the
     * parameters' read-only flag, snapshot and preferred transports.
     *
     * @throws VddkCallException if ConnectEx fails (e.g. wrong credentials); note that a wrong
     *         thumbprint and an unavailable SAN are reported only by the first {@link Connection#open}
     * @throws IllegalArgumentException if remote parameters lack what VDDK needs
     * @throws IllegalStateException after {@link #close()}, or if the credentials were destroyed
     */
    public Connection connect(ConnectParams params) {
        Objects.requireNonNull(params, "params");
        params.checkUsableFor("VixDiskLib_ConnectEx");
        return guard.use(() -> LifecycleLock.call(() -> {
            PointerByReference out = new PointerByReference();
            try (NativeConnectParams cp = NativeConnectParams.of(calls, params)) {
                calls.check("VixDiskLib_ConnectEx", describe(params), () -> calls.lib.VixDiskLib_ConnectEx(
                        cp.struct(), (byte) (params.isReadOnly() ? 1 : 0), params.snapshotMoref().orElse(null),
                        params.transportsArgument(), out));
            }
            if (out.getValue() == null) {
                throw new IllegalStateException("VixDiskLib_ConnectEx returned VIX_OK without a connection");
            }
            Connection c = new Connection(this, calls, new VixDiskLibConnection(out.getValue()), params);
            state.connections.add(c.state());
            return c;
        }));
    }

    /**
     * {@code VixDiskLib_PrepareForAccess}: tells vCenter that the VM's disks are about to be
     * accessed (it disables the VM's relocation) until the returned lease is closed
     * ({@code VixDiskLib_EndAccess}). Call it before taking the snapshot.
     *
     * @param params   remote parameters naming one VM, with vCenter credentials
     * @param identity who is accessing, for tracking (e.g. your product's name)
     * @throws VddkCallException if PrepareForAccess fails (on a plain ESXi host it does, with VDDK's
     *         "HostAgent is not a VirtualCenter" in the message)
     * @throws IllegalArgumentException for local parameters or a blank identity
     */
    public AccessLease prepareForAccess(ConnectParams params, String identity) {
        checkAccessArguments(params, identity, "VixDiskLib_PrepareForAccess");
        return guard.use(() -> {
            ConnectParams own = params.withCredentials(params.credentials().orElseThrow().copy());
            try {
                state.accessCall("VixDiskLib_PrepareForAccess", own, identity);
            } catch (RuntimeException | Error e) {
                own.credentials().ifPresent(Credentials::destroy);
                throw e;
            }
            AccessLease lease = new AccessLease(this, own, identity);
            state.leases.add(lease.state());
            return lease;
        });
    }

    /**
     * {@code VixDiskLib_EndAccess} without a lease: re-enables relocation after a process that
     * called PrepareForAccess died.
     *
     * @throws VddkCallException if EndAccess fails
     */
    public void endAccess(ConnectParams params, String identity) {
        checkAccessArguments(params, identity, "VixDiskLib_EndAccess");
        guard.run(() -> state.accessCall("VixDiskLib_EndAccess", params, identity));
    }

    /**
     * {@code VixDiskLib_Cleanup}: cleans up what a crashed process left behind for these
     * parameters (e.g. access records, hot-added disks). Local parameters are passed on as VDDK
     * takes them: VDDK returns VIX_OK and leaves both counts alone (measured on VDDK 9.0), so the
     * result is 0 cleaned up, 0 remaining.
     *
     * @return how many were cleaned up and how many remain
     * @throws VddkCallException if Cleanup fails
     */
    public CleanupResult cleanup(ConnectParams params) {
        Objects.requireNonNull(params, "params");
        params.checkUsableFor("VixDiskLib_Cleanup");
        return guard.use(() -> LifecycleLock.call(() -> {
            IntByReference cleaned = new IntByReference();
            IntByReference remaining = new IntByReference();
            try (NativeConnectParams cp = NativeConnectParams.of(calls, params)) {
                calls.check("VixDiskLib_Cleanup", describe(params),
                        () -> calls.lib.VixDiskLib_Cleanup(cp.struct(), cleaned, remaining));
            }
            return new CleanupResult(Integer.toUnsignedLong(cleaned.getValue()),
                    Integer.toUnsignedLong(remaining.getValue()));
        }));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return guard.isClosed();
    }

    /**
     * Closes every open connection (and its handles) and access lease, then calls
     * {@code VixDiskLib_Exit} and releases the log callbacks.
     * Idempotent. Waits for calls in flight on this DiskLib. Handles and connections whose close
     * failed earlier ("close failed") are closed again here; one that still fails is tried once
     * more, then Exit runs anyway (it is VDDK's last cleanup) and the DiskLib counts as closed.
     *
     * @throws VddkCallException if closing a connection or lease failed even on retry (everything
     *         is still closed; further failures are suppressed on the first)
     */
    @Override
    public void close() {
        state.close();
    }

    /** The closing half of this DiskLib (held by the {@link SafetyNet}). */
    LibState state() {
        return state;
    }

    /**
     * Per-function statistics of the VixDiskLib calls made so far (calls, failures, bytes, time),
     * by C name, when this DiskLib was opened with {@link Builder#observeCalls(boolean)}; empty
     * otherwise.
     */
    public Map<String, CallStatistics> callStatistics() {
        return calls.observer == null ? Map.of() : calls.observer.snapshot();
    }

    /** Whether the resources of this DiskLib capture where they were opened (for the SafetyNet's report). */
    boolean tracksUnclosed() {
        return calls.trackUnclosed;
    }

    /**
     * The closing half of a DiskLib: the states of its connections and leases, Exit, the log
     * callbacks (strongly held until Exit has returned, whatever the caller does) and the process
     * slot. Never references the DiskLib or its children, so forgotten ones can become unreachable.
     */
    static final class LibState implements SafetyNet.State {
        private final NativeCalls calls;
        private final LogBridge bridge;
        private final LiveDiskLib slot;
        private final ResourceGuard guard;
        private final Set<Connection.ConnectionState> connections = ConcurrentHashMap.newKeySet();
        private final Set<AccessLease.LeaseState> leases = ConcurrentHashMap.newKeySet();
        /** Held strongly from before InitEx until after Exit: JNA keeps callbacks only weakly. */
        private NativeLogFunctions logFunctions;

        LibState(NativeCalls calls, LogBridge bridge, NativeLogFunctions logFunctions, LiveDiskLib slot,
                 ResourceGuard guard) {
            this.calls = calls;
            this.bridge = bridge;
            this.logFunctions = logFunctions;
            this.slot = slot;
            this.guard = guard;
        }

        void forget(Connection.ConnectionState c) {
            connections.remove(c);
        }

        void forget(AccessLease.LeaseState l) {
            leases.remove(l);
        }

        /** EndAccess for a lease; does not take the DiskLib's guard (a lease may close during close()). */
        void endAccess(ConnectParams params, String identity) {
            accessCall("VixDiskLib_EndAccess", params, identity);
        }

        void accessCall(String function, ConnectParams params, String identity) {
            Runnable call = () -> {
                try (NativeConnectParams cp = NativeConnectParams.of(calls, params)) {
                    calls.check(function, describe(params), () -> function.equals("VixDiskLib_PrepareForAccess")
                            ? calls.lib.VixDiskLib_PrepareForAccess(cp.struct(), identity)
                            : calls.lib.VixDiskLib_EndAccess(cp.struct(), identity));
                }
            };
            if (function.equals("VixDiskLib_EndAccess")) {
                LifecycleLock.release(call); // a lease's close: an interrupted thread can still end access
            } else {
                LifecycleLock.run(call);
            }
        }

        @Override
        public ResourceGuard guard() {
            return guard;
        }

        @Override
        public String description() {
            return "DiskLib (VDDK " + calls.capabilities.version() + ")";
        }

        @Override
        public void close() {
            List<RuntimeException> failures = new ArrayList<>();
            guard.close(() -> { // after Exit the DiskLib counts as closed whatever failed: Exit runs once
                for (int attempt = 1; attempt <= CLOSE_ATTEMPTS && !connections.isEmpty(); attempt++) {
                    failures.clear(); // a connection that closes on a retry leaves no failure behind
                    for (Connection.ConnectionState c : List.copyOf(connections)) {
                        try {
                            c.close();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }
                for (AccessLease.LeaseState l : List.copyOf(leases)) {
                    try {
                        l.close();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
                try {
                    LifecycleLock.release(() -> calls.exit(() -> InsideVddk.run("VixDiskLib_Exit", calls.lib::VixDiskLib_Exit)));
                } catch (RuntimeException e) {
                    failures.add(e);
                } finally {
                    Reference.reachabilityFence(logFunctions);
                    logFunctions = null;
                    bridge.close(LOG_DRAIN_ON_CLOSE);
                    slot.release(true);
                }
            });
            throwFirst(failures);
        }
    }

    /**
     * How many of VDDK's log messages never reached the {@link VddkLogSink} because it did not
     * keep up: VDDK's threads never wait for the sink, so messages that find the delivery queue
     * full are dropped, counted here and reported at WARN on logger {@code vddk4j.logbridge}.
     * WARN and PANIC lines carried by exceptions are captured on the calling thread and never dropped.
     */
    public long droppedLogMessages() {
        return bridge.dropped();
    }

    /** The log bridge (tests: counters). */
    LogBridge logBridge() {
        return bridge;
    }

    private static void checkAccessArguments(ConnectParams params, String identity, String function) {
        Objects.requireNonNull(params, "params");
        requireRemote(params, function);
        if (identity == null || identity.isBlank() || identity.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(function + " needs an identity (e.g. your product's name), was '"
                    + identity + "'");
        }
        params.checkUsableFor(function);
    }

    private static void requireRemote(ConnectParams params, String function) {
        if (params.isLocal()) {
            throw new IllegalArgumentException(function + " applies to VMs on a vCenter Server or ESXi host; "
                    + "local parameters have no server (use ConnectParams.remote(server)...)");
        }
    }

    static String describe(ConnectParams params) {
        if (params.isLocal()) {
            return "local";
        }
        return params.server().orElseThrow() + ", " + params.vmxSpec().orElse("no vmxSpec")
                + params.snapshotMoref().map(s -> ", snapshot " + s).orElse("");
    }


    static void throwFirst(List<RuntimeException> failures) {
        if (failures.isEmpty()) {
            return;
        }
        RuntimeException first = failures.get(0);
        for (int i = 1; i < failures.size(); i++) {
            first.addSuppressed(failures.get(i));
        }
        throw first;
    }

    /** Configures and opens a {@link DiskLib}. */
    public static final class Builder {
        private Path libDir;
        private VddkConfig config;
        private Path configFile;
        private VddkLogSink logSink;
        private PanicPolicy panicPolicy = PanicPolicy.DEFAULT;
        private java.util.concurrent.Executor completionExecutor = java.util.concurrent.ForkJoinPool.commonPool();
        private boolean trackUnclosed = SafetyNet.trackingByDefault();
        private boolean observeCalls = Boolean.getBoolean(OBSERVE_CALLS_PROPERTY);
        private Integer majorVersion;
        private int minorVersion;

        private Builder() {
        }

        /**
         * The VDDK distribution directory (the folder that holds {@code lib64/}), used to find the
         * library and passed to InitEx as {@code libDir}. Without it, the loader searches the
         * system property {@code vddk4j.libDir}, the environment variable {@code VDDK_LIBDIR} and
         * the system library path.
         */
        public Builder libDir(Path libDir) {
            this.libDir = Objects.requireNonNull(libDir, "libDir");
            return this;
        }

        /**
         * A config built in Java: written to a temporary file passed to InitEx as
         * {@code configFile} and deleted as soon as InitEx returns (VDDK reads it only there).
         * Excludes {@link #configFile(Path)}.
         */
        public Builder config(VddkConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** An existing config file passed to InitEx as {@code configFile}. Excludes {@link #config(VddkConfig)}. */
        public Builder configFile(Path configFile) {
            this.configFile = Objects.requireNonNull(configFile, "configFile");
            return this;
        }

        /** Where VDDK's log messages go; default {@link Slf4jLogSink} (loggers {@code vddk4j.native.*}). */
        public Builder logSink(VddkLogSink logSink) {
            this.logSink = Objects.requireNonNull(logSink, "logSink");
            return this;
        }

        /** What happens after VDDK's panic function is called; default {@link PanicPolicy#DEFAULT}. */
        public Builder panicPolicy(PanicPolicy panicPolicy) {
            this.panicPolicy = Objects.requireNonNull(panicPolicy, "panicPolicy");
            return this;
        }

        /**
         * Where the futures of {@link DiskHandle#readAsync}/{@link DiskHandle#writeAsync} are completed
         * (their continuations run there unless they choose another executor); default
         * {@link java.util.concurrent.ForkJoinPool#commonPool()}, where a thread parked in
         * {@code join()}/{@code get()} on one of a handle's futures also finishes the requests VDDK
         * completes meanwhile (one thread hand-over per request). Never VDDK's own thread: VDDK's
         * callback hands the work to any other executor from a library thread, so an executor that runs
         * tasks inline ({@code Runnable::run}) runs them on that library thread. Closing a handle (and
         * {@link DiskHandle#awaitAsync()}) runs completion work the executor has not started yet on
         * the closing thread, so closing from a task on a single-thread executor does not deadlock.
         */
        public Builder completionExecutor(java.util.concurrent.Executor completionExecutor) {
            this.completionExecutor = Objects.requireNonNull(completionExecutor, "completionExecutor");
            return this;
        }

        /**
         * Whether this DiskLib and its connections, handles and leases capture the stack of their
         * opening, so that one that becomes unreachable without {@code close()} is reported at WARN
         * (logger {@code vddk4j.unclosed}) with where it was opened. vddk4j closes such a resource
         * either way. Default: the system property {@code vddk4j.trackUnclosed}, else off (capturing a
         * stack costs a few microseconds per open).
         */
        public Builder trackUnclosed(boolean trackUnclosed) {
            this.trackUnclosed = trackUnclosed;
            return this;
        }

        /**
         * Whether to observe every VixDiskLib call that returns a {@code VixError}: per-function
         * statistics ({@link DiskLib#callStatistics()}: calls, failures, bytes, time) and, when the
         * logger {@code vddk4j.calls} is at TRACE, one line per call (function, the path or server
         * it was about, bytes, result, duration; never a secret). Default: the system property
         * {@code vddk4j.observeCalls}, else off; off, the data path pays one null check.
         */
        public Builder observeCalls(boolean observeCalls) {
            this.observeCalls = observeCalls;
            return this;
        }

        /** The API version given to InitEx; default: the loaded library's major version, minor 0. */
        public Builder version(int major, int minor) {
            if (major < 1 || minor < 0) {
                throw new IllegalArgumentException("version must be major >= 1, minor >= 0, was " + major + "." + minor);
            }
            this.majorVersion = major;
            this.minorVersion = minor;
            return this;
        }

        /**
         * Loads the library and calls {@code VixDiskLib_InitEx}.
         *
         * @throws IllegalStateException if another DiskLib is open in this process (the message
         *         says which thread opened it, and where), or if a DiskLib was already initialised
         *         and closed in this process: VDDK cannot be initialised twice in one process, so
         *         keep one DiskLib for the life of the process, or use a child process per job
         * @throws VddkLoadException if the library cannot be loaded (lists every path tried), or is a
         *         VDDK older than 6.7
         * @throws VddkCallException if InitEx fails
         * @throws IllegalArgumentException if both a config and a config file are given, or the
         *         config file does not exist
         * @throws UncheckedIOException if the config cannot be written to a temporary file
         */
        public DiskLib open() {
            checkConfig();
            LiveDiskLib slot = LiveDiskLib.process();
            slot.claim();
            try {
                LoadedVixDiskLib loaded;
                try {
                    loaded = new VixDiskLibLoader().load(libDir);
                } catch (VixDiskLibLoadException e) {
                    throw new VddkLoadException(e.getMessage(), e.attempts(), e.missingDependency(), e.getCause());
                }
                // the loader's root: also right when the caller named lib64/ itself
                Path initLibDir = loaded.libDir() != null ? loaded.libDir() : libDir;
                return init(loaded.lib(), loaded.dataPath(), dataPathImplementation(loaded.dataPathChoice()),
                        capabilities(loaded), initLibDir, slot);
            } catch (RuntimeException | Error e) {
                slot.release(false);
                throw e;
            }
        }

        /** Opens over an already loaded raw library (unit tests inject mocks here). */
        DiskLib openWith(VixDiskLib lib, VixDiskLibDataPath dataPath, int vddkMajor) {
            return openWith(lib, dataPath, new VddkCapabilities(vddkMajor, 0, allFunctions()));
        }

        /** Opens over an already loaded raw library that exports only these functions (unit tests). */
        DiskLib openWith(VixDiskLib lib, VixDiskLibDataPath dataPath, VddkCapabilities capabilities) {
            checkConfig();
            LiveDiskLib slot = LiveDiskLib.injected(lib);
            slot.claim();
            try {
                return init(lib, dataPath, DataPathImplementation.JNA, capabilities, libDir, slot);
            } catch (RuntimeException | Error e) {
                slot.release(false);
                throw e;
            }
        }

        private void checkConfig() {
            if (config != null && configFile != null) {
                throw new IllegalArgumentException("give either config(VddkConfig) or configFile(Path), not both");
            }
            if (configFile != null && !Files.isRegularFile(configFile)) {
                throw new IllegalArgumentException("VDDK config file " + configFile + " does not exist or is not a file");
            }
        }

        private static VddkCapabilities capabilities(LoadedVixDiskLib loaded) {
            Set<String> names = new java.util.HashSet<>();
            loaded.functions().forEach(f -> names.add(f.cName()));
            return new VddkCapabilities(loaded.vddkMajor(), loaded.vddkMinor(), names);
        }

        /** An injected raw library (a mock) has every function. */
        private static Set<String> allFunctions() {
            Set<String> names = new java.util.HashSet<>();
            for (VixDiskLibFunction f : VixDiskLibFunction.values()) {
                names.add(f.cName());
            }
            return names;
        }

        /** The loader's choice as the API's value, logged once (the raw layer logs nothing). */
        static DataPathImplementation dataPathImplementation(VixDiskLibDataPathChoice choice) {
            if (choice.fallback()) {
                LOG.warn("vddk4j data path: JNA instead of FFM: {}", choice.reason());
            } else {
                LOG.debug("vddk4j data path: {} ({})", choice.implementation(), choice.reason());
            }
            return VixDiskLibDataPathChoice.FFM.equals(choice.implementation())
                    ? DataPathImplementation.FFM : DataPathImplementation.JNA;
        }

        private DiskLib init(VixDiskLib lib, VixDiskLibDataPath dataPath, DataPathImplementation dataPathImplementation,
                             VddkCapabilities capabilities, Path initLibDir, LiveDiskLib slot) {
            Initialisation.Options options = new Initialisation.Options(config, configFile,
                    logSink != null ? logSink : new Slf4jLogSink(), panicPolicy, completionExecutor, trackUnclosed,
                    observeCalls, majorVersion != null ? majorVersion : capabilities.major(), minorVersion);
            return Initialisation.initEx(options, lib, dataPath, dataPathImplementation, capabilities, initLibDir, slot);
        }
    }
}
