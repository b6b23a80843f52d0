package io.github.vddk4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's JSON writer (read back by a real parser) and its progress line. */
class JsonAndProgressTest {
    @Test
    void jsonWriterOutputParsesBackToTheSameValues() throws Exception {
        String tricky = "quote \" backslash \\ newline \n tab \t control \u0001 unicode äöü€";
        String json = Json.toJson(Reports.object("s", tricky, "n", 42L, "d", 1.5, "b", true, "null", null,
                "list", List.of(1, "two"), "map", Map.of("k", "v")));
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals(tricky, node.get("s").asText());
        assertEquals(42, node.get("n").asLong());
        assertEquals(1.5, node.get("d").asDouble());
        assertTrue(node.get("b").asBoolean());
        assertTrue(node.get("null").isNull());
        assertEquals("two", node.get("list").get(1).asText());
        assertEquals("v", node.get("map").get("k").asText());
        assertEquals(-1, json.indexOf('\n'), "one line");
    }

    @Test
    void progressShowsRateAndEtaOnATerminalOnly() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        Progress shown = Progress.start(context(terminal, true), "backup", 100L << 20);
        shown.update(50L << 20);
        shown.done();
        String line = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("\rbackup  50.0% 50.0 MiB of 100.0 MiB, "), line);
        assertTrue(line.contains("MiB/s") && line.contains("ETA "), line);

        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        Progress hidden = Progress.start(context(pipe, false), "backup", 100L << 20);
        hidden.update(50L << 20);
        hidden.done();
        assertEquals(0, pipe.size());
    }

    private static CliContext context(ByteArrayOutputStream err, boolean terminal) {
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CliContext(System.out, e, new ByteArrayInputStream(new byte[0]), k -> null, k -> null,
                Path.of("."), terminal);
    }

    @Test
    void sizesWithSuffixesAreBytes() {
        assertEquals(Arrays.asList(64L << 10, 1L << 40), List.of(new SizeConverter().convert("64K"),
                new SizeConverter().convert("1T")));
    }
}
