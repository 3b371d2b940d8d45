package dev.agentguard.agent.audit;

import static dev.agentguard.agent.audit.AuditFixtures.config;
import static dev.agentguard.agent.audit.AuditFixtures.lines;
import static dev.agentguard.agent.audit.AuditFixtures.writeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.agent.json.CanonicalJson;
import dev.agentguard.agent.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Every kind of tampering is caught, at the right seq. Lines are 0-based here, seq N is line N-1. */
class AuditVerifierTest {
  @TempDir
  Path dir;
  Path log;
  List<String> original;

  @BeforeEach
  void writeTwentyRecords() throws Exception {
    log = dir.resolve("audit.jsonl");
    AuditFixtures.writeLog(config(log), 20);
    original = lines(log);
    assertTrue(AuditVerifier.verify(List.of(log), null).ok());
  }

  private VerifyResult tamper(java.util.function.Consumer<List<String>> edit) throws Exception {
    List<String> l = new ArrayList<>(original);
    edit.accept(l);
    writeLines(log, l);
    return AuditVerifier.verify(List.of(log), null);
  }

  private static void assertFailsAt(long seq, VerifyResult r) {
    assertFalse(r.ok(), "tampering went unnoticed");
    assertEquals(seq, r.firstBadSeq(), r.message());
    assertFalse(r.message().isBlank());
    assertFalse(r.message().contains("\n"), "one line: " + r.message());
  }

  /** Recomputes a record's plain SHA-256 hash, as someone editing an unkeyed log could. */
  private static String rehash(String line) throws Exception {
    ObjectNode n = (ObjectNode) StrictJson.parse(line);
    n.remove("hash");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(n.get("prevHash").stringValue().getBytes(StandardCharsets.US_ASCII));
    String hash = HexFormat.of().formatHex(sha.digest(CanonicalJson.canonicalUtf8(n)));
    n.put("hash", hash);
    return n.toString();
  }

  @Test
  void editedValue() throws Exception {
    assertFailsAt(7, tamper(l -> l.set(6, l.get(6).replace("\"userId\":\"u-7\"", "\"userId\":\"u-8\""))));
  }

  @Test
  void editedNumberEvenToAnEqualLookingForm() throws Exception {
    assertFailsAt(7, tamper(l -> l.set(6, l.get(6).replace("\"securityLevel\":3", "\"securityLevel\":4"))));
  }

  @Test
  void reformattingWithoutChangingAnyValueIsNotTampering() throws Exception {
    // The hash covers the canonical form, so whitespace and key order do not matter; values do.
    VerifyResult r = tamper(l -> l.set(6, StrictJson.parse(l.get(6)).toPrettyString().replace("\n", " ")));
    assertTrue(r.ok(), r.message());
  }

  @Test
  void editedKey() throws Exception {
    assertFailsAt(7, tamper(l -> l.set(6, l.get(6).replace("\"riskLevel\":", "\"riskLeve1\":"))));
  }

  @Test
  void addedField() throws Exception {
    assertFailsAt(7, tamper(l -> l.set(6, l.get(6).replace("{\"seq\":7,", "{\"seq\":7,\"extra\":1,"))));
  }

  @Test
  void deletedLine() throws Exception {
    VerifyResult r = tamper(l -> l.remove(6));
    assertFailsAt(7, r);
    assertTrue(r.message().contains("seq 7 is missing"), r.message());
  }

  @Test
  void insertedForgedLineWithAGarbageHash() throws Exception {
    assertFailsAt(8, tamper(l -> l.add(7, l.get(7).replace("\"userId\":\"u-8\"", "\"userId\":\"mallory\""))));
  }

  @Test
  void insertedForgedLineWithARecomputedHash() throws Exception {
    // A well-formed seq 8 that links to seq 7: the original seq 8 after it no longer fits.
    VerifyResult r = tamper(l -> {
      try {
        l.add(7, rehash(l.get(7).replace("\"userId\":\"u-8\"", "\"userId\":\"mallory\"")));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertFailsAt(9, r);
  }

  @Test
  void editedAndRehashedRecordBreaksTheNextLink() throws Exception {
    VerifyResult r = tamper(l -> {
      try {
        l.set(6, rehash(l.get(6).replace("\"outcome\":\"blocked\"", "\"outcome\":\"success\"")));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertFailsAt(8, r);
    assertTrue(r.message().contains("prevHash"), r.message());
  }

  @Test
  void swappedLines() throws Exception {
    assertFailsAt(7, tamper(l -> java.util.Collections.swap(l, 6, 7)));
  }

  @Test
  void duplicatedLine() throws Exception {
    VerifyResult r = tamper(l -> l.add(7, l.get(6)));
    assertFailsAt(8, r);
    assertTrue(r.message().contains("again"), r.message());
  }

  @Test
  void removedLastLineIsCaughtByTheHead() throws Exception {
    VerifyResult r = tamper(l -> l.remove(19));
    assertFailsAt(20, r);
    assertTrue(r.message().contains("head"), r.message());
  }

  @Test
  void removedTrailingLinesAreCaughtByTheHead() throws Exception {
    assertFailsAt(16, tamper(l -> l.subList(15, 20).clear()));
  }

  @Test
  void removedFirstLineIsCaughtByTheHead() throws Exception {
    assertFailsAt(1, tamper(l -> l.remove(0)));
  }

  @Test
  void lastLineCutMidway() throws Exception {
    String last = original.get(19);
    List<String> l = new ArrayList<>(original.subList(0, 19));
    writeLines(log, l);
    Files.writeString(log, last.substring(0, last.length() / 2), java.nio.file.StandardOpenOption.APPEND);
    VerifyResult r = AuditVerifier.verify(List.of(log), null);
    assertFailsAt(20, r);
    assertTrue(r.message().contains("incomplete"), r.message());
  }

  @Test
  void lineCutMidwayInTheMiddle() throws Exception {
    assertFailsAt(10, tamper(l -> l.set(9, l.get(9).substring(0, 50))));
  }

  @Test
  void notJsonLine() throws Exception {
    assertFailsAt(6, tamper(l -> l.add(5, "this is not json")));
    assertFailsAt(6, tamper(l -> l.add(5, "")));
    assertFailsAt(6, tamper(l -> l.add(5, "[1,2]")));
  }

  @Test
  void duplicateKeysInALineAreRejectedNotResolved() throws Exception {
    assertFailsAt(7, tamper(l -> l.set(6, l.get(6).replace("{\"seq\":7,", "{\"seq\":7,\"seq\":7,"))));
  }

  @Test
  void invalidUtf8IsRejected() throws Exception {
    List<String> l = new ArrayList<>(original);
    writeLines(log, l);
    byte[] bytes = Files.readAllBytes(log);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = text.indexOf("\"agent-1\"", text.indexOf("\"seq\":4,")) + 1; // ASCII up to here: index == byte offset
    bytes[at] = (byte) 0xff;
    Files.write(log, bytes);
    assertFailsAt(4, AuditVerifier.verify(List.of(log), null));
  }

  @Test
  void replacedHeadIsCaughtWithHmac() throws Exception {
    // With a key, the head cannot be rewritten to match a cut log.
    byte[] key = "k".repeat(32).getBytes(StandardCharsets.US_ASCII);
    Path keyed = dir.resolve("keyed.jsonl");
    AuditFixtures.writeLog(config(keyed).withHmacKey(key), 10);
    Path head = AuditHead.pathFor(keyed);
    List<String> l = lines(keyed);
    writeLines(keyed, l.subList(0, 9));
    String lastHash = StrictJson.parse(l.get(8)).get("hash").stringValue();
    String forged = Files.readString(head).replaceAll("\"seq\":10", "\"seq\":9")
        .replaceAll("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":\"" + lastHash + "\"");
    Files.writeString(head, forged);
    VerifyResult r = AuditVerifier.verify(List.of(keyed), key);
    assertFalse(r.ok());
    assertTrue(r.message().contains("MAC"), r.message());
  }

  @Test
  void emptiedFileWithAHeadFails() throws Exception {
    VerifyResult r = tamper(List::clear);
    assertFailsAt(1, r);
  }

  @Test
  void withoutTheHeadATrailingCutCannotBeSeen() throws Exception {
    // Documented limit: the head is what detects a cut at a line boundary.
    Files.delete(AuditHead.pathFor(log));
    VerifyResult r = tamper(l -> l.remove(19));
    assertTrue(r.ok(), r.message());
    assertEquals(19, r.records());
  }

  @Test
  void firstRecordMustStartFromGenesis() throws Exception {
    Files.delete(AuditHead.pathFor(log));
    VerifyResult r = tamper(l -> {
      try {
        l.set(0, rehash(l.get(0).replace("\"prevHash\":\"" + "0".repeat(64), "\"prevHash\":\"" + "1".repeat(64))));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertFailsAt(1, r);
  }

  @Test
  void tamperingAcrossARotatedFileBoundary() throws Exception {
    Path rlog = dir.resolve("rot.jsonl");
    AuditFixtures.writeLog(new AuditConfig(rlog, null, 3000, false, 1024), 30);
    List<Path> chain = new ArrayList<>(AuditFiles.rotated(rlog));
    chain.add(rlog);
    assertTrue(chain.size() >= 3);
    assertTrue(AuditVerifier.verify(chain, null).ok());
    Path first = chain.get(0);
    Path second = chain.get(1);
    List<String> firstLines = lines(first);
    List<String> secondLines = lines(second);
    long lastOfFirst = StrictJson.parse(firstLines.get(firstLines.size() - 1)).get("seq").longValue();

    // Edit the first record of the second file.
    List<String> edited = new ArrayList<>(secondLines);
    edited.set(0, edited.get(0).replace("\"decision\":\"allow\"", "\"decision\":\"deny\""));
    writeLines(second, edited);
    assertFailsAt(lastOfFirst + 1, AuditVerifier.verify(chain, null));
    writeLines(second, secondLines);

    // Move the last line of the first file to the start of the second: each file looks fine alone.
    List<String> shorter = new ArrayList<>(firstLines.subList(0, firstLines.size() - 1));
    writeLines(first, shorter);
    assertTrue(AuditVerifier.verify(List.of(first), null).ok());
    assertFailsAt(lastOfFirst, AuditVerifier.verify(chain, null));
    writeLines(first, firstLines);

    // Drop the last line of the first file.
    writeLines(first, shorter);
    assertFailsAt(lastOfFirst, AuditVerifier.verify(chain, null));
    writeLines(first, firstLines);

    VerifyResult restored = AuditVerifier.verify(chain, null);
    assertTrue(restored.ok(), restored.message());
    assertNull(restored.firstBadSeq());
    assertEquals(30, restored.records());
  }
}
