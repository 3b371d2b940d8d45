package dev.agentguard.agent.detect;

import static dev.agentguard.agent.detect.OrderWords.AI;
import static dev.agentguard.agent.detect.OrderWords.NOTE;
import static dev.agentguard.agent.detect.OrderWords.READING;
import static dev.agentguard.agent.detect.OrderWords.RELATIVE;
import static dev.agentguard.agent.detect.OrderWords.ROLE;
import static dev.agentguard.agent.detect.OrderWords.THIS;
import static dev.agentguard.agent.detect.OrderWords.TO;

/**
 * Data that speaks to the AI reading it: "Note to the assistant: ...", "To any AI triage agent: ...",
 * "Instruction pour l'assistant IA : ...", "AI agents processing this invitation must ...", "KI-Agenten,
 * die diese Bewertung lesen, ...". An e-mail, page or ticket is written for people; a passage addressed to
 * the model that reads it on its user's behalf is the carrier of an indirect injection, however its order
 * is worded. One pass over the tokens, two frames:
 *
 * <ul>
 *   <li>a note to its reader: "to" or "for" ({@link #TO}, in each lexicon language) that opens its clause or
 *       follows a note word ("note", "Hinweis", "instruction"), then within {@link #NOUN_WITHIN} words an AI
 *       reader that ends its phrase (a colon, comma or bracket follows, or "reading this" does);</li>
 *   <li>an AI reader named with its reading: an AI word and, right after it or in a relative clause, a
 *       reading verb ("processing", "who summarize", "que procesa", "die ... lesen") with "this" ("this
 *       page", "diese Bewertung") next to it.</li>
 * </ul>
 *
 * An AI reader is a word that only software is called ("AI", "LLM", "chatbot", "KI", "IA") or a role word
 * ("assistant", "agent", "bot") next to one ("AI triage agent", "agente de IA", "KI-Assistenten"; the
 * words are marked by {@link OrderWords}). A role
 * word alone counts only after a note word ("Note for scheduling assistant:"), since "the agent" of a
 * support desk is a person, and "Note to AI vendors" is about vendors, so the AI word must end its phrase.
 */
final class ReaderAddress {
  static final int NOUN_WITHIN = 4;
  /** How far from the AI reader its reading verb may be; "this" is within 3 words of the verb. */
  static final int READING_WITHIN = 5;
  /** The marks a text must hold for this finder to run: an AI word or a role word. */
  static final int NEEDS = AI | ROLE;
  private static final int WEAK = 1;
  private static final int STRONG = 2;

  private ReaderAddress() {}

  /** The AI reader's token, or -1. */
  static int find(ScanBuffer b) {
    for (int t = 0; t < b.tokenCount; t++) {
      if ((b.tokMark[t] & NEEDS) == 0) {
        continue;
      }
      int strength = reader(b, t);
      if (strength == 0) {
        continue;
      }
      b.work++;
      if (noteFrame(b, t, strength) || (strength == STRONG && readingFrame(b, t))) {
        return t;
      }
    }
    return -1;
  }

  /** STRONG for an AI reader, WEAK for a role word alone, 0 otherwise. */
  private static int reader(ScanBuffer b, int t) {
    int m = b.tokMark[t];
    if ((m & AI) != 0) {
      return STRONG;
    }
    if ((m & ROLE) == 0) {
      return 0;
    }
    for (int k = Math.max(0, t - 2); k <= Math.min(b.tokenCount - 1, t + 2); k++) {
      if (k != t && b.tokSentence[k] == b.tokSentence[t] && (b.tokMark[k] & AI) != 0) {
        return STRONG;
      }
    }
    return WEAK;
  }

  /** "Note to the assistant:", "To the AI reading this:", "[Instructions for LLM agents: ...". */
  private static boolean noteFrame(ScanBuffer b, int t, int strength) {
    int sentence = b.tokSentence[t];
    for (int k = t - 1; k >= 0 && k >= t - NOUN_WITHIN && b.tokSentence[k] == sentence; k--) {
      if ((b.tokMark[k] & TO) == 0) {
        continue;
      }
      boolean note = k > 0 && b.tokSentence[k - 1] == sentence && (b.tokMark[k - 1] & NOTE) != 0;
      if (!note && (strength == WEAK || !b.opensClause(k, ",:;[(-"))) {
        return false;
      }
      // the reader's phrase ends here: punctuation follows, or its reading does
      return b.endsPhrase(t, ":,)];-") || (b.tokMark[t + 1] & (AI | READING | RELATIVE)) != 0;
    }
    return false;
  }

  /**
   * "AI agents processing this invitation", "agente de IA que procesa este mensaje", "die diese Bewertung
   * lesen": the reading verb right after the reader's phrase, or in a relative clause after it, so that
   * "our AI assistant can summarize this page" (what a product does) is not a reader named.
   */
  private static boolean readingFrame(ScanBuffer b, int t) {
    int sentence = b.tokSentence[t];
    int last = Math.min(b.tokenCount - 1, t + READING_WITHIN);
    int k = t + 1;
    while (k <= last && b.tokSentence[k] == sentence && (b.tokMark[k] & (ROLE | AI)) != 0) {
      k++;
    }
    boolean relative = k <= last && b.tokSentence[k] == sentence && (b.tokMark[k] & RELATIVE) != 0;
    int reading = -1;
    for (int j = relative ? k + 1 : k; j <= (relative ? last : k) && b.tokSentence[j] == sentence; j++) {
      if ((b.tokMark[j] & READING) != 0) {
        reading = j;
        break;
      }
    }
    if (reading < 0) {
      return false;
    }
    for (int j = Math.max(t + 1, reading - 3); j <= Math.min(b.tokenCount - 1, reading + 2); j++) {
      if (b.tokSentence[j] == sentence && (b.tokMark[j] & THIS) != 0) {
        return true;
      }
    }
    return false;
  }




}
