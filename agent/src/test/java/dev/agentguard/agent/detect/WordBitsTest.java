package dev.agentguard.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WordBitsTest {
  @Test
  void aSetHoldsItsWordsAsTheTokenizerHashesThem() {
    WordBits set = WordBits.setOf("answer", "Réponse", "z.B.");
    assertTrue(set.contains(Lexicon.rawHash("answer")));
    assertTrue(set.contains(Lexicon.rawHash("reponse")), "folded like scanned text: accents go");
    assertTrue(set.contains(Lexicon.rawHash("zb")), "joiners go");
    assertFalse(set.contains(Lexicon.rawHash("answers")));
    assertFalse(set.contains(Lexicon.rawHash("")));
  }

  @Test
  void aLargeSetFindsEveryWordAndNoOther() {
    String[] words = new String[300];
    for (int i = 0; i < words.length; i++) {
      words[i] = "word" + Integer.toString(i, 26).replace('0', 'z');
    }
    WordBits set = WordBits.setOf(words);
    int found = 0;
    for (String w : words) {
      found += set.contains(Lexicon.rawHash(Lexicon.foldWord(w))) ? 1 : 0;
      assertFalse(set.contains(Lexicon.rawHash(Lexicon.foldWord(w) + "x")), w + "x");
    }
    assertEquals(words.length, found);
  }

  @Test
  void bitsAddUp() {
    WordBits table = new WordBits(4);
    table.add(1, "ignore", "forget");
    table.add(4, "forget");
    assertEquals(1, table.of(Lexicon.rawHash("ignore")));
    assertEquals(5, table.of(Lexicon.rawHash("forget")));
    assertEquals(0, table.of(Lexicon.rawHash("remember")));
  }
}
