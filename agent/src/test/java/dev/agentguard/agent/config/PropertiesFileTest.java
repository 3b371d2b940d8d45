package dev.agentguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {
  private final List<ConfigError> errors = new ArrayList<>();

  private List<ConfigEntry> parse(String text) {
    return PropertiesFile.parse(text, "f.properties", errors);
  }

  private Map<String, String> map(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ConfigEntry e : parse(text)) {
      out.put(e.key(), e.value());
    }
    return out;
  }

  @Test
  void separatorsEqualsColonAndWhitespace() {
    Map<String, String> m = map("a=1\nb:2\nc 3\nd = 4\ne\t:\t5\nf   =   six seven\n");
    assertEquals(Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "six seven"), m);
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void commentsAndBlankLinesAreSkippedAndLineNumbersCounted() {
    List<ConfigEntry> entries = parse("# comment\n! also a comment\n\n   \n  key=value\n#x=y\nother=1");
    assertEquals(2, entries.size());
    assertEquals(new ConfigEntry("key", "value", "f.properties", 5), entries.get(0));
    assertEquals(7, entries.get(1).line());
  }

  @Test
  void hashInsideAValueIsNotAComment() {
    assertEquals("a#b !c", map("k=a#b !c").get("k"));
  }

  @Test
  void backslashContinuationJoinsLinesAndDropsLeadingBlanks() {
    List<ConfigEntry> entries = parse("x=1\nlist=a,\\\n     b,\\\n\tc\nafter=2\n");
    assertEquals("a,b,c", entries.get(1).value());
    assertEquals(2, entries.get(1).line(), "an entry is reported at the line where its key starts");
    assertEquals(5, entries.get(2).line(), "continuation lines still count");
  }

  @Test
  void anEvenNumberOfBackslashesDoesNotContinue() {
    Map<String, String> m = map("path=C:\\\\dir\\\\\nnext=1\n");
    assertEquals("C:\\dir\\", m.get("path"));
    assertEquals("1", m.get("next"));
  }

  @Test
  void aCommentLineEndingInBackslashDoesNotSwallowTheNextLine() {
    assertEquals(Map.of("k", "v"), map("# comment \\\nk=v\n"));
  }

  @Test
  void escapes() {
    Map<String, String> m = map("tab=a\\tb\nnl=a\\nb\nuni=caf\\u00e9\nother=\\q\\=\\:\nkey\\ with\\=sep=v\n");
    assertEquals("a\tb", m.get("tab"));
    assertEquals("a\nb", m.get("nl"));
    assertEquals("café", m.get("uni"));
    assertEquals("q=:", m.get("other"));
    assertEquals("v", m.get("key with=sep"));
  }

  @Test
  void malformedUnicodeEscapeIsAnErrorWithTheLine() {
    parse("ok=1\nbad=\\u12x4\n");
    assertEquals(1, errors.size());
    assertEquals(2, errors.get(0).line());
    assertTrue(errors.get(0).message().contains("\\uXXXX"), errors.get(0).message());
    errors.clear();
    parse("bad=\\u12");
    assertEquals(1, errors.size(), "a truncated escape at the end of the file");
  }

  @Test
  void valuesAreTrimmedButAnEscapedTrailingSpaceSurvives() {
    Map<String, String> m = map("a=value   \nb=value\\ \nc=\t\n");
    assertEquals("value", m.get("a"));
    assertEquals("value ", m.get("b"));
    assertEquals("", m.get("c"));
  }

  @Test
  void windowsAndOldMacLineEnds() {
    List<ConfigEntry> entries = parse("a=1\r\nb=2\rc=3\r\n\r\nd=\\\r\n  4");
    assertEquals(List.of("a", "b", "c", "d"), entries.stream().map(ConfigEntry::key).toList());
    assertEquals("4", entries.get(3).value());
    assertEquals(5, entries.get(3).line());
  }

  @Test
  void byteOrderMarkIsIgnored() {
    assertEquals(Map.of("k", "v"), map("\uFEFFk=v"));
  }

  @Test
  void keyDefinedTwiceNamesBothLines() {
    parse("a=1\nb=2\n\na=3\n");
    assertEquals(1, errors.size());
    ConfigError e = errors.get(0);
    assertEquals("a", e.key());
    assertEquals(4, e.line());
    assertTrue(e.message().contains("line 1") && e.message().contains("line 4"), e.message());
  }

  @Test
  void lineWithoutKeyIsAnError() {
    parse("=value\n");
    assertEquals(1, errors.size());
    assertEquals(1, errors.get(0).line());
  }

  @Test
  void agreesWithJavaUtilPropertiesOnItsOwnGrammar() throws IOException {
    String text = "a = 1\nb:2\nc\\\n  ontinued=3\n# x=1\nd=\\u0041\\tB\ne f g\nh=x\\\\\n  i=\\=\n";
    Properties expected = new Properties();
    expected.load(new StringReader(text));
    Map<String, String> m = map(text);
    assertEquals(expected.size(), m.size());
    for (String k : expected.stringPropertyNames()) {
      assertEquals(expected.getProperty(k).strip(), m.get(k), k);
    }
  }

  @Test
  void readsUtf8AndFallsBackToLatin1(@TempDir Path dir) throws IOException {
    Path utf8 = dir.resolve("u.properties");
    Files.writeString(utf8, "k=café", StandardCharsets.UTF_8);
    assertEquals("k=café", PropertiesFile.read(utf8));
    Path latin1 = dir.resolve("l.properties");
    Files.write(latin1, "k=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals("k=café", PropertiesFile.read(latin1));
  }
}
