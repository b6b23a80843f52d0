package io.github.vddk4j.tool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Main} with captured output (test helper): in-process ({@link #run}) for commands that
 * do not initialise VDDK, or as its own process ({@link #standardInChildJvm}) for those that do, as
 * the real CLI does (VDDK is initialised once per process).
 */
record CliRun(int exitCode, String out, String err) {

    /**
     * Runs {@code java io.github.vddk4j.tool.Main args} (the standard CLI) in a child JVM whose
     * working directory is {@code workingDir}, whose environment holds only {@code PATH} and
     * {@code env}, with {@code props} as system properties and {@code stdin} as its input.
     */
    static CliRun standardInChildJvm(Path workingDir, Map<String, String> env, Map<String, String> props,
                                     String stdin, String... args) {
        ProcessBuilder pb = childJvm(workingDir, env, props, args);
        try {
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the CLI did not read its input
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("CLI " + List.of(args) + " did not end within 120 s");
            }
            return new CliRun(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the CLI ran", e);
        }
    }

    /**
     * The process builder of {@code java io.github.vddk4j.tool.Main args} in a child JVM whose
     * working directory is {@code workingDir}, whose environment holds only {@code PATH} and
     * {@code env}, with {@code props} as system properties.
     */
    static ProcessBuilder childJvm(Path workingDir, Map<String, String> env, Map<String, String> props, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider");
        cmd.add("-Dslf4j.internal.verbosity=WARN");
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile());
        String path = System.getenv("PATH");
        pb.environment().clear();
        if (path != null) {
            pb.environment().put("PATH", path);
        }
        pb.environment().putAll(env);
        return pb;
    }

    static CompletableFuture<String> drain(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try (s) {
                return new String(s.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static CliRun run(Main main, Path workingDir, Map<String, String> env, Map<String, String> props,
                      String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliContext cli = new CliContext(o, e, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    env::get, props::get, workingDir);
            int code = main.run(List.of(args), cli);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    static CliRun run(Main main, Path workingDir, String... args) {
        return run(main, workingDir, Map.of(), Map.of(), "", args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
