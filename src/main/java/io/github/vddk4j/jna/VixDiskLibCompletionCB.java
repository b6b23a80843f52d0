package io.github.vddk4j.jna;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * C {@code typedef void (*VixDiskLibCompletionCB)(void *cbData, VixError result)}: completion of
 * {@code VixDiskLib_ReadAsync}/{@code VixDiskLib_WriteAsync}. May run on a library thread or
 * synchronously inside the submitting call. Keep the instance strongly referenced until it has run.
 * An implementation must never throw.
 */
public interface VixDiskLibCompletionCB extends Callback {
    /**
     * @param cbData the {@code cbData} given to the async call
     * @param result the 64-bit VixError of the I/O ({@link VixErrors#VIX_OK} on success)
     */
    void invoke(Pointer cbData, long result);

    /**
     * The same C type with {@code cbData} as a 64-bit number: a direct callback (see
     * {@link DirectCallbacks#trampoline}) whose address goes to
     * {@link VixDiskLibDataPath#readAsync}/{@link VixDiskLibDataPath#writeAsync}.
     */
    interface Address extends Callback {
        /**
         * @param cbData the {@code cbData} given to the async call
         * @param result the 64-bit VixError of the I/O ({@link VixErrors#VIX_OK} on success)
         */
        void invoke(long cbData, long result);
    }
}
