package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectParamsTest {

    private static final char[] SECRET = "s3cr3t-Pa55".toCharArray();

    private static ConnectParams.Builder vcenter() {
        return ConnectParams.remote("vcenter.example.com")
                .credentials(Credentials.userPassword("backup@vsphere.local", SECRET))
                .vmMoref("vm-42");
    }

    @Test
    void localParamsHaveNoServerAndDefaultTransports() {
        ConnectParams local = ConnectParams.local();
        assertTrue(local.isLocal());
        assertEquals(Optional.empty(), local.server());
        assertEquals(List.of(), local.transports());
        assertNull(local.transportsArgument());
        assertFalse(local.isReadOnly());
        assertTrue(local.readOnly(true).isReadOnly());
    }

    @Test
    void vmMorefBecomesVmxSpec() {
        assertEquals(Optional.of("moref=vm-42"), vcenter().build().vmxSpec());
    }

    @Test
    void vmMorefWithPrefixIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vcenter().vmMoref("moref=vm-42"));
        assertTrue(e.getMessage().contains("without 'moref='"), e.getMessage());
    }

    @Test
    void remoteWithoutServerIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ConnectParams.remote(null));
        assertThrows(IllegalArgumentException.class, () -> ConnectParams.remote("  "));
    }

    @Test
    void remoteWithoutCredentialsIsRejectedWithHowToFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectParams.remote("esx1").vmMoref("vm-1").build());
        assertTrue(e.getMessage().contains("needs credentials"), e.getMessage());
        assertTrue(e.getMessage().contains("Credentials.userPassword"), e.getMessage());
    }

    @Test
    void remoteWithoutVmIsRejectedWithHowToFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectParams.remote("esx1").credentials(Credentials.userPassword("u", SECRET)).build());
        assertTrue(e.getMessage().contains("vmMoref"), e.getMessage());
    }

    @Test
    void transportStringIsParsedInOrder() {
        ConnectParams p = vcenter().transports("san:nbd").build();
        assertEquals(List.of(TransportMode.SAN, TransportMode.NBD), p.transports());
        assertEquals("san:nbd", p.transportsArgument());
    }

    @Test
    void unknownTransportNameIsRejectedListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vcenter().transports("san:nfs"));
        assertTrue(e.getMessage().contains("'nfs'"), e.getMessage());
        assertTrue(e.getMessage().contains("file, san, hotadd, nbdssl, nbd"), e.getMessage());
    }

    @Test
    void repeatedOrEmptyTransportIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> vcenter().transports("nbd:nbd"));
        assertThrows(IllegalArgumentException.class, () -> vcenter().transports("san::nbd"));
        assertThrows(IllegalArgumentException.class, () -> vcenter().transports(""));
        assertThrows(IllegalArgumentException.class,
                () -> vcenter().transports(TransportMode.NBD, TransportMode.NBD));
    }

    @Test
    void derivationsLeaveTheOriginalUnchanged() {
        ConnectParams base = vcenter().build();
        ConnectParams derived = base.withSnapshot("snapshot-7").readOnly(true)
                .transports(TransportMode.HOTADD, TransportMode.NBDSSL);
        assertEquals(Optional.empty(), base.snapshotMoref());
        assertFalse(base.isReadOnly());
        assertEquals(List.of(), base.transports());
        assertEquals(Optional.of("snapshot-7"), derived.snapshotMoref());
        assertTrue(derived.isReadOnly());
        assertEquals("hotadd:nbdssl", derived.transportsArgument());
        assertEquals(Optional.empty(), derived.withoutSnapshot().snapshotMoref());
        assertSame(base.credentials().orElseThrow(), derived.credentials().orElseThrow());
    }

    @Test
    void snapshotOnLocalParamsIsRejected() {
        assertThrows(IllegalStateException.class, () -> ConnectParams.local().withSnapshot("snapshot-1"));
    }

    @Test
    void portsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> vcenter().port(-1));
        assertThrows(IllegalArgumentException.class, () -> vcenter().port(65536));
        assertThrows(IllegalArgumentException.class, () -> vcenter().nfcHostPort(70000));
        assertEquals(902, vcenter().nfcHostPort(902).build().nfcHostPort());
    }

    @Test
    void malformedThumbprintIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> vcenter().thumbprint("AA:BB:CC:..."));
        assertThrows(IllegalArgumentException.class, () -> vcenter().thumbprint("AABB"));
        assertEquals(Optional.of("aa:BB:01"), vcenter().thumbprint("aa:BB:01").build().thumbprint());
    }

    @Test
    void toStringNeverShowsThePasswordOrCookie() {
        String s = vcenter().build().toString();
        assertFalse(s.contains("s3cr3t"), s);
        assertTrue(s.contains("backup@vsphere.local"), s);
        String c = ConnectParams.remote("vc").vmMoref("vm-1")
                .credentials(Credentials.sessionCookie("cookie-value-xyz", "u", "key-abc".toCharArray()))
                .build().toString();
        assertFalse(c.contains("cookie-value-xyz"), c);
        assertFalse(c.contains("key-abc"), c);
    }

    @Test
    void destroyedCredentialsAreRefusedBeforeAnyCall() {
        Credentials creds = Credentials.userPassword("u", SECRET);
        ConnectParams p = ConnectParams.remote("esx").vmMoref("vm-1").credentials(creds).build();
        p.checkUsableFor("VixDiskLib_ConnectEx");
        creds.destroy();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.checkUsableFor("VixDiskLib_ConnectEx"));
        assertTrue(e.getMessage().contains("destroyed"), e.getMessage());
    }

    @Test
    void nulOrHalfSurrogateInAFieldIsRefusedByTheBuilderNamingTheField() {
        for (var c : List.<java.util.Map.Entry<String, org.junit.jupiter.api.function.Executable>>of(
                java.util.Map.entry("server", () -> ConnectParams.remote("vc\0.example.com")),
                java.util.Map.entry("vmxSpec", () -> vcenter().vmxSpec("moref=vm\0")),
                java.util.Map.entry("vmMoref", () -> vcenter().vmMoref("vm-\uD800")),
                java.util.Map.entry("snapshotMoref", () -> vcenter().snapshot("snap\0shot")))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.getValue());
            assertTrue(e.getMessage().startsWith(c.getKey() + " contains"), e.getMessage());
        }
    }
}
