package dev.agentguard.agent.audit;

import dev.agentguard.agent.config.IoReason;
import dev.agentguard.agent.json.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code audit query}: the records of audit files that match every given filter, passed on as their original
 * lines, unchanged. A null filter matches everything. {@code since} is inclusive and {@code until} exclusive;
 * {@link #parseTime} turns a date into the start of that day (for {@code until}, of the next day, so
 * {@code --until 2026-11-21} includes all of the 21st). A record without a readable timestamp never matches a
 * time filter.
 *
 * @param tool the {@code action} (tool name)
 * @param user the {@code userId}
 * @param outcome {@code success}, {@code failure} or {@code blocked}
 */
public record AuditQuery(String tool, String user, String outcome, Instant since, Instant until) {

  /** How many lines matched, and how many were skipped because they were not JSON objects. */
  public record Counts(long matched, long unreadable) {}

  /**
   * Streams the matching lines of {@code files}, in order, to {@code sink}.
   *
   * @throws UncheckedIOException if a file cannot be read
   */
  public Counts run(List<Path> files, Consumer<String> sink) {
    long matched = 0;
    long unreadable = 0;
    for (Path file : files) {
      try (LineReader lines = new LineReader(file)) {
        while (lines.next()) {
          JsonNode record;
          try {
            record = StrictJson.parse(lines.bytes(), 0, lines.length());
          } catch (JacksonException e) {
            record = null;
          }
          if (record == null || !record.isObject()) {
            unreadable++;
          } else if (matches(record)) {
            sink.accept(lines.text());
            matched++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + IoReason.of(e, file), e);
      }
    }
    return new Counts(matched, unreadable);
  }

  /** True if {@code record} passes every filter that is set. */
  public boolean matches(JsonNode record) {
    if (!equalsField(record, "action", tool) || !equalsField(record, "userId", user)
        || !equalsField(record, "outcome", outcome)) {
      return false;
    }
    if (since == null && until == null) {
      return true;
    }
    JsonNode ts = record.get("timestamp");
    Instant at;
    try {
      at = ts == null || !ts.isString() ? null : Instant.parse(ts.stringValue());
    } catch (DateTimeException e) {
      at = null;
    }
    return at != null && (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
  }

  private static boolean equalsField(JsonNode record, String field, String wanted) {
    if (wanted == null) {
      return true;
    }
    JsonNode value = record.get(field);
    return value != null && value.isString() && wanted.equals(value.stringValue());
  }

  /**
   * Reads a time filter: an ISO-8601 instant ({@code 2026-11-21T10:15:30Z}, an offset such as {@code +02:00},
   * or no zone for UTC) or a date ({@code 2026-11-21}, UTC).
   *
   * @param endOfDay for a date, the start of the next day instead of the day's start (for {@code until})
   * @throws IllegalArgumentException with a one-line message naming the accepted forms
   */
  public static Instant parseTime(String text, boolean endOfDay) {
    String s = text.strip();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      LocalDate day = LocalDate.parse(s);
      return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time: use an ISO-8601 instant such as"
          + " 2026-11-21T10:15:30Z or a date such as 2026-11-21 (UTC)");
    }
  }
}
