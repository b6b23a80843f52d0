package io.github.vddk4j;

import io.github.vddk4j.testsupport.OwnJvm;
import org.junit.jupiter.api.Tag;

/** {@link VariantCompatibilityFlow} against the stub built as VDDK 7.0 ({@code make VDDK_MAJOR=7}), in its own JVM. */
@Tag(OwnJvm.TAG)
class Vddk7CompatibilityTest extends VariantCompatibilityFlow {
    Vddk7CompatibilityTest() {
        super(7, 0);
    }
}
