package io.github.vddk4j.jna;

import com.sun.jna.InvocationMapper;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/** Turns a function the library does not export into UnsupportedOperationException at call time. */
final class UnsupportedFunctionMapper implements InvocationMapper {
    private volatile String libraryPath = "?";
    private volatile String version = "?";

    void bind(String libraryPath, String version) {
        this.libraryPath = libraryPath;
        this.version = version;
    }

    @Override
    public InvocationHandler getInvocationHandler(NativeLibrary lib, Method m) {
        if (m.getDeclaringClass() == Object.class) {
            return null;
        }
        try {
            lib.getFunction(m.getName());
            return null;
        } catch (UnsatisfiedLinkError e) {
            String msg = VixDiskLibFunction.byCName(m.getName())
                    .map(f -> f.unsupportedMessage(libraryPath, version))
                    .orElse(m.getName() + " is not exported by the loaded library " + libraryPath);
            return (proxy, method, args) -> {
                throw new UnsupportedOperationException(msg);
            };
        }
    }
}
