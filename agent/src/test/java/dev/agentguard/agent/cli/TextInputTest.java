package dev.agentguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reading rules scan and eval share, at the edges the commands' tests do not reach cheaply. */
class TextInputTest {
  private static TextInput input(byte[] bytes, long maxLineBytes) {
    return TextInput.of("in", new ByteArrayInputStream(bytes), maxLineBytes);
  }

  private static List<TextInput.Line> lines(String s, long maxLineBytes) throws BadInput {
    List<TextInput.Line> lines = new ArrayList<>();
    try (TextInput in = input(s.getBytes(StandardCharsets.UTF_8), maxLineBytes)) {
      for (TextInput.Line line; (line = in.nextLine()) != null; ) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void charactersSplitAcrossReadsAreDecodedWhole() throws BadInput {
    // 2-, 3- and 4-byte characters over several 64 KB reads: some fall across the end of a read
    String text = "a\u00e9\u20ac\uD83D\uDE00\n".repeat(20_000);
    assertEquals(text, input(text.getBytes(StandardCharsets.UTF_8), 100).readText());
  }

  @Test
  void aBadByteAfterTheFirstReadHasItsOwnLineAndOffset() {
    byte[] bytes = ("x".repeat(99) + "\n").repeat(1000).getBytes(StandardCharsets.UTF_8);
    bytes[70_050] = (byte) 0xC3; // followed by 'x': a lead byte without its continuation
    BadInput e = assertThrows(BadInput.class, () -> input(bytes, 100).readText());
    assertEquals("in is not UTF-8 text (line 701, byte offset 70050)", e.getMessage());
  }

  @Test
  void linesEndAtLfOrCrlfAndAFinalLineBreakStartsNoLine() throws BadInput {
    List<TextInput.Line> lines = lines("\uFEFFa\r\nb\n\r\nc", 100);
    assertEquals(List.of("a", "b", "", "c"), lines.stream().map(TextInput.Line::text).toList());
    assertEquals(List.of(1, 2, 3, 4), lines.stream().map(TextInput.Line::number).toList());
    assertEquals(1, lines("a\r\n", 100).size());
    assertEquals(0, lines("", 100).size());
  }

  @Test
  void aLineOverTheCapIsThatLinesErrorAndTheNextIsRead() throws BadInput {
    List<TextInput.Line> lines = lines("short\n" + "y".repeat(5000) + "\nnext\n", 1000);
    assertEquals("longer than 1,000 bytes", lines.get(1).error());
    assertNull(lines.get(1).text());
    assertEquals("next", lines.get(2).text());
  }
}
