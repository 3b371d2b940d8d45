package dev.agentguard.agent.audit;

import dev.agentguard.agent.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Renders one {@link AuditRecord} into its line (fields in SPEC §7 order) and chains its hash. Each value is
 * written once in canonical form; the line and the hashed canonical record (same values, keys sorted) are
 * assembled from those, so a verifier that parses the line and canonicalizes it gets the very same bytes.
 * Not thread-safe: the writer uses one under its lock.
 */
final class AuditLineFormat {
  /**
   * SPEC §7 order; {@code hash} follows them on every line. {@code findings} (value-free notes of what a
   * guard found, such as injection signals) is ours, next to {@code guardrailsApplied}.
   */
  static final List<String> FIELDS = List.of("seq", "eventId", "parentEventId", "timestamp", "agentId",
      "userId", "sessionId", "orgId", "action", "method", "parameters", "decision", "reason", "outcome",
      "guardrailsApplied", "findings", "riskLevel", "securityLevel", "inputsSanitized", "wasSanitized", "wasApproved",
      "approval", "executionTimeMs", "costDollars", "llmTokenUsage", "outputSummary", "errorCategory",
      "traceId", "spanId", "prevHash");
  static final String UNRENDERABLE = "{\"error\":\"unrenderable\"}";

  private static final int COUNT = FIELDS.size();
  /** {@code "key":} as UTF-8 for the line (SPEC order, ',' before all but the first). */
  private static final byte[][] LINE_PREFIX = new byte[COUNT][];
  /** The same for the hashed form, in sorted key order. */
  private static final byte[][] SORTED_PREFIX = new byte[COUNT][];
  private static final int[] SORTED = new int[COUNT];
  private static final byte[] HASH_KEY = ",\"hash\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LINE_END = "\"}\n".getBytes(StandardCharsets.UTF_8);

  static {
    Integer[] order = new Integer[COUNT];
    String[] key = new String[COUNT];
    for (int i = 0; i < COUNT; i++) {
      StringBuilder sb = new StringBuilder();
      CanonicalJson.writeString(sb, FIELDS.get(i));
      key[i] = sb.append(':').toString();
      LINE_PREFIX[i] = ((i == 0 ? "{" : ",") + key[i]).getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    // The hashed form sorts keys by UTF-16 code units (RFC 8785); the order is fixed, so sort once.
    Arrays.sort(order, (a, b) -> FIELDS.get(a).compareTo(FIELDS.get(b)));
    for (int i = 0; i < COUNT; i++) {
      SORTED[i] = order[i];
      SORTED_PREFIX[i] = ((i == 0 ? "{" : ",") + key[order[i]]).getBytes(StandardCharsets.UTF_8);
    }
  }

  private final StringBuilder values = new StringBuilder(1024);
  private final int[] start = new int[COUNT];
  private final int[] end = new int[COUNT];
  private final int[] byteStart = new int[COUNT];
  private final int[] byteEnd = new int[COUNT];
  private long cachedEpochDay = Long.MIN_VALUE;
  private String cachedDayPrefix;

  /** One rendered, chained line: its seq, its hash and its bytes including the final newline. */
  record AuditLine(long seq, String hash, byte[] utf8) {}

  AuditLine render(AuditRecord r, long seq, String prevHash, ChainHash chain) {
    values.setLength(0);
    int f = 0;
    begin(f);
    values.append(seq);
    f = next(f);
    CanonicalJson.writeString(values, r.eventId);
    f = next(f);
    CanonicalJson.writeString(values, r.parentEventId);
    f = next(f);
    writeTimestamp(r.timestampMillis);
    f = next(f);
    CanonicalJson.writeString(values, r.agentId);
    f = next(f);
    CanonicalJson.writeString(values, r.userId);
    f = next(f);
    CanonicalJson.writeString(values, r.sessionId);
    f = next(f);
    CanonicalJson.writeString(values, r.orgId);
    f = next(f);
    CanonicalJson.writeString(values, r.action);
    f = next(f);
    CanonicalJson.writeString(values, r.method);
    f = next(f);
    writeDeferred(r::parameters);
    f = next(f);
    CanonicalJson.writeString(values, r.decision);
    f = next(f);
    CanonicalJson.writeString(values, r.reason);
    f = next(f);
    CanonicalJson.writeString(values, r.outcome);
    f = next(f);
    writeStrings(r.guardrailsApplied);
    f = next(f);
    writeStrings(r.findings);
    f = next(f);
    CanonicalJson.writeString(values, r.riskLevel);
    f = next(f);
    values.append(r.securityLevel);
    f = next(f);
    values.append(r.inputsSanitized);
    f = next(f);
    values.append(r.wasSanitized);
    f = next(f);
    values.append(r.wasApproved);
    f = next(f);
    writeNode(r.approval);
    f = next(f);
    writeNumber(r.executionTimeMs);
    f = next(f);
    writeNumber(r.costDollars);
    f = next(f);
    writeNode(r.llmTokenUsage);
    f = next(f);
    writeDeferred(r::outputSummary);
    f = next(f);
    CanonicalJson.writeString(values, r.errorCategory);
    f = next(f);
    CanonicalJson.writeString(values, r.traceId);
    f = next(f);
    CanonicalJson.writeString(values, r.spanId);
    f = next(f);
    CanonicalJson.writeString(values, prevHash);
    end[f] = values.length();

    // Encode all values once; the hashed form and the line are both slices of these bytes.
    String text = values.toString();
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    int[] from = start;
    int[] to = end;
    if (utf8.length != text.length()) { // some non-ASCII: char offsets are not byte offsets
      int bytes = 0;
      for (int i = 0; i < COUNT; i++) {
        byteStart[i] = bytes;
        bytes += utf8Length(text, start[i], end[i]);
        byteEnd[i] = bytes;
      }
      from = byteStart;
      to = byteEnd;
    }

    chain.begin(prevHash);
    for (int i = 0; i < COUNT; i++) {
      int field = SORTED[i];
      chain.update(SORTED_PREFIX[i], 0, SORTED_PREFIX[i].length);
      chain.update(utf8, from[field], to[field] - from[field]);
    }
    chain.update((byte) '}');
    String hash = chain.finish();

    int size = utf8.length + HASH_KEY.length + hash.length() + LINE_END.length;
    for (byte[] prefix : LINE_PREFIX) {
      size += prefix.length;
    }
    byte[] line = new byte[size];
    int at = 0;
    for (int field = 0; field < COUNT; field++) {
      System.arraycopy(LINE_PREFIX[field], 0, line, at, LINE_PREFIX[field].length);
      at += LINE_PREFIX[field].length;
      int len = to[field] - from[field];
      System.arraycopy(utf8, from[field], line, at, len);
      at += len;
    }
    System.arraycopy(HASH_KEY, 0, line, at, HASH_KEY.length);
    at += HASH_KEY.length;
    for (int i = 0; i < hash.length(); i++) {
      line[at++] = (byte) hash.charAt(i);
    }
    System.arraycopy(LINE_END, 0, line, at, LINE_END.length);
    return new AuditLine(seq, hash, line);
  }

  /** UTF-8 length of text[from, to); canonical text holds no lone surrogates (they are escaped). */
  private static int utf8Length(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private void begin(int field) {
    start[field] = values.length();
  }

  private int next(int field) {
    end[field] = values.length();
    start[field + 1] = values.length();
    return field + 1;
  }

  /** A supplier or its tree may fail (a host bug, a NaN); the record is still written, that field marked. */
  private void writeDeferred(Supplier<JsonNode> supplier) {
    int mark = values.length();
    try {
      CanonicalJson.write(values, supplier.get());
    } catch (Throwable t) {
      values.setLength(mark);
      values.append(UNRENDERABLE);
    }
  }

  private void writeNode(JsonNode node) {
    writeDeferred(() -> node);
  }

  private void writeStrings(List<String> list) {
    if (list == null) {
      values.append("null");
      return;
    }
    values.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        values.append(',');
      }
      CanonicalJson.writeString(values, list.get(i));
    }
    values.append(']');
  }

  /** NaN and infinities have no JSON form; they mean "not measured", so null. */
  private void writeNumber(Double d) {
    if (d == null || d.isNaN() || d.isInfinite()) {
      values.append("null");
    } else {
      CanonicalJson.writeDouble(values, d);
    }
  }

  /** ISO-8601 UTC with milliseconds, e.g. 2026-11-21T10:15:30.123Z; 0 (never set) is written as null. */
  private void writeTimestamp(long millis) {
    if (millis == 0) {
      values.append("null");
      return;
    }
    long day = Math.floorDiv(millis, 86_400_000L);
    int msOfDay = (int) Math.floorMod(millis, 86_400_000L);
    if (day != cachedEpochDay) {
      String prefix = dayPrefix(day);
      if (prefix == null) {
        values.append('"').append(java.time.Instant.ofEpochMilli(millis)).append('"');
        return;
      }
      cachedDayPrefix = prefix;
      cachedEpochDay = day;
    }
    values.append(cachedDayPrefix);
    int hours = msOfDay / 3_600_000;
    int minutes = msOfDay / 60_000 % 60;
    int seconds = msOfDay / 1000 % 60;
    int ms = msOfDay % 1000;
    twoDigits(hours);
    values.append(':');
    twoDigits(minutes);
    values.append(':');
    twoDigits(seconds);
    values.append('.');
    values.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
    values.append("Z\"");
  }

  /**
   * {@code "YYYY-MM-DDT} (with the opening quote) of a day counted from 1970-01-01 in the proleptic
   * Gregorian calendar, or null outside years 0-9999. Plain arithmetic instead of java.time and
   * String.format: the first record of a run is rendered while the JVM is starting, and those two load about
   * a hundred classes and the locale data.
   */
  static String dayPrefix(long epochDay) {
    // Count from 0000-03-01 so the leap day ends a year; a 400-year era has 146,097 days.
    long shifted = epochDay + 719_468;
    long era = Math.floorDiv(shifted, 146_097);
    long dayOfEra = shifted - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthFromMarch = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
    int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return null;
    }
    char[] out = {'"', 0, 0, 0, 0, '-', 0, 0, '-', 0, 0, 'T'};
    int y = (int) year;
    for (int i = 4; i >= 1; i--, y /= 10) {
      out[i] = (char) ('0' + y % 10);
    }
    out[6] = (char) ('0' + month / 10);
    out[7] = (char) ('0' + month % 10);
    out[9] = (char) ('0' + day / 10);
    out[10] = (char) ('0' + day % 10);
    return new String(out);
  }

  private void twoDigits(int v) {
    values.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
