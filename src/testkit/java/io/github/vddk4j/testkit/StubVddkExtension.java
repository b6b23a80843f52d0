package io.github.vddk4j.testkit;

import io.github.vddk4j.DiskLib;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link StubVddk}: resolves {@link StubEnvironment} and
 * {@link StubControl} parameters, records the stub's native-object counters before each test and
 * fails the test if they grew, clears injected faults and removes the scratch directory after it.
 * One {@code DiskLib} per JVM, shared by every test (VDDK allows one InitEx per process).
 */
public final class StubVddkExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StubVddkExtension.class);
    private static final String SHARED_LIB = "shared DiskLib";
    private static final String ENVIRONMENT = "environment";
    private static final String BASELINE = "native objects before the test";

    /** Creates the extension (JUnit does, through {@link StubVddk}). */
    public StubVddkExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StubEnvironment.class || type == StubControl.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        StubEnvironment env = environment(context);
        return parameter.getParameter().getType() == StubControl.class ? env.control() : env;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        StubEnvironment env = environment(context);
        context.getStore(NAMESPACE).put(BASELINE, env.control().nativeObjects());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        EnvironmentResource resource = store.get(ENVIRONMENT, EnvironmentResource.class);
        if (resource == null) {
            return;
        }
        StubEnvironment env = resource.env();
        env.control().clearFaults();
        @SuppressWarnings("unchecked")
        Map<String, Long> before = store.get(BASELINE, Map.class);
        Map<String, Long> after = env.control().nativeObjects();
        if (before != null && failOnLeaks(context)) {
            StringBuilder leaks = new StringBuilder();
            after.forEach((name, count) -> {
                long grew = count - before.getOrDefault(name, 0L);
                if (grew > 0) {
                    leaks.append(leaks.length() == 0 ? "" : ", ").append(grew).append(' ').append(name);
                }
            });
            if (leaks.length() > 0) {
                throw new AssertionError("the test left native objects open in the stub VDDK: " + leaks
                        + " (close every DiskHandle and Connection, e.g. with try-with-resources)");
            }
        }
    }

    private static boolean failOnLeaks(ExtensionContext context) {
        Optional<StubVddk> onMethod = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, StubVddk.class));
        Optional<StubVddk> onClass = context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, StubVddk.class));
        return onMethod.or(() -> onClass).map(StubVddk::failOnLeaks).orElse(true);
    }

    /** The environment of this test (or of this class, for lifecycle methods), created on first use. */
    private static StubEnvironment environment(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(ENVIRONMENT, key -> newEnvironment(context), EnvironmentResource.class).env;
    }

    private static EnvironmentResource newEnvironment(ExtensionContext context) {
        Path libDir = StubDistribution.libDir();
        StubControl control = sharedControl(context, libDir);
        Path scratch;
        try {
            scratch = Files.createTempDirectory("vddk4j-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory", e);
        }
        return new EnvironmentResource(new StubEnvironment(libDir, scratch, control, () -> sharedLib(context, libDir).lib));
    }

    private static StubControl sharedControl(ExtensionContext context, Path libDir) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StubControl.class, key -> StubControl.of(libDir), StubControl.class);
    }

    private static SharedLib sharedLib(ExtensionContext context, Path libDir) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SHARED_LIB, key -> new SharedLib(DiskLib.builder().libDir(libDir).open()), SharedLib.class);
    }

    /**
     * The JVM's DiskLib, closed by JUnit when the root context closes (end of the run). JUnit before
     * 5.13 closes {@code CloseableResource} values, later versions {@code AutoCloseable} ones.
     */
    @SuppressWarnings("deprecation")
    private record SharedLib(DiskLib lib) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            if (!lib.isClosed()) {
                lib.close();
            }
        }
    }

    /** A test's environment; its scratch directory goes when the test's context closes. */
    @SuppressWarnings("deprecation")
    private record EnvironmentResource(StubEnvironment env) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            StubDistribution.deleteQuietly(env.scratchDir());
        }
    }
}
