package io.github.vddk4j.jna;

import io.github.vddk4j.testkit.VixDiskLibStub;
import io.github.vddk4j.logging.internal.NativeLogFunctions;
import org.junit.jupiter.api.Tag;
import io.github.vddk4j.testsupport.OwnJvm;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.vddk4j.logging.internal.LogBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The raw layer against the stub's VDDK 9 ABI variant ({@code make VDDK_MAJOR=9}, built once per
 * Maven build by {@code StubVariant.shared}): the 136-byte ConnectParams with {@code sslCertificate}
 * at 128, version 9 from the file name. Own JVM, so the VDDK 8 stub is not loaded here.
 */
@Tag(OwnJvm.TAG)
class Vddk9VariantTest {
    static Path distrib;
    static LoadedVixDiskLib loaded;
    static NativeLogFunctions logs;

    @BeforeAll
    static void build() throws Exception {
        distrib = io.github.vddk4j.testsupport.StubVariant.shared(9);
        loaded = new VixDiskLibLoader().load(distrib);
        logs = new NativeLogFunctions(new LogBridge());
        assertEquals(VixErrors.VIX_OK, loaded.lib().VixDiskLib_InitEx(9, 0, logs.log(), logs.warn(), logs.panic(),
                loaded.libDir().toString(), null));
    }

    @AfterAll
    static void exit() {
        if (loaded != null) {
            loaded.lib().VixDiskLib_Exit();
            assertEquals(0, VixDiskLibStub.load(loaded.path()).VixDiskLibStub_GetCounter("connectParams"));
        }
    }

    @Test
    void theVddk9LayoutTableMatchesTheJavaLayouts() throws Exception {
        Properties t = VixDiskLibLayoutTest.table(distrib.resolve("abi-layout.properties"));
        assertEquals("9", t.getProperty("vddk.major").trim());
        assertEquals("136", t.getProperty("VixDiskLibConnectParams.size").trim());
        assertEquals("128", t.getProperty("VixDiskLibConnectParams.sslCertificate").trim());
        VixDiskLibLayoutTest.checkConnectParams(t);
        assertEquals(Integer.parseInt(t.getProperty("VixDiskLibInfo.size").trim()), VixDiskLibInfo.sizeFor(9));
    }

    @Test
    void theLoaderReportsVersion9AndTheSslCertificateFieldIsWritable() {
        assertEquals(9, loaded.vddkMajor());
        assertEquals(LoadedVixDiskLib.VersionSource.FILE_NAME, loaded.versionSource());
        VixDiskLibConnectParams params = VixDiskLibConnectParams.at(loaded.lib().VixDiskLib_AllocateConnectParams(), 9);
        Pointer p = params.getPointer();
        assertEquals(null, p.getPointer(128), "the library zeroes all 136 bytes");
        params.setSslCertificate("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        assertEquals("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", params.getSslCertificate());
        PointerByReference conn = new PointerByReference();
        assertEquals(VixErrors.VIX_OK, loaded.lib().VixDiskLib_ConnectEx(params, (byte) 1, null, null, conn));
        assertEquals(VixErrors.VIX_OK, loaded.lib().VixDiskLib_Disconnect(new VixDiskLibConnection(conn.getValue())));
        params.free(loaded.lib());
    }
}
