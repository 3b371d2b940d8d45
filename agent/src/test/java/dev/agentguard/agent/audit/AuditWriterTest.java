package dev.agentguard.agent.audit;

import static dev.agentguard.agent.audit.AuditFixtures.config;
import static dev.agentguard.agent.audit.AuditFixtures.lines;
import static dev.agentguard.agent.audit.AuditFixtures.quiet;
import static dev.agentguard.agent.audit.AuditFixtures.record;
import static dev.agentguard.agent.audit.AuditFixtures.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.agent.json.CanonicalJson;
import dev.agentguard.agent.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AuditWriterTest {
  @Test
  void theWarmUpSampleRendersAsAChainedRecordWithValuesOfEveryKind() {
    AuditLineFormat.AuditLine line = AuditWriter.renderSample();
    JsonNode json = StrictJson.parse(new String(line.utf8(), StandardCharsets.UTF_8).strip());
    assertEquals(1, json.get("seq").asLong());
    assertEquals(line.hash(), json.get("hash").asString());
    assertEquals("someone@example.com", json.get("parameters").get("to").asString());
    assertTrue(json.get("parameters").get("tags").isArray() && json.get("parameters").get("options").isObject());
  }

  @TempDir
  Path dir;

  @Test
  void writesEveryFieldInSpecOrderWithTheDocumentedHash() throws Exception {
    Path log = dir.resolve("sub/dir/audit.jsonl"); // parent directories are created
    try (AuditWriter w = AuditWriter.open(config(log), quiet())) {
      w.append(AuditRecord.builder().eventId("e1").timestampMillis(AuditFixtures.T0).action("send_email")
          .userId("u-1").outcome("success").executionTimeMs(12.0).build());
      w.flush();
      assertEquals(1, w.lastSeq());
    }
    List<String> text = lines(log);
    assertEquals(1, text.size());
    JsonNode line = StrictJson.parse(text.get(0));
    List<String> keys = new ArrayList<>(line.propertyNames());
    List<String> expected = new ArrayList<>(AuditLineFormat.FIELDS);
    expected.add("hash");
    assertEquals(expected, keys);
    assertEquals(1, line.get("seq").longValue());
    assertEquals("2026-11-21T10:15:30.123Z", line.get("timestamp").stringValue());
    assertEquals("send_email", line.get("action").stringValue());
    assertTrue(line.get("parentEventId").isNull());
    assertTrue(line.get("parameters").isNull());
    assertTrue(line.get("costDollars").isNull());
    assertEquals(12, line.get("executionTimeMs").intValue());
    assertEquals("0".repeat(64), line.get("prevHash").stringValue());

    // hash = SHA-256(prevHash + canonical JSON of the record without hash), recomputed independently here.
    ObjectNode withoutHash = ((ObjectNode) line).deepCopy();
    String stored = withoutHash.remove("hash").stringValue();
    var sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update("0".repeat(64).getBytes(StandardCharsets.US_ASCII));
    assertEquals(HexFormat.of().formatHex(sha.digest(CanonicalJson.canonicalUtf8(withoutHash))), stored);
  }

  @Test
  void deferredFindingsAreWorkedOutBeforeTheRecordIsWrittenAlsoAtClose() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    AuditWriter w = AuditWriter.open(config(log), quiet());
    w.append(AuditRecord.builder().eventId("e1").findings(List.of("injection:x:model"))
        .deferredFindings(List.of(() -> "later:1", () -> null)).build());
    w.flush();
    w.close();
    w.append(AuditRecord.builder().eventId("e2").deferredFindings(List.of(() -> {
      throw new IllegalStateException("bug");
    })).build()); // after close: written on this thread, still complete
    List<JsonNode> recs = records(log);
    assertEquals("[\"injection:x:model\",\"later:1\"]", recs.get(0).get("findings").toString());
    assertTrue(recs.get(0).get("wasSanitized").asBoolean());
    assertEquals("[\"deferred-check-failed:java.lang.IllegalStateException\"]", recs.get(1).get("findings").toString());
    assertEquals(2, recs.size());
  }

  @Test
  void nonAsciiAndControlCharactersRoundTripAndVerify() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    String user = "zoë-€-\ud83d\ude00-\u0001-\u2028";
    ObjectNode params = StrictJson.mapper().createObjectNode().put("ключ", "値\t\"q\"").put("ä", 1.5);
    // A hostile argument: lone surrogates (invalid Unicode) in a value and in a map key.
    ObjectNode hostile = StrictJson.mapper().createObjectNode().put("k\ud800", "v\udc00");
    try (AuditWriter w = AuditWriter.open(config(log), quiet())) {
      w.append(record(1));
      w.append(AuditRecord.builder().eventId("e2").userId(user).parameters(() -> params).build());
      w.append(AuditRecord.builder().eventId("e3").parameters(() -> hostile).build());
    }
    List<JsonNode> recs = records(log);
    assertEquals(user, recs.get(1).get("userId").stringValue());
    assertEquals(params, recs.get(1).get("parameters"));
    assertEquals("v\ufffd", recs.get(2).get("parameters").get("k\ufffd").stringValue());
    VerifyResult r = AuditVerifier.verify(List.of(log), null);
    assertTrue(r.ok(), r.message());
    assertEquals(3, r.records());
  }

  @Test
  void theHeadMacIsHmacOverTheCanonicalHeadFields() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    AuditFixtures.writeLog(config(log).withHmacKey(key), 3);
    ObjectNode head = (ObjectNode) StrictJson.parse(Files.readString(AuditHead.pathFor(log)));
    assertEquals(List.of("firstSeq", "seq", "hash", "alg", "mac"), new ArrayList<>(head.propertyNames()));
    assertEquals(3, head.get("seq").intValue());
    assertEquals("HMAC-SHA256", head.get("alg").stringValue());
    String mac = head.remove("mac").stringValue();
    javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
    hmac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    assertEquals(HexFormat.of().formatHex(hmac.doFinal(CanonicalJson.canonicalUtf8(head))), mac);
  }

  @Test
  void chainOfManyRecordsVerifiesAndSeqIsConsecutive() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    AuditFixtures.writeLog(config(log), 200);
    List<JsonNode> recs = records(log);
    assertEquals(200, recs.size());
    for (int i = 0; i < recs.size(); i++) {
      assertEquals(i + 1, recs.get(i).get("seq").longValue());
      if (i > 0) {
        assertEquals(recs.get(i - 1).get("hash"), recs.get(i).get("prevHash"));
      }
    }
    VerifyResult r = AuditVerifier.verify(List.of(log), null);
    assertTrue(r.ok(), r.message());
    assertEquals(200, r.records());
    assertNull(r.firstBadSeq());
  }

  @Test
  void aThrowingSupplierStillYieldsTheRecord() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    try (AuditWriter w = AuditWriter.open(config(log), quiet())) {
      w.append(AuditRecord.builder().eventId("bad").action("t")
          .parameters(() -> { throw new IllegalStateException("host bug"); })
          .outputSummary(() -> StrictJson.mapper().createObjectNode().put("x", Double.NaN))
          .build());
      w.append(record(2));
    }
    List<JsonNode> recs = records(log);
    assertEquals(2, recs.size());
    assertEquals("{\"error\":\"unrenderable\"}", recs.get(0).get("parameters").toString());
    assertEquals("{\"error\":\"unrenderable\"}", recs.get(0).get("outputSummary").toString());
    assertEquals("bad", recs.get(0).get("eventId").stringValue());
    assertTrue(AuditVerifier.verify(List.of(log), null).ok());
  }

  @Test
  void reopeningContinuesTheChain() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    AuditFixtures.writeLog(config(log), 10);
    try (AuditWriter w = AuditWriter.open(config(log), quiet())) {
      assertEquals(10, w.lastSeq());
      for (int i = 11; i <= 25; i++) {
        w.append(record(i));
      }
    }
    List<JsonNode> recs = records(log);
    assertEquals(25, recs.size());
    assertEquals(25, recs.get(24).get("seq").longValue());
    VerifyResult r = AuditVerifier.verify(List.of(log), null);
    assertTrue(r.ok(), r.message());
    assertEquals(25, r.records());
  }

  @Test
  void aTornLastLineIsReportedCutOffAndTheChainContinuesFromTheLastGoodRecord() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    AuditFixtures.writeLog(config(log), 10);
    // A crash mid-write leaves half a line that no fsync'd batch (and so no head) ever covered.
    String eleventh = AuditFixtures.lines(log).get(9).replace("\"seq\":10", "\"seq\":11");
    Files.writeString(log, eleventh.substring(0, eleventh.length() / 2), StandardOpenOption.APPEND);
    assertFalse(AuditVerifier.verify(List.of(log), null).ok(), "a torn line fails verify until repaired");

    AuditFixtures.Diagnostics diag = new AuditFixtures.Diagnostics();
    try (AuditWriter w = AuditWriter.open(config(log), diag.stream)) {
      w.append(record(11));
      w.append(record(12));
    }
    assertTrue(diag.text().contains("[agentguard] audit: "), diag.text());
    assertTrue(diag.text().contains("incomplete line"), diag.text());
    assertEquals(1, diag.text().lines().count(), "reported once: " + diag.text());
    VerifyResult r = AuditVerifier.verify(List.of(log), null);
    assertTrue(r.ok(), r.message());
    assertEquals(12, r.records());
  }

  @Test
  void reopeningAfterTrailingLinesWereRemovedKeepsTheGapVisible() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    AuditFixtures.writeLog(config(log), 10);
    List<String> l = lines(log);
    AuditFixtures.writeLines(log, l.subList(0, 7)); // seq 8..10 removed behind the agent's back
    AuditFixtures.Diagnostics diag = new AuditFixtures.Diagnostics();
    try (AuditWriter w = AuditWriter.open(config(log), diag.stream)) {
      assertEquals(10, w.lastSeq(), "continues from the head, not from the cut file");
      w.append(record(11));
    }
    assertTrue(diag.text().contains("records seq 10"), diag.text());
    VerifyResult r = AuditVerifier.verify(List.of(log), null);
    assertFalse(r.ok());
    assertEquals(8L, r.firstBadSeq());
  }

  @Test
  void rotationKeepsOneChainAcrossFiles() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    AuditConfig cfg = new AuditConfig(log, null, 4000, false, 1024);
    try (AuditWriter w = AuditWriter.open(cfg, quiet())) {
      for (int i = 1; i <= 60; i++) {
        w.append(record(i));
        if (i % 7 == 0) {
          w.flush(); // several batches, so rotation happens both inside and between batches
        }
      }
    }
    List<Path> rotated = AuditFiles.rotated(log);
    assertTrue(rotated.size() >= 5, "rotated files: " + rotated);
    assertEquals(log.resolveSibling("audit.jsonl.1"), rotated.get(0));
    List<Path> chain = new ArrayList<>(rotated);
    chain.add(log);
    long expectedSeq = 1;
    for (Path f : chain) {
      assertTrue(Files.size(f) <= 4000, f + " is " + Files.size(f) + " bytes");
      for (JsonNode rec : records(f)) {
        assertEquals(expectedSeq++, rec.get("seq").longValue());
      }
    }
    assertEquals(61, expectedSeq);
    VerifyResult all = AuditVerifier.verify(chain, null);
    assertTrue(all.ok(), all.message());
    assertEquals(60, all.records());
    // One rotated file alone verifies from its first prevHash.
    VerifyResult middle = AuditVerifier.verify(List.of(rotated.get(2)), null);
    assertTrue(middle.ok(), middle.message());
    // Files out of order do not.
    List<Path> swapped = new ArrayList<>(chain);
    java.util.Collections.swap(swapped, 1, 2);
    assertFalse(AuditVerifier.verify(swapped, null).ok());

    // Reopening continues the chain in the active file after the rotations.
    try (AuditWriter w = AuditWriter.open(cfg, quiet())) {
      assertEquals(60, w.lastSeq());
      w.append(record(61));
    }
    chain = new ArrayList<>(AuditFiles.rotated(log));
    chain.add(log);
    VerifyResult again = AuditVerifier.verify(chain, null);
    assertTrue(again.ok(), again.message());
    assertEquals(61, again.records());
  }

  @Test
  void hmacChainVerifiesOnlyWithItsKey() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    AuditFixtures.writeLog(config(log).withHmacKey(key), 30);
    VerifyResult good = AuditVerifier.verify(List.of(log), key);
    assertTrue(good.ok(), good.message());
    assertEquals(30, good.records());

    VerifyResult noKey = AuditVerifier.verify(List.of(log), null);
    assertFalse(noKey.ok());
    assertTrue(noKey.message().contains("HMAC"), noKey.message());

    VerifyResult wrongKey = AuditVerifier.verify(List.of(log), "another key".getBytes(StandardCharsets.UTF_8));
    assertFalse(wrongKey.ok());
    assertTrue(wrongKey.message().contains("wrong HMAC key"), wrongKey.message());

    // Without the head file the first record itself says the key is wrong or missing.
    Files.delete(AuditHead.pathFor(log));
    VerifyResult headless = AuditVerifier.verify(List.of(log), "another key".getBytes(StandardCharsets.UTF_8));
    assertEquals(1L, headless.firstBadSeq());
    assertTrue(headless.message().contains("HMAC key is wrong"), headless.message());
    VerifyResult headlessNoKey = AuditVerifier.verify(List.of(log), null);
    assertEquals(1L, headlessNoKey.firstBadSeq());
    assertTrue(headlessNoKey.message().contains("HMAC key is missing"), headlessNoKey.message());
  }

  @Test
  void aKeyChangeStartsANewFileSoEachFileVerifiesWithOneKey() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    byte[] key1 = "first key first key first key!!".getBytes(StandardCharsets.US_ASCII);
    byte[] key2 = "second key second key second k".getBytes(StandardCharsets.US_ASCII);
    AuditFixtures.writeLog(config(log).withHmacKey(key1), 5);
    AuditFixtures.Diagnostics diag = new AuditFixtures.Diagnostics();
    try (AuditWriter w = AuditWriter.open(config(log).withHmacKey(key2), diag.stream)) {
      w.append(record(6));
    }
    assertTrue(diag.text().contains("starting a new file"), diag.text());
    Path old = log.resolveSibling("audit.jsonl.1");
    assertTrue(AuditVerifier.verify(List.of(old), key1).ok());
    VerifyResult current = AuditVerifier.verify(List.of(log), key2);
    assertTrue(current.ok(), current.message());
    assertEquals(6, records(log).get(0).get("seq").longValue());
  }

  @Test
  @Timeout(60)
  void sixteenThreadsTimesTenThousandLoseNothingAndKeepTheChain() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    int threads = 16;
    int perThread = 10_000;
    AuditRecord[][] prepared = new AuditRecord[threads][perThread];
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        prepared[t][i] = AuditRecord.builder().eventId(t + "-" + i).timestampMillis(AuditFixtures.T0 + i)
            .userId("u-" + t).action("tool").outcome("success").executionTimeMs(0.5 + i).build();
      }
    }
    long start = System.nanoTime();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    try (AuditWriter w = AuditWriter.open(new AuditConfig(log, null, 0, false, 8192), quiet())) {
      for (int t = 0; t < threads; t++) {
        AuditRecord[] mine = prepared[t];
        Thread th = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          for (AuditRecord r : mine) {
            w.append(r);
          }
        });
        th.start();
        workers.add(th);
      }
      go.countDown();
      for (Thread th : workers) {
        th.join();
      }
    }
    long writeNanos = System.nanoTime() - start;

    long seen = 0;
    java.util.Set<String> ids = new java.util.HashSet<>();
    try (var reader = Files.newBufferedReader(log)) {
      String l;
      while ((l = reader.readLine()) != null) {
        seen++;
        // Plain string slicing keeps this check independent of the verifier (and fast).
        assertTrue(l.startsWith("{\"seq\":" + seen + ",\"eventId\":\""), l);
        int from = l.indexOf("\"eventId\":\"") + 11;
        ids.add(l.substring(from, l.indexOf('"', from)));
      }
    }
    assertEquals(160_000, seen);
    assertEquals(160_000, ids.size());
    long verifyStart = System.nanoTime();
    VerifyResult r = AuditVerifier.verify(List.of(log), null);
    long verifyNanos = System.nanoTime() - verifyStart;
    assertTrue(r.ok(), r.message());
    assertEquals(160_000, r.records());
    System.out.printf("audit: 160000 records written in %d ms (%.0f records/s end to end), verified in %d ms%n",
        writeNanos / 1_000_000, 160_000 / (writeNanos / 1e9), verifyNanos / 1_000_000);
  }

  @Test
  void closeDrainsTheQueueAndLaterAppendsAreWrittenSynchronously() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    AuditWriter w = AuditWriter.open(new AuditConfig(log, null, 0, false, 8), quiet());
    for (int i = 1; i <= 500; i++) {
      w.append(record(i)); // the tiny queue makes the caller wait on the writer: backpressure, no loss
    }
    w.close();
    assertEquals(500, lines(log).size(), "close drained everything");
    w.append(record(501));
    assertEquals(501, lines(log).size(), "an append after close is on disk when it returns");
    w.append(record(502));
    w.flush();
    w.close(); // idempotent
    VerifyResult r = AuditVerifier.verify(List.of(log), null);
    assertTrue(r.ok(), r.message());
    assertEquals(502, r.records());
  }

  @Test
  void flushReturnsOnlyOnceEarlierAppendsAreOnDisk() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    try (AuditWriter w = AuditWriter.open(config(log), quiet())) {
      for (int round = 1; round <= 5; round++) {
        for (int i = 0; i < 100; i++) {
          w.append(record(round * 1000 + i));
        }
        assertTrue(w.flush(10, TimeUnit.SECONDS));
        assertEquals(round * 100, lines(log).size());
        AuditHead head = AuditHead.read(AuditHead.pathFor(log));
        assertEquals(round * 100L, head.seq(), "the head follows every fsync'd batch");
      }
    }
  }

  @Test
  void fsyncAlwaysWritesTheSameChain() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    AuditFixtures.writeLog(new AuditConfig(log, null, 0, true, 64), 40);
    VerifyResult r = AuditVerifier.verify(List.of(log), null);
    assertTrue(r.ok(), r.message());
    assertEquals(40, r.records());
  }

  @Test
  @Timeout(30)
  void anIoErrorIsReportedOnceAndTheSameRecordsAreRetriedWithoutLoss() throws Exception {
    Path logDir = dir.resolve("logs");
    Path log = logDir.resolve("audit.jsonl");
    AuditFixtures.Diagnostics diag = new AuditFixtures.Diagnostics();
    // Every batch rotates, so the writer must reopen the directory for each one.
    try (AuditWriter w = AuditWriter.open(new AuditConfig(log, null, 1, false, 64), diag.stream)) {
      w.append(record(1));
      w.flush();
      Path aside = dir.resolve("logs-aside");
      Files.move(logDir, aside);
      Files.writeString(logDir, "not a directory"); // the log directory is now unusable
      w.append(record(2));
      w.append(record(3));
      assertFalse(w.flush(700, TimeUnit.MILLISECONDS), "cannot be on disk yet");
      Files.delete(logDir);
      Files.move(aside, logDir);
      assertTrue(w.flush(10, TimeUnit.SECONDS), "written once the directory is back");
    }
    String report = diag.text();
    assertEquals(1, report.lines().filter(l -> l.contains("cannot write")).count(), report);
    assertTrue(report.contains("writing " + log + " again") || report.contains("again"), report);
    List<Path> chain = new ArrayList<>(AuditFiles.rotated(log));
    chain.add(log);
    VerifyResult r = AuditVerifier.verify(chain, null);
    assertTrue(r.ok(), r.message() + "\n" + report);
    assertEquals(3, r.records());
  }

  @Test
  void suppliersRunOnTheWriterThreadNotTheCaller() throws Exception {
    Path log = dir.resolve("audit.jsonl");
    java.util.concurrent.atomic.AtomicReference<Thread> renderedOn = new java.util.concurrent.atomic.AtomicReference<>();
    try (AuditWriter w = AuditWriter.open(config(log), quiet())) {
      w.append(AuditRecord.builder().eventId("probe").parameters(() -> {
        renderedOn.set(Thread.currentThread());
        return null;
      }).build());
      w.flush();
    }
    assertEquals("agentguard-audit", renderedOn.get().getName());
    assertTrue(renderedOn.get().isDaemon());
  }
}
