package dev.agentguard.samples.supportdesk;

import dev.agentguard.AgentTool;
import dev.agentguard.Risk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes the refunds or outbox report as CSV or JSON into a report directory (export_report). */
public final class ReportExporter {
  private static final List<String> REPORTS = List.of("refunds", "outbox");
  private static final List<String> FORMATS = List.of("csv", "json");

  private final Path directory;
  private final PaymentLedger ledger;
  private final OutboxMailer mailer;
  private final List<Path> written = new CopyOnWriteArrayList<>();

  public ReportExporter(Path directory, PaymentLedger ledger, OutboxMailer mailer) {
    this.directory = directory;
    this.ledger = ledger;
    this.mailer = mailer;
  }

  /** Writes report {@code name} in {@code format} and returns the absolute path of the file. */
  @AgentTool(value = "export_report", description = "Export the refunds or outbox report as csv or json",
      risk = Risk.MEDIUM)
  public String exportReport(String name, String format) {
    // Fixed names only: the name becomes part of a file path.
    if (!REPORTS.contains(name)) {
      throw new IllegalArgumentException("Unknown report '" + name + "'; choose one of " + REPORTS + ".");
    }
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("Unknown format '" + format + "'; choose one of " + FORMATS + ".");
    }
    List<String> header;
    List<List<String>> rows = new ArrayList<>();
    if (name.equals("refunds")) {
      header = List.of("refundId", "paymentId", "amount");
      for (PaymentLedger.Refund r : ledger.refunds()) {
        rows.add(List.of(r.refundId(), r.paymentId(), r.amount().toPlainString()));
      }
    } else {
      // Bodies stay out of the report: they may carry customers' personal details.
      header = List.of("messageId", "to", "subject");
      for (OutboxMailer.Email e : mailer.outbox()) {
        rows.add(List.of(e.messageId(), e.to(), e.subject()));
      }
    }
    String text = format.equals("csv") ? csv(header, rows) : json(header, rows);
    Path file = directory.resolve(name + "." + format).toAbsolutePath();
    try {
      Files.createDirectories(directory);
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write report " + file + ": " + e.getMessage(), e);
    }
    written.add(file);
    return file.toString();
  }

  /** Every file written so far, in order (a report written twice appears twice). */
  public List<Path> written() {
    return List.copyOf(written);
  }

  private static String csv(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder();
    csvLine(out, header);
    for (List<String> row : rows) {
      csvLine(out, row);
    }
    return out.toString();
  }

  private static void csvLine(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String f = fields.get(i);
      boolean quote = f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0
          || f.indexOf('\r') >= 0;
      out.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
    }
    out.append('\n');
  }

  // Hand-written: the sample may depend on nothing but the annotations jar.
  private static String json(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder("[");
    for (int r = 0; r < rows.size(); r++) {
      out.append(r == 0 ? "\n  {" : ",\n  {");
      List<String> row = rows.get(r);
      for (int i = 0; i < header.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        jsonString(out, header.get(i));
        out.append(": ");
        jsonString(out, row.get(i));
      }
      out.append('}');
    }
    return out.append(rows.isEmpty() ? "]\n" : "\n]\n").toString();
  }

  private static void jsonString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
