package io.github.vddk4j;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

/**
 * What a fake VDDK does to complete a request: calls the completion callback it was given (a
 * native function address, the direct trampoline) through native code, as VDDK would.
 */
final class NativeCompletion {
    private NativeCompletion() {
    }

    /** {@code ((VixDiskLibCompletionCB) callback)((void *) cbData, result)}. */
    static void invoke(long callback, long cbData, long result) {
        Function.getFunction(new Pointer(callback)).invoke(Void.class, new Object[] {cbData, result});
    }
}
