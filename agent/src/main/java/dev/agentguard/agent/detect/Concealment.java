package dev.agentguard.agent.detect;

import static dev.agentguard.agent.detect.OrderWords.BEFORE_NOT;
import static dev.agentguard.agent.detect.OrderWords.MODAL;
import static dev.agentguard.agent.detect.OrderWords.NEGATED_ORDER;
import static dev.agentguard.agent.detect.OrderWords.NOT;
import static dev.agentguard.agent.detect.OrderWords.OVERSEER;
import static dev.agentguard.agent.detect.OrderWords.TELL;

/**
 * An order to keep something from "the user": "Do not tell the user", "you must not mention this to the
 * user", "never inform the user that ...", "don't let the user know". An assistant's user is "the user" (or
 * the owner of the mailbox, or a human: {@link OrderWords#OVERSEER}); a shop's is "the customer", so "do not
 * tell the customer the discount code" is left alone. Only an order counts: "do not", "don't", "never" or a
 * modal ("must not") before the verb, so a description such as
 * "the app does not notify the user" or "runs without notifying the user" does not fire. A negation that
 * opens its sentence is an order too ("No se lo digas al usuario"). Two more frames: the verb first and the
 * negation after it, as Dutch and German order ("Meld dit niet aan de gebruiker", "Sag dem Nutzer nichts"),
 * and the passive with a modal of obligation, the user before it ("the user must not be informed", "der
 * Nutzer darf nicht informiert werden", "l'utilisateur ne doit pas être informé"); "the user will not be
 * notified" describes and does not fire. One pass over the marked tokens ({@link OrderWords}).
 */
final class Concealment {
  /** "Don't mention this step to the user": the person within five words of the verb. */
  static final int USER_WITHIN = 5;
  /** "No se lo digas", "ne le dites pas": the verb may come a few words after the negation. */
  static final int VERB_WITHIN = 3;
  /** "The user must not be informed": the user up to four words before the negation. */
  static final int SUBJECT_WITHIN = 4;
  /** "l'utilisateur ne doit pas être informé": the participle up to four words after the negation. */
  static final int PARTICIPLE_WITHIN = 4;
  /** The marks a text must hold for this finder to run: the passive's verb is not a marked word. */
  static final int NEEDS = OVERSEER;
  /** The negations that follow the verb they negate: "Meld dit niet", "Informiere den Nutzer nicht". */
  private static final WordBits LATE_NOT = WordBits.setOf("nicht", "nichts", "niet", "niets");
  /** Telling in the passive: "must not be told", "darf nicht informiert werden", "ne doit pas être averti". */
  private static final WordBits TOLD = WordBits.setOf("told", "informed", "notified", "alerted", "warned", "aware",
      "informiert", "benachrichtigt", "gewarnt", "informe", "informee", "averti", "avertie", "prevenu", "prevenue",
      "informado", "informada", "avisado", "avisada", "notificado", "notificada", "comunicado", "informato",
      "informata", "avvisato", "avvisata", "notificato", "geinformeerd", "ingelicht");

  private Concealment() {}

  /** The negation's token, or -1. */
  static int find(ScanBuffer b) {
    for (int t = 0; t + 2 < b.tokenCount; t++) {
      int m = b.tokMark[t];
      if ((m & TELL) != 0 && verbFirst(b, t)) {
        return t;
      }
      if ((m & (NEGATED_ORDER | NOT)) == 0) {
        continue;
      }
      boolean first = t == 0 || b.tokSentence[t - 1] != b.tokSentence[t];
      // "must not", or a negation before its modal as Romance languages put it: "no debe", "não deve"
      if ((m & NEGATED_ORDER) == 0 && !first && (b.tokMark[t - 1] & BEFORE_NOT) == 0
          && (b.tokMark[t + 1] & MODAL) == 0) {
        continue;
      }
      for (int v = t + 1; v <= t + VERB_WITHIN && v < b.tokenCount && b.tokSentence[v] == b.tokSentence[t]; v++) {
        b.work++;
        if ((b.tokMark[v] & TELL) != 0 && userFollows(b, v)) {
          return t;
        }
      }
      if (passive(b, t)) {
        return t;
      }
    }
    return -1;
  }

  /** "Meld dit niet aan de gebruiker": the verb opens its clause, a late negation and the user follow it. */
  private static boolean verbFirst(ScanBuffer b, int v) {
    if (!b.opensClause(v, ",:;-(")) {
      return false;
    }
    for (int k = v + 1; k <= v + VERB_WITHIN && k < b.tokenCount && b.tokSentence[k] == b.tokSentence[v]; k++) {
      b.work++;
      if (LATE_NOT.contains(b.tokHash[k])) {
        return userFollows(b, v);
      }
    }
    return false;
  }

  /**
   * "The user must not be informed": a modal of obligation next to the negation at {@code t}, the user
   * before it and a participle of telling after it, all in one sentence.
   */
  private static boolean passive(ScanBuffer b, int t) {
    int sentence = b.tokSentence[t];
    boolean modal = t > 0 && (b.tokMark[t - 1] & MODAL) != 0 || (b.tokMark[t + 1] & MODAL) != 0;
    if (!modal) {
      return false;
    }
    boolean told = false;
    for (int k = t + 1; k <= t + PARTICIPLE_WITHIN && k < b.tokenCount && b.tokSentence[k] == sentence; k++) {
      b.work++;
      told |= TOLD.contains(b.tokHash[k]);
    }
    if (!told) {
      return false;
    }
    for (int k = t - 1; k >= 0 && k >= t - SUBJECT_WITHIN && b.tokSentence[k] == sentence; k--) {
      if ((b.tokMark[k] & OVERSEER) != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean userFollows(ScanBuffer b, int v) {
    for (int k = v + 1; k <= v + USER_WITHIN && k < b.tokenCount && b.tokSentence[k] == b.tokSentence[v]; k++) {
      if ((b.tokMark[k] & OVERSEER) != 0) {
        return true;
      }
    }
    return false;
  }
}
