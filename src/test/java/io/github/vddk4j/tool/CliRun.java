package io.github.vddk4j.tool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs {@link Main} in-process with captured output (test helper). */
record CliRun(int exitCode, String out, String err) {

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
