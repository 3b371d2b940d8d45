package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** 16 threads x 10,000 calls: one record per call, nothing lost, the chain intact. */
class ConcurrencyTest {
  static Stream<Path> jvms() {
    return Jvms.all().stream();
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void everyCallIsRecordedExactlyOnce(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir)
        .config("agentguard.tool.add.allow.users=*,!mallory\n")
        .run("concurrent", "16", "10000").assertClean();
    assertEquals("ok 160000 0", run.result("concurrent"));

    long lines = 0;
    long expectedSeq = 1;
    try (BufferedReader r = Files.newBufferedReader(run.auditFile)) {
      for (String line; (line = r.readLine()) != null; ) {
        assertTrue(line.startsWith("{\"seq\":" + expectedSeq + ",") || line.contains("\"seq\":" + expectedSeq + ","),
            "seq " + expectedSeq + " expected at line " + (lines + 1));
        expectedSeq++;
        lines++;
      }
    }
    assertEquals(160_000, lines);
    String[] verify = HostRun.cli("audit", "verify", run.auditFile.toString());
    assertEquals("0", verify[0], verify[1]);
  }
}
