package io.github.vddk4j.testsupport;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs each test method (and each invocation of a parameterized test) of the extended class in a
 * fresh child JVM, with the class's lifecycle methods: for tests that each need their own
 * {@code VixDiskLib_InitEx} (VDDK is initialised once per process). In the parent JVM the test and
 * its {@code @BeforeAll/@BeforeEach/@AfterEach/@AfterAll} methods are skipped; the child runs the
 * one test through the JUnit launcher ({@link OwnJvmMain}) and its failure becomes the parent's,
 * with the child's output. Other extensions of the class run in both JVMs: keep them to ones that
 * make no native calls.
 */
public final class OwnJvmPerTest implements InvocationInterceptor {
    /** Set in the child JVM: there the interceptor lets everything run. */
    static final String CHILD_PROPERTY = "vddk4j.test.childJvm";
    private static final long TIMEOUT_SECONDS = 300;

    private static boolean inChild() {
        return Boolean.getBoolean(CHILD_PROPERTY);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        runOrDelegate(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        runOrDelegate(invocation, extensionContext);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> ctx,
                                         ExtensionContext extensionContext) throws Throwable {
        proceedInChildOnly(invocation);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> ctx,
                                          ExtensionContext extensionContext) throws Throwable {
        proceedInChildOnly(invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> ctx,
                                         ExtensionContext extensionContext) throws Throwable {
        proceedInChildOnly(invocation);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> ctx,
                                        ExtensionContext extensionContext) throws Throwable {
        proceedInChildOnly(invocation);
    }

    private static void proceedInChildOnly(Invocation<Void> invocation) throws Throwable {
        if (inChild()) {
            invocation.proceed();
        } else {
            invocation.skip();
        }
    }

    private static void runOrDelegate(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (inChild()) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        runInChild(context.getUniqueId());
    }

    /** Runs the test with this JUnit unique id in a child JVM; throws what the child reported. */
    static void runInChild(String uniqueId) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String k = e.getKey().toString();
            if (k.startsWith("vddk4j.") || k.startsWith("jna.")) {
                cmd.add("-D" + k + "=" + e.getValue());
            }
        }
        cmd.addAll(ChildJvm.nativeAccessOptions());
        cmd.add("-D" + CHILD_PROPERTY + "=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(OwnJvmMain.class.getName());
        cmd.add(uniqueId);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = ("(could not read the child's output: " + e + ")").getBytes(StandardCharsets.UTF_8);
            }
        }, "own-jvm-output");
        reader.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join();
            throw new AssertionFailedError("the child JVM running " + uniqueId + " did not end within "
                    + TIMEOUT_SECONDS + " s; its output:\n" + new String(out[0], StandardCharsets.UTF_8));
        }
        reader.join();
        String output = new String(out[0], StandardCharsets.UTF_8);
        switch (p.exitValue()) {
            case OwnJvmMain.PASSED:
                return;
            case OwnJvmMain.ABORTED:
                throw new TestAbortedException("aborted in its child JVM:\n" + output);
            default:
                throw new AssertionFailedError("failed in its child JVM (exit status " + p.exitValue()
                        + "):\n" + output);
        }
    }
}
