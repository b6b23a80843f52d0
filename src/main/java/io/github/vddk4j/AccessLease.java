package io.github.vddk4j;

/**
 * A {@code VixDiskLib_PrepareForAccess} in effect: the VM's relocation (storage vMotion) is
 * disabled until {@link #close()} calls {@code VixDiskLib_EndAccess}. The guide's order: prepare
 * before taking the snapshot, end after deleting it. Obtained from
 * {@link DiskLib#prepareForAccess(ConnectParams, String)}.
 *
 * <p>The lease keeps its own copy of the credentials (wiped on close), so the caller may destroy
 * theirs. Closing the {@link DiskLib} closes its open leases. Thread-safe; close is idempotent.
 */
public final class AccessLease implements AutoCloseable {
    private final DiskLib owner;
    private final ConnectParams params;
    private final String identity;
    private final ResourceGuard guard;
    private final LeaseState state;

    AccessLease(DiskLib owner, ConnectParams params, String identity) {
        this.owner = owner;
        this.params = params;
        this.identity = identity;
        this.guard = new ResourceGuard("AccessLease for " + params.vmxSpec().orElse("?") + " on "
                + params.server().orElse("?") + " (identity '" + identity + "')");
        this.state = new LeaseState(owner.state(), params, identity, guard);
        SafetyNet.register(this, state, SafetyNet.openedAt(owner.tracksUnclosed(), guard.description()));
    }

    /** The closing half of this lease (held by the DiskLib and the {@link SafetyNet}). */
    LeaseState state() {
        return state;
    }

    /** The closing half of a lease: EndAccess and wiping the lease's credential copy. */
    static final class LeaseState implements SafetyNet.State {
        private final DiskLib.LibState owner;
        private final ConnectParams params;
        private final String identity;
        private final ResourceGuard guard;

        LeaseState(DiskLib.LibState owner, ConnectParams params, String identity, ResourceGuard guard) {
            this.owner = owner;
            this.params = params;
            this.identity = identity;
            this.guard = guard;
        }

        @Override
        public ResourceGuard guard() {
            return guard;
        }

        @Override
        public void close() {
            RuntimeException[] failure = new RuntimeException[1];
            guard.close(() -> { // the lease counts as closed even if EndAccess fails (no retry here)
                try {
                    owner.endAccess(params, identity);
                } catch (RuntimeException e) {
                    failure[0] = e;
                } finally {
                    params.credentials().ifPresent(Credentials::destroy);
                    owner.forget(this);
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    /** The identity given to PrepareForAccess. */
    public String identity() {
        return identity;
    }

    /** The parameters the lease was taken with (credentials are the lease's own copy). */
    public ConnectParams params() {
        return params;
    }

    /** Whether {@link #close()} was called (or the DiskLib closed). */
    public boolean isClosed() {
        return guard.isClosed();
    }

    /**
     * Calls {@code VixDiskLib_EndAccess} once; later calls do nothing. The lease's credential copy
     * is wiped even if EndAccess fails.
     *
     * @throws VddkCallException if EndAccess fails (the lease counts as closed; retry with
     *         {@link DiskLib#endAccess(ConnectParams, String)})
     */
    @Override
    public void close() {
        state.close();
    }

    @Override
    public String toString() {
        return guard.description() + (guard.isClosed() ? " (closed)" : "");
    }
}
