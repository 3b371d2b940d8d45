package dev.agentguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Runs eval on a file holding {@code content} and expects it refused with exactly {@code message}. */
  private void refused(Path file, byte[] content, String message) throws Exception {
    Files.write(file, content);
    err.reset();
    assertEquals(2, run(file.toString()), err::toString);
    assertEquals("eval: " + message, err().strip());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  private void refused(Path file, String content, String message) throws Exception {
    refused(file, content.getBytes(StandardCharsets.UTF_8), message);
  }

  private int run(String... args) {
    return new EvalCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Path fixture() throws Exception {
    return Path.of(EvalCommandTest.class.getResource("/dev/agentguard/agent/detect/eval-fixture.jsonl").toURI());
  }

  @Test
  void reportsRecallAndFalsePositivesPerKindWithCounts() throws Exception {
    assertEquals(0, run(fixture().toString()));
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("11 rows"), report);
    assertTrue(Pattern.compile("MB/s, \\d+ rows/s").matcher(report).find(), report);
    // Rows are scanned by their shape: the tables are tool results, the prose order mails messages.
    String tail = "\\s+\\d\\.\\d{3} \\(\\d/%d\\)\\s+%d scanned as tool results.*";
    assertTrue(report.matches("(?s).*indirect\\s+recall" + tail.formatted(2, 1)), report);
    assertTrue(report.matches("(?s).*benign\\s+fpr" + tail.formatted(5, 1)), report);
    assertTrue(report.matches("(?s).*direct\\s+recall" + tail.formatted(2, 0)), report);
    Matcher all = Pattern.compile("all attacks\\s+recall (\\d\\.\\d{3}) \\((\\d+)/6\\)").matcher(report);
    assertTrue(all.find(), report);
    assertTrue(Integer.parseInt(all.group(2)) >= 5, report); // clear attacks written for this test
    Matcher fp = Pattern.compile("all benign\\s+fpr\\s+(\\d\\.\\d{3}) \\((\\d+)/5\\)").matcher(report);
    assertTrue(fp.find(), report);
    assertEquals(0, Integer.parseInt(fp.group(2)), report);
  }

  @Test
  void aByteOrderMarkBeforeTheFirstLineIsNoPartOfIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bom.jsonl");
    Files.writeString(file, "\uFEFF{\"text\":\"hello\",\"label\":0}\n{\"text\":\"good morning\",\"label\":0}\n");
    assertEquals(0, run(file.toString()), err::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 rows"), out::toString);
  }

  @Test
  void badJsonLineIsAnErrorWithItsNumber(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"text\":\"hello\",\"label\":0}\n{\"text\": oops}\n");
    assertEquals(2, run(file.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 2"), err::toString);
    assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count(), "one line, no stack trace");
  }

  @Test
  void missingLabelAndMissingFileAreErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nolabel.jsonl");
    Files.writeString(file, "{\"text\":\"hello\"}\n");
    assertEquals(2, run(file.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 1"));
    assertEquals(2, run(dir.resolve("absent.jsonl").toString()));
    assertEquals(2, run());
  }

  @Test
  void invalidUtf8NamesItsLine(@TempDir Path dir) throws Exception {
    byte[] bytes = "{\"text\":\"ok\",\"label\":0}\n{\"text\":\"caf~\",\"label\":0}\n".getBytes(StandardCharsets.UTF_8);
    bytes[new String(bytes, StandardCharsets.UTF_8).indexOf('~')] = (byte) 0xE9; // e-acute in ISO-8859-1
    Path file = dir.resolve("latin1.jsonl");
    refused(file, bytes, file + ": line 2: not UTF-8 text (byte offset 36)");
  }

  @Test
  void aSetWithNoRowIsAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("empty.jsonl");
    refused(file, "", file + " has no rows");
    refused(file, "\uFEFF", file + " has no rows");
  }

  @Test
  void aBlankLineIsAnErrorButAFinalLineBreakIsNone(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("blank.jsonl");
    refused(file, "\n\n", file + ": line 1: blank line");
    refused(file, "{\"text\":\"a\",\"label\":0}\n   \n{\"text\":\"b\",\"label\":0}\n",
        file + ": line 2: blank line");
    refused(file, "{\"text\":\"a\",\"label\":0}\r\n\r\n", file + ": line 2: blank line");
    Files.writeString(file, "{\"text\":\"a\",\"label\":0}\r\n{\"text\":\"b\",\"label\":1}\r\n");
    err.reset();
    assertEquals(0, run(file.toString()), err::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 rows"), out::toString);
  }

  @Test
  void spanLabelledSetsAreNamedAsSuch(@TempDir Path dir) throws Exception {
    String scoresInjectionOnly = "; this build's eval scores injection sets only: rows with a \"text\" string and "
        + "\"label\" 0 or 1";
    Path pii = dir.resolve("any-name.jsonl");
    refused(pii, "{\"text\": \"Call Ann\", \"spans\": [{\"type\": \"PERSON\", \"start\": 5, \"end\": 8}]}\n",
        pii + ": line 1: a span-labelled PII/secrets row (\"spans\", no \"label\")" + scoresInjectionOnly);
    Path secrets = dir.resolve("other.jsonl");
    refused(secrets, "{\"text\": \"token = abc\", \"has_secret\": false, \"types\": [\"generic\"]}\n",
        secrets + ": line 1: a span-labelled PII/secrets row (\"has_secret\", no \"label\")" + scoresInjectionOnly);
  }

  @Test
  void aKindThatIsNoStringIsAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kind.jsonl");
    String message = file + ": line 1: \"kind\" must be a non-empty string";
    refused(file, "{\"text\":\"a\",\"label\":1,\"kind\":7}\n", message);
    refused(file, "{\"text\":\"a\",\"label\":1,\"kind\":null}\n", message);
    refused(file, "{\"text\":\"a\",\"label\":1,\"kind\":\" \"}\n", message);
  }

  @Test
  void aLabelOutOfIntRangeIsAnErrorNotAnInternalOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("label.jsonl");
    refused(file, "{\"text\":\"a\",\"label\":4294967297}\n", file + ": line 1: \"label\" must be 0 or 1");
  }

  @Test
  void jsonErrorsAreInPlainWords(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("trailing.jsonl");
    refused(file, "{\"text\":\"a\",\"label\":0} {}\n", file + ": line 1: text after the JSON object");
    refused(file, "{\"text\":\"a\",\"label\":0,\"x\":" + "[".repeat(600) + "]".repeat(600) + "}\n",
        file + ": line 1: JSON nested more than 500 levels deep");
  }

  @Test
  void readErrorsSayWhatIsWrong(@TempDir Path dir) throws Exception {
    err.reset();
    assertEquals(2, run(dir.toString()));
    assertEquals("eval: cannot read " + dir + ": it is a directory", err().strip());
  }
}
