package io.github.vddk4j;

import io.github.vddk4j.testsupport.OwnJvm;
import org.junit.jupiter.api.Tag;

/** {@link VariantCompatibilityFlow} against the stub built as VDDK 9.0 ({@code make VDDK_MAJOR=9}), in its own JVM. */
@Tag(OwnJvm.TAG)
class Vddk9CompatibilityTest extends VariantCompatibilityFlow {
    Vddk9CompatibilityTest() {
        super(9, 0);
    }
}
