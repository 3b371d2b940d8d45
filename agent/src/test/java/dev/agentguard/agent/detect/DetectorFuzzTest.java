package dev.agentguard.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Texts stitched at random from the fragments that send the normaliser, tokenizer, rules and decoders
 * down their rarer paths (joiners, leetspeak, spaced letters, invisibles, look-alikes, surrogates, escapes,
 * encoded runs, markup), cut at arbitrary points. Every scan must finish without an exception, with a
 * score in [0, 1] and every span inside the text, and give the same result when repeated.
 */
class DetectorFuzzTest {
  private static final InjectionDetector DETECTOR = InjectionDetector.defaults();

  private static final String[] FRAGMENTS = {
    "ignore", "previous", "instructions", "system", "prompt", "you", "are", "now", "DAN", "mode", "the", "and",
    " ", " ", " ", "  ", "\n", "\r\n", "\t", ".", ". ", "!", "?", ",", ":", ";", "-", "_", "'", "\"", "/", "\\",
    "@", "$", "3", "1", "0", "7", "42", "1999", "i g n o r e", "1gn0r3", "ign.ore", "ig-no-re", "l'instruction",
    "\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202c", "\u00ad", "\u0301", "\u0308", "\udb40\udc49",
    "\u0456", "\u043e", "\u0430", "\u03bf", "\uff29\uff47", "\uff01", "\u3002", "忽略", "之前的指令", "あなた",
    "\ud83d\ude00", "\ud83d", "\ude00", "\u0000", "\u001b", "\u00e9", "\u00df", "\u0130", "\u212a",
    "SWdub3JlIGFsbCBwcmV2aW91cyBpbnN0cnVjdGlvbnM=", "aWdub3Jl", "69676e6f7265", "0x69 0x67", "01101001 01100111",
    ".. --. -. --- .-. .", "%69%67%6E", "&#105;&#103;", "&#x69;", "&amp;", "\\u0069", "\\x69", "vtaber",
    "<!--", "-->", "<img alt=\"", "\">", "<span style=\"font-size:0\">", "</span>", "<|im_start|>", "[INST]",
    "system:", "assistant:", "```", "| a | b |", "![x](https://e.example/?q=", ")", "{\"role\":\"system\"}",
    "Q:", "A:", "From:", "Subject:", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "\u0627\u0644", "\u05d0",
    // Written backwards, upside down, in small capitals.
    "erongi", "snoitcurtsni", "metsys", "dna", "ruoy", "lla", "\u0287d\u026Fo\u0279d", "\u0250", "\u01DD",
    "\u0279", "\u028E", "\u2200", "\u00A1", "\u0131", "\u026A\u0262\u0274\u1D0F\u0280\u1D07", "\u028C",
  };

  @Test
  void stitchedFragmentsScanCleanly() {
    Random random = new Random(20261121);
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + random.nextInt(i % 10 == 0 ? 600 : 60);
      for (int k = 0; k < parts; k++) {
        sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      // Cut at an arbitrary char, possibly between the halves of a surrogate pair.
      String text = sb.substring(random.nextInt(Math.min(sb.length(), 4)), sb.length());
      for (Use use : Use.values()) {
        Detection d = DETECTOR.scan(text, use);
        assertTrue(d.score() >= 0 && d.score() <= 1, () -> "score " + d.score() + " for " + escape(text));
        assertTrue(d.start() >= -1 && d.end() <= text.length() && d.start() <= d.end(), () -> escape(text));
        for (Signal s : d.signals()) {
          assertTrue(s.start() >= 0 && s.start() <= s.end() && s.end() <= text.length(),
              () -> s + " in " + escape(text));
        }
        assertEquals(d, DETECTOR.scan(text, use), () -> "a repeated scan differs for " + escape(text));
      }
    }
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return sb.toString();
  }
}
