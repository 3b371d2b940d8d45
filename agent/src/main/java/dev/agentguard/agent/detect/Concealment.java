package dev.agentguard.agent.detect;

import static dev.agentguard.agent.detect.OrderWords.BEFORE_NOT;
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
 * opens its sentence is an order too ("No se lo digas al usuario"). One pass over the marked tokens
 * ({@link OrderWords}).
 */
final class Concealment {
  /** "Don't mention this step to the user": the person within five words of the verb. */
  static final int USER_WITHIN = 5;
  /** "No se lo digas", "ne le dites pas": the verb may come a few words after the negation. */
  static final int VERB_WITHIN = 3;
  /** The marks a text must hold for this finder to run. */
  static final int NEEDS = TELL | OVERSEER;

  private Concealment() {}

  /** The negation's token, or -1. */
  static int find(ScanBuffer b) {
    for (int t = 0; t + 2 < b.tokenCount; t++) {
      int m = b.tokMark[t];
      if ((m & (NEGATED_ORDER | NOT)) == 0) {
        continue;
      }
      boolean first = t == 0 || b.tokSentence[t - 1] != b.tokSentence[t];
      if ((m & NEGATED_ORDER) == 0 && !first && (b.tokMark[t - 1] & BEFORE_NOT) == 0) {
        continue;
      }
      for (int v = t + 1; v <= t + VERB_WITHIN && v < b.tokenCount && b.tokSentence[v] == b.tokSentence[t]; v++) {
        b.work++;
        if ((b.tokMark[v] & TELL) != 0 && userFollows(b, v)) {
          return t;
        }
      }
    }
    return -1;
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
