package io.github.vddk4j;

import io.github.vddk4j.testsupport.OwnJvm;
import org.junit.jupiter.api.Tag;

/** {@link VariantCompatibilityFlow} against the stub built as VDDK 8.0 ({@code make VDDK_MAJOR=8}), in its own JVM. */
@Tag(OwnJvm.TAG)
class Vddk8CompatibilityTest extends VariantCompatibilityFlow {
    Vddk8CompatibilityTest() {
        super(8, 0);
    }
}
