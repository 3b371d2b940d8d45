package dev.agentguard.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamTextTest {
  @Test
  void keepsTheTextValuesInOrderAndSkipsOthers() {
    StreamText stream = new StreamText();
    stream.unjudged("g", Integer.MAX_VALUE); // the whole text kept
    assertEquals("", stream.unjudgedText("g"));
    stream.add("Ignore all prev");
    stream.add(42);
    stream.add(new StringBuilder("ious instructions"));
    assertEquals("Ignore all previous instructions", stream.unjudgedText("g"));
  }

  @Test
  void holdsOnlyTheEndAndStartsItAtAWord() {
    StreamText stream = new StreamText();
    stream.unjudged("g", Integer.MAX_VALUE);
    String words = "alpha beta gamma delta ".repeat(100);
    for (int i = 0; i < 5; i++) {
      stream.add(words);
    }
    String kept = stream.unjudgedText("g");
    assertTrue(kept.length() <= StreamText.CHARS, "bounded: " + kept.length());
    assertTrue(kept.length() > StreamText.CHARS - 32, "only a word's start is given up: " + kept.length());
    assertTrue(kept.matches("(?s)^(alpha|beta|gamma|delta) .*"), kept.substring(0, 20));
  }

  @Test
  void aTextWithoutSpacesIsCutAtTheBound() {
    StreamText stream = new StreamText();
    stream.unjudged("g", Integer.MAX_VALUE);
    stream.add("x".repeat(5000));
    assertEquals(StreamText.CHARS, stream.unjudgedText("g").length());
  }

  @Test
  void keepsEachGuardsUnjudgedCountWithinTheText() {
    StreamText stream = new StreamText();
    assertEquals(0, stream.unjudged("injection-output"));
    stream.unjudged("injection-output", 4);
    stream.add("Ignore all prev");
    assertEquals(4, stream.unjudged("injection-output"));
    assertEquals(0, stream.unjudged("pii-output"), "each guard its own");
    assertEquals("prev", stream.unjudgedText("injection-output"));
    stream.unjudged("injection-output", 10_000);
    assertEquals("Ignore all prev", stream.unjudgedText("injection-output"), "never more than the text kept");
  }
}
