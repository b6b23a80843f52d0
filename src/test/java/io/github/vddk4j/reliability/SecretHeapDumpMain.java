package io.github.vddk4j.reliability;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.vddk4j.ConnectParams;
import io.github.vddk4j.Credentials;
import io.github.vddk4j.DiskLib;
import io.github.vddk4j.VddkException;
import io.github.vddk4j.testsupport.Stub;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Child JVM of {@link SecretHeapDumpTest}: uses a password built from {@code args[0]} (ASCII seed)
 * and {@code args[1]} (repetitions of a non-ASCII tail) for a connect, closes everything, destroys
 * the credentials and writes a heap dump that includes unreachable objects ({@code args[2]}).
 */
public final class SecretHeapDumpMain {
    private SecretHeapDumpMain() {
    }

    public static void main(String[] args) throws Exception {
        char[] password = SecretHeapDumpTest.password(args[0], Integer.parseInt(args[1]));
        Credentials creds = Credentials.userPassword("root", password);
        Arrays.fill(password, '\0');
        try (DiskLib lib = DiskLib.builder().libDir(Stub.libDir()).open()) {
            ConnectParams params = ConnectParams.remote("nowhere.example.com").credentials(creds).vmMoref("vm-1").build();
            for (int i = 0; i < 3; i++) {
                try {
                    lib.connect(params).close();
                } catch (VddkException expected) {
                    // no such server: the password was still encoded for ConnectEx
                }
            }
        }
        creds.destroy();
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        bean.dumpHeap(args[2], false); // false: unreachable objects too
        System.out.println("dumped");
    }
}
