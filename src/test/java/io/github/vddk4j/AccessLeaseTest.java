package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.testsupport.EmulatedWorld;
import io.github.vddk4j.testsupport.PrepareAccessAndHang;
import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** PrepareForAccess / EndAccess / Cleanup against emulated ESXi and vCenter, through the public API. */
@ExtendWith(StubLeakCheck.class)
class AccessLeaseTest {
    @TempDir
    static Path base;
    static EmulatedWorld world;
    static DiskLib lib;

    @BeforeAll
    static void setUp() {
        world = EmulatedWorld.define(base);
        lib = SharedDiskLib.get();
    }

    @AfterAll
    static void tearDown() {
        assertEquals(0, Stub.accessRecords(EmulatedWorld.VCENTER), "every test ends its leases");
    }

    @Test
    void prepareForAccessOnEsxiFailsWithVddksExplanation() {
        VddkCallException e = assertThrows(VddkCallException.class, () -> lib.prepareForAccess(EmulatedWorld.esxi(), "acme"));
        assertEquals("VixDiskLib_PrepareForAccess", e.function());
        assertTrue(e.getMessage().contains("VDDK: HostAgent is not a VirtualCenter, cannot disable sVmotion."),
                e.getMessage());
        assertFalse(e.getMessage().contains(EmulatedWorld.ESXI_PASSWORD), e.getMessage());
    }

    @Test
    void leaseOnVcenterDisablesRelocationUntilClosed() {
        assertEquals(0, Stub.accessRecords(EmulatedWorld.VCENTER));
        try (AccessLease lease = lib.prepareForAccess(EmulatedWorld.vcenter(), "acme-backup")) {
            assertEquals(1, Stub.accessRecords(EmulatedWorld.VCENTER));
            assertEquals("acme-backup", lease.identity());
            try (Connection c = lib.connect(EmulatedWorld.vcenter().withSnapshot("snapshot-1").readOnly(true));
                 DiskHandle d = c.open(EmulatedWorld.diskPath(EmulatedWorld.SAN_DS))) {
                assertEquals(TransportMode.SAN, d.transportMode());
            }
        }
        assertEquals(0, Stub.accessRecords(EmulatedWorld.VCENTER));
    }

    @Test
    void leaseSurvivesTheCallerDestroyingTheirCredentials() {
        Credentials creds = Credentials.userPassword(EmulatedWorld.VC_USER, EmulatedWorld.VC_PASSWORD.toCharArray());
        ConnectParams vm = EmulatedWorld.vcenter().toBuilder().credentials(creds).build();
        AccessLease lease = lib.prepareForAccess(vm, "acme-backup");
        creds.destroy();
        assertEquals(1, Stub.accessRecords(EmulatedWorld.VCENTER));
        lease.close();
        lease.close();
        assertEquals(0, Stub.accessRecords(EmulatedWorld.VCENTER));
    }

    @Test
    void cleanupAfterAKilledProcessCleansItsAccessRecord() throws Exception {
        Process child = startChildThatPreparesAccess("crashed-backup");
        try {
            assertEquals(1, Stub.accessRecords(EmulatedWorld.VCENTER));
            CleanupResult whileAlive = lib.cleanup(EmulatedWorld.vcenter());
            assertEquals(new CleanupResult(0, 1), whileAlive, "a live process's record remains");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        CleanupResult r = lib.cleanup(EmulatedWorld.vcenter());
        assertEquals(new CleanupResult(1, 0), r);
        assertEquals(0, Stub.accessRecords(EmulatedWorld.VCENTER));
        assertEquals(new CleanupResult(0, 0), lib.cleanup(EmulatedWorld.vcenter()));
    }

    @Test
    void endAccessWithoutLeaseRecoversAfterAKilledProcess() throws Exception {
        Process child = startChildThatPreparesAccess("crashed-backup-2");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, Stub.accessRecords(EmulatedWorld.VCENTER));
        lib.endAccess(EmulatedWorld.vcenter(), "crashed-backup-2");
        assertEquals(0, Stub.accessRecords(EmulatedWorld.VCENTER));
    }

    private static Process startChildThatPreparesAccess(String identity) throws Exception {
        Path env = Files.writeString(base.resolve("child-" + identity + ".env"),
                PrepareAccessAndHang.environmentFile(world.stateDir(EmulatedWorld.VCENTER)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PrepareAccessAndHang.class.getName(), Stub.libDir().toString(), identity);
        pb.environment().put("VIXDISKLIBSTUB_ENV", env.toString());
        pb.redirectErrorStream(true);
        Process child = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY")) {
                drain(out);
                return child;
            }
            seen.append(line).append('\n');
        }
        child.destroyForcibly();
        throw new AssertionError("child exited before READY (" + child.waitFor() + "):\n" + seen);
    }

    /** Keeps reading the child's output so it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (java.io.IOException ignored) {
                // child killed
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
    }

    @Test
    void aForgottenLeaseIsEndedByTheSafetyNetAndReported() throws Exception {
        try (io.github.vddk4j.testsupport.CapturedLogger reports = io.github.vddk4j.testsupport.CapturedLogger.of(
                SafetyNet.LOGGER, ch.qos.logback.classic.Level.WARN)) {
            java.lang.ref.WeakReference<AccessLease> ref = prepareAndForget();
            SafetyNetTest.gcUntil(() -> Stub.accessRecords(EmulatedWorld.VCENTER) == 0,
                    "the forgotten lease's EndAccess ran");
            SafetyNetTest.gcUntil(() -> ref.get() == null, "the lease is collectable");
            assertTrue(reports.text().contains("forgotten-lease") && reports.text().contains("became unreachable"),
                    reports.text());
        }
    }

    private static java.lang.ref.WeakReference<AccessLease> prepareAndForget() {
        AccessLease lease = lib.prepareForAccess(EmulatedWorld.vcenter(), "forgotten-lease");
        assertEquals(1, Stub.accessRecords(EmulatedWorld.VCENTER));
        return new java.lang.ref.WeakReference<>(lease);
    }
}
