package io.github.vddk4j;

import io.github.vddk4j.testsupport.OwnJvm;
import org.junit.jupiter.api.Tag;

/** {@link VariantCompatibilityFlow} against the stub built as VDDK 6.7 ({@code make VDDK_MAJOR=6}), in its own JVM. */
@Tag(OwnJvm.TAG)
class Vddk67CompatibilityTest extends VariantCompatibilityFlow {
    Vddk67CompatibilityTest() {
        super(6, 7);
    }
}
