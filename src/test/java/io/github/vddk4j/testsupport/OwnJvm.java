package io.github.vddk4j.testsupport;

/**
 * Where a test that needs its own {@code VixDiskLib_InitEx} runs. VDDK is initialised once per
 * process, so:
 * <ul>
 *   <li>a test class tagged {@code @Tag(OwnJvm.TAG)} runs in a JVM of its own (surefire's
 *       {@code own-jvm} execution forks one JVM per class): it may open one DiskLib (or call InitEx
 *       once through the raw layer), for all its tests;</li>
 *   <li>a test class extended with {@link OwnJvmPerTest} runs every test method in a fresh child
 *       JVM: each test may open its own DiskLib (different configs, log sinks, lifecycle);</li>
 *   <li>every other integration test uses {@link SharedDiskLib}.</li>
 * </ul>
 */
public final class OwnJvm {
    /** The JUnit tag of test classes that run in a JVM of their own. */
    public static final String TAG = "own-jvm";

    private OwnJvm() {
    }
}
