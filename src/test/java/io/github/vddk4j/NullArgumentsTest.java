package io.github.vddk4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.vddk4j.config.VddkConfig;
import io.github.vddk4j.testsupport.SharedDiskLib;
import io.github.vddk4j.testsupport.Stub;
import io.github.vddk4j.testsupport.StubLeakCheck;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 7: every public method of the API that takes an object, given null there
 * (other arguments valid), throws an exception whose message names the argument, not a bare or
 * JVM-generated ("Cannot invoke ... because ...") {@link NullPointerException}.
 */
@ExtendWith(StubLeakCheck.class)
class NullArgumentsTest {
    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();
    private int checked;

    private Object valid(Class<?> type) {
        if (type == String.class) {
            return "x";
        }
        if (type == ByteBuffer.class) {
            return ByteBuffer.allocateDirect(512);
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type.isArray()) {
            return java.lang.reflect.Array.newInstance(type.getComponentType(), 0);
        }
        return null; // no sensible default: this position is only ever tried as null itself
    }

    private void checkAll(Object target, Class<?> type) {
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() == Object.class || !Modifier.isPublic(m.getDeclaringClass().getModifiers())
                    || m.getName().equals("close") || m.getName().equals("open") && target instanceof DiskLib.Builder) {
                continue;
            }
            Class<?>[] params = m.getParameterTypes();
            for (int i = 0; i < params.length; i++) {
                if (params[i].isPrimitive()) {
                    continue;
                }
                Object[] args = new Object[params.length];
                for (int j = 0; j < params.length; j++) {
                    args[j] = j == i ? null : valid(params[j]);
                }
                if (Arrays.stream(args).filter(a -> a == null).count() > 1) {
                    continue; // another argument has no valid default here
                }
                checked++;
                try {
                    Object result = m.invoke(Modifier.isStatic(m.getModifiers()) ? null : target, args);
                    if (result instanceof AutoCloseable c && c != target) {
                        c.close();
                    }
                } catch (InvocationTargetException e) {
                    Throwable t = e.getCause();
                    String msg = t.getMessage();
                    if (t instanceof NullPointerException && (msg == null || msg.contains("because"))) {
                        problems.add(type.getSimpleName() + "." + m.getName() + " arg " + i + ": " + msg);
                    }
                } catch (Exception e) {
                    problems.add(type.getSimpleName() + "." + m.getName() + ": " + e);
                }
            }
        }
    }

    @Test
    void nullArgumentsAreNamedInTheException() {
        checkAll(ConnectParams.local(), ConnectParams.class);
        checkAll(null, Credentials.class);
        checkAll(ConnectParams.remote("vc.example.com"), ConnectParams.Builder.class);
        checkAll(VddkConfig.builder(), VddkConfig.Builder.class);
        checkAll(VddkConfig.empty(), VddkConfig.class);
        checkAll(DiskLib.builder(), DiskLib.Builder.class);
        Path disk = Stub.createDisk(dir.resolve("n.vmdk"), 2048);
        DiskLib lib = SharedDiskLib.get();
        try (Connection c = lib.connect(ConnectParams.local());
             DiskHandle d = c.open(disk.toString())) {
            checkAll(lib, DiskLib.class);
            checkAll(c, Connection.class);
            checkAll(d, DiskHandle.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertTrue(checked > 40, "checked " + checked + " arguments");
        assertEquals(List.of(), problems);
    }

    @Test
    void rangeErrorsNeverShowAWrappedAroundEnd() {
        assertEquals("1 sector(s) from sector " + Long.MAX_VALUE, SectorTransfer.describeRange(Long.MAX_VALUE, 1));
        assertEquals("[5, 7)", SectorTransfer.describeRange(5, 2));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SectorTransfer.checkRange("read", Long.MAX_VALUE, ByteBuffer.allocate(512), 100, true));
        assertTrue(!e.getMessage().contains("-9223372036854775808"), e.getMessage());
    }
}
