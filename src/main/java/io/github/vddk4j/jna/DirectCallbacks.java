package io.github.vddk4j.jna;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Native addresses of JNA <em>direct</em> callbacks: callbacks whose method takes and returns only
 * primitives, which JNA calls through the JNI method directly (no {@code Object[]} of arguments,
 * no {@link com.sun.jna.Pointer} objects, no reflection per call). Used for the callbacks VDDK
 * calls often: the log functions and the async completion callback.
 *
 * <p>JNA creates a direct callback's native trampoline only when the callback is passed to a
 * direct-mapped native method. libc's {@code memmove(dest, src, 0)} returns {@code dest} and
 * touches no memory: passing the callback as {@code dest} yields the trampoline's address. The
 * address stays valid while the callback object is strongly reachable (JNA holds callbacks
 * weakly); set any {@link com.sun.jna.CallbackThreadInitializer} before asking for it.
 */
public final class DirectCallbacks {
    private DirectCallbacks() {
    }

    /** Direct-mapped libc. */
    static final class Libc {
        private Libc() {
        }

        static native long memmove(Callback dest, long src, long n);

        static {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }
    }

    /**
     * The native address of {@code callback}'s direct trampoline, to pass to C as a function pointer.
     *
     * @throws IllegalArgumentException if the callback's method takes or returns anything but
     *         primitives (JNA would make an ordinary, slower trampoline)
     * @throws IllegalStateException if JNA gave no trampoline
     */
    public static long trampoline(Callback callback) {
        java.lang.reflect.Method method = callbackMethod(callback);
        for (Class<?> type : method.getParameterTypes()) {
            requirePrimitive(callback, type);
        }
        requirePrimitive(callback, method.getReturnType());
        long address = Libc.memmove(callback, 0, 0);
        if (address == 0) {
            throw new IllegalStateException("JNA gave no native trampoline for " + callback.getClass().getName());
        }
        return address;
    }

    /** The one public instance method JNA calls (a lambda's interface method, or a class's own). */
    private static java.lang.reflect.Method callbackMethod(Callback callback) {
        java.lang.reflect.Method found = null;
        for (java.lang.reflect.Method m : callback.getClass().getMethods()) {
            if (m.getDeclaringClass() == Object.class || java.lang.reflect.Modifier.isStatic(m.getModifiers())
                    || m.isDefault() || m.isBridge()) {
                continue;
            }
            if (found != null) {
                throw new IllegalArgumentException(callback.getClass().getName()
                        + " must have exactly one public method for JNA to call, has " + found.getName() + " and " + m.getName());
            }
            found = m;
        }
        if (found == null) {
            throw new IllegalArgumentException(callback.getClass().getName() + " has no public method for JNA to call");
        }
        return found;
    }

    private static void requirePrimitive(Callback callback, Class<?> type) {
        if (!type.isPrimitive()) {
            throw new IllegalArgumentException("a direct callback takes and returns primitives only; "
                    + callback.getClass().getName() + " uses " + type.getName());
        }
    }
}
