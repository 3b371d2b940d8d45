package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    // 160,000 records pass the default 100MB rotation: rotated files first (oldest = lowest number)
    List<String> files = new ArrayList<>();
    for (int n = 1; Files.exists(Path.of(run.auditFile + "." + n)); n++) {
      files.add(run.auditFile + "." + n);
    }
    files.add(run.auditFile.toString());
    long lines = 0;
    long expectedSeq = 1;
    for (String file : files) {
      try (BufferedReader r = Files.newBufferedReader(Path.of(file))) {
        for (String line; (line = r.readLine()) != null; ) {
          assertTrue(line.startsWith("{\"seq\":" + expectedSeq + ","), "seq " + expectedSeq + " expected in " + file);
          expectedSeq++;
          lines++;
        }
      }
    }
    assertEquals(160_000, lines);
    List<String> verifyArgs = new ArrayList<>(List.of("audit", "verify"));
    verifyArgs.addAll(files);
    String[] verify = HostRun.cli(verifyArgs.toArray(new String[0]));
    assertEquals("0", verify[0], verify[1]);
  }
}
