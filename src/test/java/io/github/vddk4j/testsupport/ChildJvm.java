package io.github.vddk4j.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's {@code main} class in a child JVM with the test class path and the stub's libDir
 * (for tests that need their own process: heap dumps, kills, a fresh InitEx).
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The exit status and combined output of a child that ended. */
    public record Result(int exitStatus, String output) {
    }

    /** Starts {@code main} with {@code jvmOptions} and {@code args}; output and errors merged. */
    public static Process start(Class<?> main, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(nativeAccessOptions());
        cmd.addAll(jvmOptions);
        cmd.add("-Dvddk4j.test.libDir=" + Stub.libDir());
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /**
     * This JVM's {@code --enable-native-access} options (the JDK 22+ test run has them), for a child
     * of the same JDK: without them JNA and FFM print restricted-method warnings there.
     */
    public static List<String> nativeAccessOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access")).toList();
    }

    /**
     * Runs {@code main} to its end, at most {@code timeoutSeconds} (then kills it and fails).
     */
    public static Result run(Class<?> main, List<String> jvmOptions, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        Process p = start(main, jvmOptions, args);
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes()));
            } catch (IOException e) {
                out.append("[reading the child's output failed: ").append(e).append(']');
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join(5000);
            throw new AssertionError(main.getSimpleName() + " did not end within " + timeoutSeconds + " s: " + out);
        }
        reader.join(5000);
        return new Result(p.exitValue(), out.toString());
    }
}
