package io.github.vddk4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension for integration tests: after each test, nothing the stub allocated per call
 * (connect params, infos, error texts, block lists) may be outstanding; after the class (after its
 * {@code @AfterAll}), no connection or handle may be open either.
 */
public final class StubLeakCheck implements AfterEachCallback, AfterAllCallback {
    private static final List<String> PER_CALL = List.of("connectParams", "infos", "errorTexts", "blockLists");
    private static final List<String> ALL = List.of("connectParams", "infos", "errorTexts", "blockLists", "connections",
            "handles");

    @Override
    public void afterEach(ExtensionContext context) {
        check(PER_CALL, "after " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(ALL, "after class " + context.getDisplayName());
    }

    private static void check(List<String> names, String when) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> zeros = new LinkedHashMap<>();
        for (String n : names) {
            counts.put(n, Stub.counter(n));
            zeros.put(n, 0L);
        }
        assertEquals(zeros, counts, "stub objects outstanding " + when);
    }
}
