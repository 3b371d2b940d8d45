package dev.agentguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.agent.audit.AuditConfig;
import dev.agentguard.agent.audit.AuditRecord;
import dev.agentguard.agent.audit.AuditWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    outBytes.reset();
    errBytes.reset();
    return new AuditCommand().run(List.of(args), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private Path writeLog(String name, byte[] key, int n) {
    Path log = dir.resolve(name);
    try (AuditWriter w = AuditWriter.open(new AuditConfig(log, key, 0, false, 64))) {
      for (int i = 1; i <= n; i++) {
        w.append(AuditRecord.builder().eventId("e" + i).timestampMillis(1_795_256_130_123L + i * 60_000L)
            .action(i % 2 == 0 ? "refund" : "send_email").userId("u" + (i % 3)).outcome("success").build());
      }
    }
    return log;
  }

  @Test
  void verifyIntactChain() {
    Path log = writeLog("audit.jsonl", null, 12);
    assertEquals(0, run("verify", log.toString()));
    assertEquals("OK: 12 records, chain intact\n", out());
    assertEquals("", err());
  }

  @Test
  void verifyBrokenChainExitsOneWithTheFirstBadSeq() throws Exception {
    Path log = writeLog("audit.jsonl", null, 12);
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    lines.set(4, lines.get(4).replace("\"u2\"", "\"u0\""));
    Files.write(log, lines);
    assertEquals(1, run("verify", log.toString()));
    assertTrue(out().startsWith("FAILED at seq 5: "), out());
    assertEquals(1, out().lines().count(), out());
  }

  @Test
  void verifyWithHmacKeyFile() throws Exception {
    byte[] key = "an audit key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);
    Path log = writeLog("audit.jsonl", key, 5);
    Path keyFile = dir.resolve("key");
    Files.write(keyFile, ("an audit key of thirty-two bytes" + "\n").getBytes(StandardCharsets.US_ASCII));
    assertEquals(0, run("verify", log.toString(), "--hmac-key-file", keyFile.toString()));
    assertEquals("OK: 5 records, chain intact\n", out());
    assertEquals(0, run("verify", "--hmac-key-file=" + keyFile, log.toString()));

    assertEquals(1, run("verify", log.toString()));
    assertTrue(out().startsWith("FAILED: ") && out().contains("HMAC"), out());

    Files.writeString(keyFile, "wrong");
    assertEquals(1, run("verify", log.toString(), "--hmac-key-file", keyFile.toString()));
    assertTrue(out().contains("wrong HMAC key"), out());

    Path missing = dir.resolve("nokey");
    assertEquals(2, run("verify", log.toString(), "--hmac-key-file", missing.toString()));
    assertEquals("audit verify: cannot read the HMAC key file " + missing + ": no such file", err().strip());

    Files.writeString(keyFile, "\n");
    assertEquals(2, run("verify", log.toString(), "--hmac-key-file", keyFile.toString()));
    assertEquals("audit verify: cannot read the HMAC key file " + keyFile + ": it is empty", err().strip());
  }

  @Test
  void verifyRotatedFilesAsOneChain() throws Exception {
    Path log = dir.resolve("rot.jsonl");
    try (AuditWriter w = AuditWriter.open(new AuditConfig(log, null, 1500, false, 64))) {
      for (int i = 1; i <= 20; i++) {
        w.append(AuditRecord.builder().eventId("e" + i).action("t").build());
      }
    }
    List<String> args = new ArrayList<>(List.of("verify"));
    for (int i = 1; Files.exists(dir.resolve("rot.jsonl." + i)); i++) {
      args.add(dir.resolve("rot.jsonl." + i).toString());
    }
    assertTrue(args.size() > 2, "rotation happened");
    args.add(log.toString());
    assertEquals(0, run(args.toArray(new String[0])));
    assertEquals("OK: 20 records, chain intact\n", out());
  }

  @Test
  void missingFileIsAOneLineErrorWithExitTwo() {
    assertEquals(2, run("verify", dir.resolve("absent.jsonl").toString()));
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().contains("absent.jsonl") && err().contains("no such file"), err());
    assertEquals(2, run("query", dir.toString()));
    assertTrue(err().contains("not a regular file"), err());
  }

  @Test
  void badUsageExitsTwoWithUsage() {
    assertEquals(2, run());
    assertTrue(err().contains("usage: audit verify"), err());
    assertEquals(2, run("verify"));
    assertTrue(err().contains("no FILE given"), err());
    assertEquals(2, run("frobnicate", "x"));
    assertTrue(err().contains("unknown audit command"), err());
    assertEquals(2, run("verify", "x.jsonl", "--tool", "t"));
    assertTrue(err().contains("unknown option --tool"), err());
    assertEquals(2, run("query", "x.jsonl", "--user"));
    assertTrue(err().contains("--user needs a value"), err());
    assertEquals(0, run("--help"));
    assertTrue(out().contains("usage"), out());
  }

  @Test
  void queryPrintsMatchingLinesUnchanged() throws Exception {
    Path log = writeLog("audit.jsonl", null, 6);
    List<String> lines = Files.readAllLines(log);
    assertEquals(0, run("query", log.toString(), "--tool", "refund", "--user", "u2"));
    assertEquals(lines.get(1) + "\n", out()); // record 2: refund by u2 (record 5 is send_email)
    assertEquals(0, run("query", log.toString(), "--since", "2026-11-21T10:18:30.123Z",
        "--until", "2026-11-21T10:20:30.123Z"));
    assertEquals(lines.get(2) + "\n" + lines.get(3) + "\n", out());
    assertEquals(0, run("query", log.toString(), "--outcome", "blocked"));
    assertEquals("", out());
    assertEquals(0, run("query", log.toString(), "--until", "2026-11-21"));
    assertEquals(6, out().lines().count());
  }

  @Test
  void queryWithABadTimeExitsTwo() {
    Path log = writeLog("audit.jsonl", null, 1);
    assertEquals(2, run("query", log.toString(), "--since", "last tuesday"));
    assertTrue(err().contains("--since") && err().contains("ISO-8601"), err());
    assertFalse(err().contains("Exception"), err());
  }
}
