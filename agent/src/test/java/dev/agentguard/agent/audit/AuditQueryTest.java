package dev.agentguard.agent.audit;

import static dev.agentguard.agent.audit.AuditFixtures.T0;
import static dev.agentguard.agent.audit.AuditFixtures.config;
import static dev.agentguard.agent.audit.AuditFixtures.quiet;
import static dev.agentguard.agent.audit.AuditFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.agent.json.StrictJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueryTest {
  private static final long DAY = 86_400_000L;

  @TempDir
  Path dir;
  Path log;
  List<String> all;

  @BeforeEach
  void writeLog() throws Exception {
    log = dir.resolve("audit.jsonl");
    try (AuditWriter w = AuditWriter.open(config(log), quiet())) {
      w.append(record(1, "send_email", "alice", "success", T0));               // 2026-11-21T10:15:30.123Z
      w.append(record(2, "send_email", "bob", "blocked", T0 + 1000));
      w.append(record(3, "refund", "alice", "failure", T0 + DAY));             // 2026-11-22
      w.append(record(4, "refund", "alice", "success", T0 + 2 * DAY));         // 2026-11-23
      w.append(record(5, "send_email", "alice", "success", T0 + 2 * DAY + 5));
    }
    all = Files.readAllLines(log);
  }

  private List<String> run(AuditQuery q) {
    List<String> out = new ArrayList<>();
    q.run(List.of(log), out::add);
    return out;
  }

  @Test
  void filtersCombineAndLinesPassUnchanged() {
    assertEquals(List.of(all.get(0), all.get(4)), run(new AuditQuery("send_email", "alice", null, null, null)));
    assertEquals(List.of(all.get(1)), run(new AuditQuery(null, null, "blocked", null, null)));
    assertEquals(List.of(all.get(2), all.get(3)), run(new AuditQuery("refund", null, null, null, null)));
    assertEquals(all, run(new AuditQuery(null, null, null, null, null)));
    assertEquals(List.of(), run(new AuditQuery("nope", null, null, null, null)));
  }

  @Test
  void sinceIsInclusiveUntilExclusiveAndADateUntilCoversThatDay() {
    Instant t0 = Instant.ofEpochMilli(T0);
    assertEquals(all.subList(1, 5), run(new AuditQuery(null, null, null, t0.plusMillis(1000), null)));
    assertEquals(List.of(all.get(0)), run(new AuditQuery(null, null, null, null, t0.plusMillis(1000))));
    Instant since = AuditQuery.parseTime("2026-11-22", false);
    Instant until = AuditQuery.parseTime("2026-11-22", true);
    assertEquals(List.of(all.get(2)), run(new AuditQuery(null, null, null, since, until)));
    assertEquals(all.subList(2, 5), run(new AuditQuery(null, null, null, since, null)));
  }

  @Test
  void parsesInstantsOffsetsLocalTimesAndDates() {
    assertEquals(Instant.parse("2026-11-21T10:15:30Z"), AuditQuery.parseTime("2026-11-21T10:15:30Z", false));
    assertEquals(Instant.parse("2026-11-21T08:15:30Z"), AuditQuery.parseTime("2026-11-21T10:15:30+02:00", false));
    assertEquals(Instant.parse("2026-11-21T10:15:30Z"), AuditQuery.parseTime("2026-11-21T10:15:30", false));
    assertEquals(Instant.parse("2026-11-21T00:00:00Z"), AuditQuery.parseTime("2026-11-21", false));
    assertEquals(Instant.parse("2026-11-22T00:00:00Z"), AuditQuery.parseTime("2026-11-21", true));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AuditQuery.parseTime("yesterday", false));
    assertTrue(e.getMessage().contains("2026-11-21"), e.getMessage());
  }

  @Test
  void readsRotatedFilesInOrderAndSkipsUnreadableLines() throws Exception {
    Path rlog = dir.resolve("rot.jsonl");
    AuditFixtures.writeLog(new AuditConfig(rlog, null, 2000, false, 64), 12);
    List<Path> files = new ArrayList<>(AuditFiles.rotated(rlog));
    files.add(rlog);
    Files.writeString(rlog, "garbage\n", StandardOpenOption.APPEND);
    List<String> out = new ArrayList<>();
    AuditQuery.Counts counts = new AuditQuery("tool-0", null, null, null, null).run(files, out::add);
    assertEquals(4, counts.matched()); // records 3, 6, 9, 12
    assertEquals(1, counts.unreadable());
    List<Long> seqs = out.stream().map(l -> StrictJson.parse(l).get("seq").longValue()).toList();
    assertEquals(List.of(3L, 6L, 9L, 12L), seqs);
  }
}
