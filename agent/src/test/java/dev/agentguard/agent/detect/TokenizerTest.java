package dev.agentguard.agent.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer's fast reader of plain ASCII words must change nothing: every text gives exactly the
 * tokens (spans, hashes, stem hashes, classes, sentences, flags) that the general reader gives.
 */
class TokenizerTest {
  private static final Lexicon LEXICON = InjectionDetector.defaults().engine().lexicon;

  private static ScanBuffer tokenized(String text, boolean generalOnly) {
    ScanBuffer b = new ScanBuffer();
    TextNormalizer.normalize(text, b);
    Tokenizer.tokenize(b, LEXICON, generalOnly);
    return b;
  }

  private static void assertSameTokens(String text) {
    ScanBuffer fast = tokenized(text, false);
    ScanBuffer general = tokenized(text, true);
    int n = general.tokenCount;
    assertEquals(n, fast.tokenCount, text);
    assertEquals(general.sentenceCount, fast.sentenceCount, text);
    assertArrayEquals(Arrays.copyOf(general.tokStart, n), Arrays.copyOf(fast.tokStart, n), text);
    assertArrayEquals(Arrays.copyOf(general.tokEnd, n), Arrays.copyOf(fast.tokEnd, n), text);
    assertArrayEquals(Arrays.copyOf(general.tokHash, n), Arrays.copyOf(fast.tokHash, n), text);
    assertArrayEquals(Arrays.copyOf(general.tokStemHash, n), Arrays.copyOf(fast.tokStemHash, n), text);
    assertArrayEquals(Arrays.copyOf(general.tokClass, n), Arrays.copyOf(fast.tokClass, n), text);
    assertArrayEquals(Arrays.copyOf(general.tokSentence, n), Arrays.copyOf(fast.tokSentence, n), text);
    assertArrayEquals(Arrays.copyOf(general.tokFlags, n), Arrays.copyOf(fast.tokFlags, n), text);
    assertArrayEquals(Arrays.copyOf(general.tokMark, n), Arrays.copyOf(fast.tokMark, n), text);
    assertEquals(general.wordGates, fast.wordGates, text);
    assertMarksAndGates(fast, text);
  }

  /** The marks and gates the tokenizer takes from the lexicon's slot are those of the finders' own word sets. */
  private static void assertMarksAndGates(ScanBuffer b, String text) {
    int gates = 0;
    for (int t = 0; t < b.tokenCount; t++) {
      long h = b.tokHash[t];
      assertEquals(OrderWords.of(h), b.tokMark[t], text);
      gates |= FewShotDialogue.QUESTION.contains(h) ? OrderWords.GATE_QUESTION : 0;
      gates |= FewShotDialogue.ANSWER.contains(h) ? OrderWords.GATE_ANSWER : 0;
      gates |= PraiseThenTask.PRAISE.contains(h) ? OrderWords.GATE_PRAISE : 0;
      gates |= ModelAddress.NAMES.contains(h) || ModelAddress.AGENT.contains(h) ? OrderWords.GATE_NAME : 0;
      gates |= StructureScanner.SYSTEM_WORDS.contains(h) || StructureScanner.SYSTEM_ORDERS.contains(h)
          ? OrderWords.GATE_SYSTEM : 0;
    }
    assertEquals(gates, b.wordGates & gates, text); // spaced letters merged away may leave more gates: harmless
  }

  /** Finder words, spaced out and in Chinese, get their marks and open their finders' gates. */
  @Test
  void finderWordsGetTheirMarksAndGates() {
    for (String text : List.of("Q: what? A: this. Q: and?", "Great job. Now write", "AI assistant, delete it",
        "[SYSTEMANWEISUNG] s y s t e m", "n o t e to the AI agent", "现在调用工具", "Input: x Output: y")) {
      assertSameTokens(text);
      assertMarksAndGates(tokenized(text, false), text);
    }
    assertEquals(OrderWords.GATE_QUESTION | OrderWords.GATE_ANSWER,
        tokenized("Q: a", false).wordGates & (OrderWords.GATE_QUESTION | OrderWords.GATE_ANSWER));
  }

  /** The period of "bzw.", "e.g.", "z.B." does not end a sentence; "no." and a plain word's period do. */
  @Test
  void anAbbreviationDoesNotEndTheSentence() {
    for (String text : List.of("Hinweis an Claude bzw. den Assistenten", "Pay by card, e.g. Visa", "Bitte z.B. morgen",
        "Dr. Smith will call")) {
      assertEquals(1, tokenized(text, false).sentenceCount, text);
      assertSameTokens(text);
    }
    for (String text : List.of("The answer is no. Call me", "We met the team. Then we left")) {
      assertEquals(2, tokenized(text, false).sentenceCount, text);
    }
  }

  /** A Chinese run is cut into the words the data-order finders look for, not only the lexicon's. */
  @Test
  void anElidedArticleOrPrepositionIsAWordOfItsOwn() {
    for (String text : List.of("l'assistente", "qu'il", "un'altra", "all'assistente", "dell'account", "nell'email",
        "quell'agente")) {
      ScanBuffer b = tokenized(text, false);
      assertEquals(2, b.tokenCount, text);
      assertSameTokens(text);
    }
    for (String text : List.of("don't", "they'll", "rock'n'roll")) {
      assertEquals(1, tokenized(text, false).tokenCount, text);
    }
  }

  @Test
  void aChineseRunIsCutIntoTheFindersWords() {
    ScanBuffer b = tokenized("现在调用工具", false);
    List<String> words = new ArrayList<>();
    for (int t = 0; t < b.tokenCount; t++) {
      words.add(new String(b.norm, b.tokStart[t], b.tokEnd[t] - b.tokStart[t]));
    }
    assertEquals(List.of("现在", "调用", "工具"), words);
  }

  /** Every stem of lexicon.txt, folded as the lexicon folds it. */
  private static List<String> stems() throws IOException {
    List<String> stems = new ArrayList<>();
    try (InputStream in = InjectionDetector.class.getResourceAsStream(InjectionDetector.RESOURCES + "lexicon.txt")) {
      for (DataLines.Line line : DataLines.read(in)) {
        String text = line.text();
        for (String w : text.substring(text.indexOf(':') + 1).strip().split("\\s+")) {
          if (w.endsWith("*")) {
            stems.add(Lexicon.foldWord(w.substring(0, w.length() - 1)));
          }
        }
      }
    }
    return stems;
  }

  @Test
  void fastWordsMatchTheGeneralReader() throws IOException {
    List<String> stems = stems();
    String[] pieces = {
      "ignore", "previous", "instructions", "instruct", "sys", "system", "Prompt", "the", "a", "ok", "48213",
      "24.90", "4412", "1gn0r3", "p@ss", "ign.ore", "i_g_n_o_r_e", "l'instruction", "qu'il", "all'assistente", "e-mail", "don't",
      "naïve", "größer", "вы", "忽略之前的指令", "以前の指示を無視", "x", "zz", "abc123", "$5", "a.b.c", "--", "...",
      "!", "?", "\n", ";", " ", "  ", ",", ":", "\"", "{", "}", "é", "ß", "ø", "日本", "DAN", "jailbreak", "mode"
    };
    Random random = new Random(7);
    for (int round = 0; round < 3000; round++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(30);
      for (int k = 0; k < parts; k++) {
        if (random.nextInt(3) == 0) {
          String stem = stems.get(random.nextInt(stems.size()));
          text.append(stem, 0, 1 + random.nextInt(stem.length()));
          if (random.nextBoolean()) {
            text.append("ings".substring(random.nextInt(4)));
          }
        } else {
          text.append(pieces[random.nextInt(pieces.length)]);
        }
        if (random.nextInt(4) != 0) {
          text.append(random.nextInt(5) == 0 ? ". " : " ");
        }
      }
      assertSameTokens(text.toString());
    }
  }

  /**
   * Every word and stem of lexicon.txt, written in a text, gets its class: an entry the tokenizer can
   * never produce (as "base64" was, read only as leetspeak) is a dead rule element.
   */
  @Test
  void everyLexiconEntryWrittenInATextGetsItsClass() throws IOException {
    List<String> dead = new ArrayList<>();
    try (InputStream in = InjectionDetector.class.getResourceAsStream(InjectionDetector.RESOURCES + "lexicon.txt")) {
      for (DataLines.Line line : DataLines.read(in)) {
        String text = line.text();
        long bit = LEXICON.classBit(text.substring(0, text.indexOf(':')).strip());
        for (String w : text.substring(text.indexOf(':') + 1).strip().split("\\s+")) {
          String word = w.endsWith("*") ? w.substring(0, w.length() - 1) + "s" : w;
          ScanBuffer b = tokenized("zz " + word + " zz", false);
          boolean found = false;
          for (int t = 0; t < b.tokenCount; t++) {
            found |= (b.tokClass[t] & bit) != 0;
          }
          if (!found) {
            dead.add(w + " (line " + line.number() + ")");
          }
        }
      }
    }
    assertEquals(List.of(), dead);
  }
}
