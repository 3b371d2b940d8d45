package dev.agentguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new CheckConfigCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aValidFilePrintsOkWithTheToolCountAndExitsZero() throws IOException {
    Path f = Files.writeString(dir.resolve("ok.properties"), String.join("\n",
        "# two tools",
        "agentguard.mode=monitor",
        "agentguard.tool.refund.risk=high",
        "agentguard.tool.refund.allow.roles=finance",
        "agentguard.tool.lookup.method=com.acme.Lookup#find(java.lang.String)",
        "agentguard.console.port=0"));
    assertEquals(0, run(f.toString()));
    assertEquals("OK: " + f + " (2 tools)" + System.lineSeparator(), out());
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyErrorIsPrintedOnePerLineWithFileAndLineAndExitIsTwo() throws IOException {
    Path f = Files.writeString(dir.resolve("bad.properties"), String.join("\n",
        "agentguard.mode=monitor",
        "agentguard.tool.refund.risk=extreme",
        "agentguard.tool.refund.allow.role=finance",
        "agentguard.tool.refund.timeout=10s",
        "agentguard.mode=enforce"));
    assertEquals(2, run(f.toString()));
    assertEquals(List.of(
            f + ":2: agentguard.tool.refund.risk: 'extreme' is not one of low, medium, high, critical",
            f + ":3: agentguard.tool.refund.allow.role: unknown key; did you mean agentguard.tool.refund.allow.roles?",
            f + ":4: agentguard.tool.refund.timeout: agentguard.tool.refund.timeout is not supported by this "
                + "AgentGuard build yet; remove it or upgrade",
            f + ":5: agentguard.mode: defined twice, on line 1 and again on line 5; keep one"),
        out().lines().toList());
  }

  /**
   * What the files a policy names hold (schemas, the patterns file) is checked as the agent's start-up checks
   * it, every problem on a line of its own that names the key and the properties file's line.
   */
  @Test
  void theContentsOfReferencedFilesAreCheckedAsAtStartUpAndEveryErrorIsListed() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{ \"type\": \"object\", \n");
    Path weird = Files.writeString(dir.resolve("weird.json"),
        "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"nonsense\"}}}");
    Path arr = Files.writeString(dir.resolve("arr.json"), "[1,2]");
    Path patterns = Files.writeString(dir.resolve("patterns.txt"), "acme override\n([\n# comment\nwire (\\d+\n");
    Path f = Files.writeString(dir.resolve("bad.properties"), String.join("\n",
        "agentguard.tool.send_email.schema=file:" + broken,
        "agentguard.tool.note.schema=file:" + weird,
        "agentguard.tool.plain.schema=file:" + arr,
        "agentguard.tool.lookup.schema=classpath:/schemas/missing.json",
        "agentguard.injection.patterns-file=" + patterns,
        "agentguard.tool.lookup.risk=extreme"));
    assertEquals(2, run(f.toString()));
    assertEquals(List.of(
            f + ":6: agentguard.tool.lookup.risk: 'extreme' is not one of low, medium, high, critical",
            f + ":1: agentguard.tool.send_email.schema: schema file:" + broken
                + " is not valid JSON at line 2, column 1: Unexpected end-of-input within/between Object entries",
            f + ":2: agentguard.tool.note.schema: schema file:" + weird + " is not a valid JSON Schema (draft 2020-12): "
                + "/properties/text/type: \"nonsense\" is not a JSON Schema type (array, boolean, integer, null, "
                + "number, object or string)",
            f + ":3: agentguard.tool.plain.schema: schema file:" + arr
                + " must hold a JSON object (a JSON Schema), not an array",
            f + ":4: agentguard.tool.lookup.schema: schema classpath:/schemas/missing.json is not on the "
                + "application's class path",
            f + ":5: agentguard.injection.patterns-file: patterns file " + patterns
                + ", line 2: invalid pattern '([': missing closing ]",
            f + ":5: agentguard.injection.patterns-file: patterns file " + patterns
                + ", line 4: invalid pattern 'wire (\\d+': missing closing )"),
        out().lines().toList());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--classpath"), "how to check classpath: schemas");
  }

  @Test
  void classpathSchemasAreLookedUpOnTheGivenClassPath() throws IOException {
    Path app = Files.createDirectories(dir.resolve("app/schemas")).getParent();
    Files.writeString(app.resolve("schemas/lookup.json"), "{\"type\": \"object\"}");
    Path f = Files.writeString(dir.resolve("cp.properties"),
        "agentguard.tool.lookup.schema=classpath:/schemas/lookup.json\n");
    assertEquals(2, run(f.toString()), "without the application's class path the schema is not found");
    assertTrue(out().startsWith(f + ":1: agentguard.tool.lookup.schema: schema classpath:/schemas/lookup.json "
        + "is not on the application's class path"), out());
    out.reset();
    err.reset();
    assertEquals(0, run("--classpath", dir.resolve("elsewhere") + java.io.File.pathSeparator + app, f.toString()));
    assertEquals("OK: " + f + " (1 tools)" + System.lineSeparator(), out());
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aValidConfigWithSchemaAndPatternsFilePasses() throws IOException {
    Path schema = Files.writeString(dir.resolve("send.json"), """
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
         "properties": {"to": {"type": "string", "format": "email"}, "subject": {"type": "string", "maxLength": 200}},
         "required": ["to"], "additionalProperties": false}
        """);
    Path draft7 = Files.writeString(dir.resolve("note.json"), """
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
         "properties": {"text": {"type": ["string", "null"], "pattern": "^[\\\\w .,-]*$"}}}
        """);
    Path patterns = Files.writeString(dir.resolve("patterns.txt"), "# house rules\nacme override code\n"
        + "literal: run (sudo) now?\nwire \\d+ euros? to\n");
    Path f = Files.writeString(dir.resolve("ok.properties"), String.join("\n",
        "agentguard.tool.send_email.schema=file:" + schema,
        "agentguard.tool.note.schema=file:" + draft7,
        "agentguard.injection.patterns-file=" + patterns));
    assertEquals(0, run(f.toString()), out());
    assertEquals("OK: " + f + " (2 tools)" + System.lineSeparator(), out());
  }

  @Test
  void aMissingFileIsAnErrorAndExitsTwo() {
    Path f = dir.resolve("missing.properties");
    assertEquals(2, run(f.toString()));
    String line = out().strip();
    assertTrue(line.startsWith(f + ": agentguard.config: cannot read "), line);
    assertTrue(line.contains("no such file"), line);
  }

  @Test
  void missingOrExtraArgumentsPrintUsageAndExitTwo() {
    assertEquals(2, run());
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: "));
    err.reset();
    assertEquals(2, run("a.properties", "b.properties"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: "));
    err.reset();
    assertEquals(2, run("a.properties", "--classpath"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: "));
    assertEquals("", out());
  }
}
