package io.github.vddk4j.jna;

import org.junit.jupiter.api.Tag;
import io.github.vddk4j.testsupport.OwnJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search without a libDir. In its own class (own JVM): once any libvixDiskLib.so.8 is loaded,
 * the dynamic linker resolves the bare name to it, so no other test may have loaded the stub.
 */
@Tag(OwnJvm.TAG)
class VixDiskLibLoaderSystemPathTest {
    private static VixDiskLibLoader loaderWith(String property, String env) {
        return new VixDiskLibLoader(k -> VixDiskLibLoader.LIB_DIR_PROPERTY.equals(k) ? property : null,
                k -> VixDiskLibLoader.LIB_DIR_ENV.equals(k) ? env : null);
    }

    @Test
    void withoutLibDirThePropertyThenTheEnvironmentThenTheSystemPathAreSearched(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectory(dir.resolve("from-property"));
        Path b = Files.createDirectory(dir.resolve("from-env"));
        VixDiskLibLoadException e = assertThrows(VixDiskLibLoadException.class,
                () -> loaderWith(a.toString(), b.toString()).load());
        String m = e.getMessage();
        int iProp = m.indexOf(a.resolve("lib64/libvixDiskLib.so.9").toString());
        int iEnv = m.indexOf(b.resolve("lib64/libvixDiskLib.so.9").toString());
        int iSys = m.indexOf("libvixDiskLib.so.9 (system library path): not found");
        assertTrue(iProp >= 0 && iEnv > iProp && iSys > iEnv, m);
        assertTrue(m.contains("libvixDiskLib.so (system library path): not found"), m);

        VixDiskLibLoadException unset = assertThrows(VixDiskLibLoadException.class, () -> loaderWith(null, null).load());
        assertTrue(unset.getMessage().contains("system property vddk4j.libDir: not set"), unset.getMessage());
        assertTrue(unset.getMessage().contains("environment variable VDDK_LIBDIR: not set"), unset.getMessage());
    }

}
