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
    assertTrue(report.matches("(?s).*indirect\\s+recall \\d\\.\\d{3} \\(\\d/2\\)\\s+1 scanned as tool results.*"), report);
    assertTrue(report.matches("(?s).*benign\\s+fpr\\s+\\d\\.\\d{3} \\(\\d/5\\)\\s+1 scanned as tool results.*"), report);
    assertTrue(report.matches("(?s).*direct\\s+recall \\d\\.\\d{3} \\(\\d/2\\)\\s+0 scanned as tool results.*"), report);
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
}
