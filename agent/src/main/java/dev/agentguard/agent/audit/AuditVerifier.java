package dev.agentguard.agent.audit;

import dev.agentguard.agent.config.IoReason;
import dev.agentguard.agent.json.CanonicalJson;
import dev.agentguard.agent.json.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * {@code audit verify}: re-derives every hash of one chain spread over files given oldest first, and checks
 * the {@link AuditHead} sidecar of the last file when there is one.
 *
 * <p>What each tampering looks like: an edited field or key changes the record's hash (fails at that seq); a
 * removed, inserted, swapped or duplicated line breaks the seq sequence or the prevHash link (fails at the
 * seq expected there); removed trailing lines leave the chain shorter than the head (fails at the first
 * missing seq); a torn last line fails at the seq it should have held. Without the head, the chain cannot
 * tell a log cut at a line boundary from a complete one, and a single file that starts at seq > 1 (a rotated
 * file) is trusted from its first prevHash. A plain SHA-256 chain proves integrity against accidents and
 * careless edits only: whoever can write the file can recompute it. Use an HMAC key for tamper evidence.
 */
public final class AuditVerifier {
  private final ChainHash chain;
  private final boolean keyed;
  private AuditHead head;
  private Long expectedSeq; // null until the first record is read
  private String expectedPrev;
  private long records;
  private long lastFileFirstSeq;
  private String parseError;
  private final StringBuilder canonical = new StringBuilder(1024);

  private AuditVerifier(byte[] hmacKeyOrNull) {
    this.chain = new ChainHash(hmacKeyOrNull);
    this.keyed = hmacKeyOrNull != null;
  }

  /**
   * Verifies {@code files} as one chain, in the order given (rotated files oldest first, the active file last).
   *
   * @throws UncheckedIOException if a file cannot be read
   */
  public static VerifyResult verify(List<Path> files, byte[] hmacKeyOrNull) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no audit files to verify");
    }
    try {
      return new AuditVerifier(hmacKeyOrNull).run(files);
    } catch (IOException e) {
      throw new UncheckedIOException(IoReason.of(e, null), e); // one of several files: the exception says which
    }
  }

  private VerifyResult run(List<Path> files) throws IOException {
    Path last = files.get(files.size() - 1);
    Path headPath = AuditHead.pathFor(last);
    try {
      head = AuditHead.read(headPath);
    } catch (IOException e) {
      return VerifyResult.failed(null, e.getMessage(), 0);
    }
    if (head != null) {
      String name = headPath.getFileName().toString();
      if (ChainHash.HMAC_SHA_256.equals(head.alg()) && !keyed) {
        return VerifyResult.failed(null, "the log is chained with HMAC-SHA256 (see " + name
            + "): verify it with its HMAC key", 0);
      }
      if (ChainHash.SHA_256.equals(head.alg()) && keyed) {
        return VerifyResult.failed(null, "the log is chained with plain SHA-256 (see " + name
            + "), not HMAC: verify it without a key", 0);
      }
      if (!head.macValid(chain)) {
        return VerifyResult.failed(null, name + ": the MAC does not match: wrong HMAC key, or the head file"
            + " was edited", 0);
      }
    }
    for (int i = 0; i < files.size(); i++) {
      VerifyResult failure = verifyFile(files.get(i), i == files.size() - 1);
      if (failure != null) {
        return failure;
      }
    }
    VerifyResult failure = checkHeadCoverage(last, headPath);
    return failure != null ? failure : VerifyResult.intact(records);
  }

  /** Checks every line of one file against the chain so far; null if all hold. */
  private VerifyResult verifyFile(Path file, boolean isLast) throws IOException {
    long fileFirstSeq = 0;
    try (LineReader lines = new LineReader(file)) {
      while (lines.next()) {
        String where = file + ":" + lines.lineNumber();
        if (!lines.terminated()) {
          return fail(lines, where + ": the last line is incomplete (a torn write: a crash, or the file was"
              + " cut)");
        }
        SortedMap<String, String> record = parse(lines);
        if (record == null) {
          return fail(lines, where + ": not a JSON object" + (parseError == null ? "" : " (" + parseError + ")"));
        }
        // Member values are canonical JSON texts: a seq is plain digits, a hash a quoted hex string.
        long seq = positiveLong(record.get("seq"));
        String prevHash = hexString(record.get("prevHash"));
        String hash = hexString(record.remove("hash"));
        if (seq < 1 || prevHash == null || hash == null) {
          return fail(lines, where + ": not an audit record (seq, prevHash or hash missing or malformed)");
        }
        if (expectedSeq == null) {
          if (seq == 1 && !prevHash.equals(ChainHash.GENESIS)) {
            return VerifyResult.failed(1L, where + ": seq 1 must have a prevHash of 64 zeros", records);
          }
          if (head != null && head.seq() == seq - 1 && !ChainHash.same(prevHash, head.hash())) {
            return VerifyResult.failed(seq, where + ": prevHash of seq " + seq + " differs from the hash the"
                + " head file records for seq " + head.seq(), records);
          }
        } else if (seq != expectedSeq) {
          String why = seq < expectedSeq
              ? "found seq " + seq + " again after seq " + (expectedSeq - 1) + " (a duplicated, reordered or"
                  + " inserted line)"
              : "found seq " + seq + " after seq " + (expectedSeq - 1) + ": " + describeMissing(expectedSeq, seq)
                  + " (lines removed or reordered)";
          return VerifyResult.failed(expectedSeq, where + ": " + why, records);
        } else if (!prevHash.equals(expectedPrev)) {
          return VerifyResult.failed(seq, where + ": prevHash of seq " + seq + " is not the hash of seq "
              + (seq - 1) + " (a record was replaced or inserted)", records);
        }
        canonical.setLength(0);
        CanonicalJson.writeMembers(canonical, record);
        String computed = chain.link(prevHash, canonical.toString().getBytes(StandardCharsets.UTF_8));
        if (!ChainHash.same(computed, hash)) {
          String cause = records == 0 && head == null
              ? "the record was edited, or the HMAC key is " + (keyed ? "wrong" : "missing")
              : "the record was edited";
          return VerifyResult.failed(seq, where + ": the hash does not match the content of seq " + seq
              + " (" + cause + ")", records);
        }
        if (head != null && seq == head.seq() && !ChainHash.same(hash, head.hash())) {
          return VerifyResult.failed(seq, where + ": seq " + seq + " is not the record the head file recorded"
              + " (it was replaced)", records);
        }
        if (fileFirstSeq == 0) {
          fileFirstSeq = seq;
        }
        records++;
        expectedSeq = seq + 1;
        expectedPrev = hash;
      }
    }
    if (isLast) {
      lastFileFirstSeq = fileFirstSeq;
    }
    return null;
  }

  /** The head must not record more than the files hold, nor a different start for the last file. */
  private VerifyResult checkHeadCoverage(Path last, Path headPath) {
    if (head == null) {
      return null;
    }
    long lastSeq = expectedSeq == null ? 0 : expectedSeq - 1;
    String name = headPath.getFileName().toString();
    if (head.seq() > lastSeq) {
      long firstMissing = expectedSeq == null ? head.firstSeq() : expectedSeq;
      String have = expectedSeq == null ? last + " has no records" : last + " ends at seq " + lastSeq;
      return VerifyResult.failed(firstMissing, have + " but " + name + " records seq " + head.seq() + ": "
          + describeMissing(firstMissing, head.seq() + 1)
          + (expectedSeq == null ? " (the file was emptied)" : " (trailing lines removed)"), records);
    }
    if (lastFileFirstSeq != 0 && head.seq() >= lastFileFirstSeq && head.firstSeq() != lastFileFirstSeq) {
      return VerifyResult.failed(Math.min(head.firstSeq(), lastFileFirstSeq), last + " starts at seq "
          + lastFileFirstSeq + " but " + name + " records it starting at seq " + head.firstSeq()
          + " (lines removed from or added at its start)", records);
    }
    return null;
  }

  private static String describeMissing(long from, long toExclusive) {
    return toExclusive - from == 1 ? "seq " + from + " is missing"
        : "seq " + from + " to " + (toExclusive - 1) + " are missing";
  }

  /** The line's members as canonical texts (streamed, no tree), or null with {@link #parseError} set. */
  private SortedMap<String, String> parse(LineReader lines) {
    parseError = null;
    try (JsonParser p = StrictJson.parser(lines.bytes(), 0, lines.length())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      SortedMap<String, String> members = CanonicalJson.readMembers(p);
      if (p.nextToken() != null) {
        parseError = "content after the object";
        return null;
      }
      return members;
    } catch (JacksonException e) {
      // Jackson's first line says what is wrong (a duplicate key, invalid UTF-8) without the source dump.
      String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
      parseError = reason.length() > 120 ? reason.substring(0, 120) + "..." : reason;
      return null;
    } catch (IllegalArgumentException e) {
      parseError = e.getMessage(); // a number with no JSON form, such as 1e400
      return null;
    }
  }

  /** The value of a canonical integer text such as {@code 42}, or -1. */
  private static long positiveLong(String canonical) {
    if (canonical == null || canonical.isEmpty() || canonical.length() > 18) {
      return -1;
    }
    for (int i = 0; i < canonical.length(); i++) {
      char c = canonical.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Long.parseLong(canonical);
  }

  /** The hex inside a canonical string text {@code "<64 hex>"}, or null. */
  private static String hexString(String canonical) {
    if (canonical == null || canonical.length() != 66 || canonical.charAt(0) != '"' || canonical.charAt(65) != '"') {
      return null;
    }
    String hex = canonical.substring(1, 65);
    return ChainHash.isHash(hex) ? hex : null;
  }

  /** A failure at a line that is not a readable record: name the seq it should have held. */
  private VerifyResult fail(LineReader lines, String message) throws IOException {
    Long seq = expectedSeq;
    if (seq == null) {
      seq = leadingSeq(lines.bytes(), lines.length());
    }
    while (seq == null && lines.next()) {
      java.util.Map<String, Object> next =
          AuditFiles.parseRecord(java.util.Arrays.copyOf(lines.bytes(), lines.length()));
      if (next != null) {
        seq = (Long) next.get("seq") - 1;
      }
    }
    return VerifyResult.failed(seq == null || seq < 1 ? 1L : seq, message, records);
  }

  /** The seq of a line that begins like a record ({"seq":123,...) even if the rest is unreadable. */
  private static Long leadingSeq(byte[] line, int length) {
    byte[] prefix = "{\"seq\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (length <= prefix.length) {
      return null;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return null;
      }
    }
    long seq = 0;
    int i = prefix.length;
    while (i < length && i < prefix.length + 18 && line[i] >= '0' && line[i] <= '9') {
      seq = seq * 10 + (line[i] - '0');
      i++;
    }
    return i > prefix.length && i < length && line[i] == ',' && seq > 0 ? seq : null;
  }
}
