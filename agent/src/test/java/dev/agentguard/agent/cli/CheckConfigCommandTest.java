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
    assertEquals("", out());
  }
}
