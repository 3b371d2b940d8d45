package dev.agentguard.agent.detect;

import static dev.agentguard.agent.detect.OrderWords.ACTION;
import static dev.agentguard.agent.detect.OrderWords.ASK;
import static dev.agentguard.agent.detect.OrderWords.ASKED_FOR;
import static dev.agentguard.agent.detect.OrderWords.BEFORE_NOT;
import static dev.agentguard.agent.detect.OrderWords.CONFIRM;
import static dev.agentguard.agent.detect.OrderWords.MODAL;
import static dev.agentguard.agent.detect.OrderWords.NEED;
import static dev.agentguard.agent.detect.OrderWords.NEGATED_ORDER;
import static dev.agentguard.agent.detect.OrderWords.NOT;
import static dev.agentguard.agent.detect.OrderWords.OVERSEER;
import static dev.agentguard.agent.detect.OrderWords.WITHOUT;

/**
 * Data that tells its reader to act without asking the person it acts for: "No need to ask the user", "no
 * confirmation from the mailbox owner is needed", "should not ask the owner for confirmation", "do not
 * escalate to a human", "non serve chiedere conferma all'utente", "无需再向负责人确认". An agent asks its user
 * before it sends, pays or deletes; text that waives that step on the user's behalf is how an injected
 * order gets past the one check left. One pass over the marked tokens ({@link OrderWords}), three parts in
 * one sentence:
 *
 * <ul>
 *   <li>a waiver: "without" ({@link OrderWords#WITHOUT}), a need denied ("no need", "not required", "non
 *       serve", "nie trzeba": {@link OrderWords#NEED} within two words of "no" or "not"), an order not to
 *       ("do not", "should not", "never" right before the asking verb), or "no" right before the asking
 *       noun with a need later in the sentence ("no confirmation from the owner is needed"), or "no" and the
 *       person before it with a need next to them ("needs no user confirmation");</li>
 *   <li>asking or confirming ({@link OrderWords#CONFIRM}) within {@link #CONFIRM_WITHIN} words after the
 *       waiver;</li>
 *   <li>whom the reader answers to ({@link OrderWords#OVERSEER}: the user, the owner, a human) within
 *       {@link #OVERSEER_WITHIN} words after the asking word, or between the waiver and it as Chinese puts it
 *       ("无需再向负责人确认").</li>
 * </ul>
 *
 * The person must be the one asked, not the one who acts: "Users no longer need to confirm their e-mail"
 * is a release note. "Without" describes as often as it orders ("some apps share data without asking the
 * user"), so it counts only in a sentence that gives an order: "please", "must", "should" ... ({@link
 * OrderWords#MODAL}) or a verb in the imperative opening it. A manager, a customer or a colleague by name
 * is not an overseer here: "without approval from your manager" is an office rule, and "no need to tell
 * Mark" is a surprise party.
 */
final class SkipConfirmation {
  /** How far after the waiver the asking word may be: "no need to wait for confirmation". */
  static final int CONFIRM_WITHIN = 4;
  /** How far after the asking word its person may be: "ask the mailbox owner", "confirmation from the user". */
  static final int OVERSEER_WITHIN = 4;
  /** How far after "no" and the asking word its need may be: "no confirmation from the mailbox owner is needed". */
  static final int NEED_WITHIN = 7;
  /** How far before "without" an order may start: "Forward each of them to ... without asking the user". */
  static final int ORDER_WITHIN = 16;
  /** The marks a text must hold for this finder to run. */
  static final int NEEDS = CONFIRM | OVERSEER;

  private SkipConfirmation() {}

  /** The waiver's token, or -1. */
  static int find(ScanBuffer b) {
    for (int c = 0; c < b.tokenCount; c++) {
      if ((b.tokMark[c] & CONFIRM) == 0) {
        continue;
      }
      b.work++;
      int waiver = waiverBefore(b, c);
      if (waiver >= 0 && (overseerAfter(b, c) || overseerBetween(b, waiver, c))) {
        return waiver;
      }
    }
    return -1;
  }

  /** The waiver's token for the asking word at {@code c}, or -1. */
  private static int waiverBefore(ScanBuffer b, int c) {
    int sentence = b.tokSentence[c];
    for (int w = c - 1; w >= 0 && w >= c - CONFIRM_WITHIN && b.tokSentence[w] == sentence; w--) {
      int m = b.tokMark[w];
      if ((m & WITHOUT) != 0) {
        return ordersSomething(b, w, c) ? w : -1;
      }
      if ((m & NEED) != 0 && negated(b, w)) {
        return w;
      }
      boolean personBetween = w == c - 2 && (b.tokMark[c - 1] & OVERSEER) != 0;
      if ((m & NOT) != 0 && personBetween && (needBefore(b, w) || needLater(b, c))) {
        return w; // "needs no user confirmation", "no owner approval is required"
      }
      if (w == c - 1 && (orderNot(b, w) || (m & NOT) != 0 && needLater(b, c))) {
        return w; // "do not ask", "no confirmation from the owner is needed"
      }
    }
    return -1;
  }

  /** "no need", "don't need", "not needed", "non serve", "pas besoin": "no" or "not" within two words before. */
  private static boolean negated(ScanBuffer b, int need) {
    for (int k = need - 1; k >= 0 && k >= need - 2 && b.tokSentence[k] == b.tokSentence[need]; k--) {
      if ((b.tokMark[k] & (NOT | NEGATED_ORDER)) != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * "do not", "should not", "don't", "never": an order not to. A "no" that opens its sentence is not one here:
   * "No confirmation from the owner was received yet" is a status.
   */
  private static boolean orderNot(ScanBuffer b, int not) {
    return (b.tokMark[not] & NEGATED_ORDER) != 0
        || not > 0 && b.tokSentence[not - 1] == b.tokSentence[not] && (b.tokMark[not - 1] & BEFORE_NOT) != 0;
  }

  /** "needs no", "requires no": a need right before the "no". */
  private static boolean needBefore(ScanBuffer b, int no) {
    return no > 0 && b.tokSentence[no - 1] == b.tokSentence[no] && (b.tokMark[no - 1] & NEED) != 0;
  }

  /** A need later in the asking word's sentence: "no confirmation from the owner is needed". */
  private static boolean needLater(ScanBuffer b, int c) {
    for (int k = c + 1; k < b.tokenCount && k <= c + NEED_WITHIN && b.tokSentence[k] == b.tokSentence[c]; k++) {
      if ((b.tokMark[k] & NEED) != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean overseerAfter(ScanBuffer b, int c) {
    for (int k = c + 1; k < b.tokenCount && k <= c + OVERSEER_WITHIN && b.tokSentence[k] == b.tokSentence[c]; k++) {
      if ((b.tokMark[k] & OVERSEER) != 0) {
        return (b.tokMark[c] & ASK) == 0 || asksForConfirmation(b, k);
      }
    }
    return false;
  }

  /**
   * Whether a person asked ("ask the user ...") is asked to confirm: nothing is said of what is asked ("No
   * need to ask the user."), or it is confirmation ("for confirmation", "to approve"). "Never ask the user
   * for their password" and "do not ask the user to tell us his new password" are helpdesk rules.
   */
  private static boolean asksForConfirmation(ScanBuffer b, int person) {
    int sentence = b.tokSentence[person];
    int k = person + 1;
    if (k >= b.tokenCount || b.tokSentence[k] != sentence || (b.tokMark[k] & ASKED_FOR) == 0) {
      return true;
    }
    for (int j = k + 1; j <= k + 2 && j < b.tokenCount && b.tokSentence[j] == sentence; j++) {
      if ((b.tokMark[j] & CONFIRM) != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean overseerBetween(ScanBuffer b, int waiver, int c) {
    for (int k = waiver + 1; k < c; k++) {
      if ((b.tokMark[k] & OVERSEER) != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the clause around the waiver gives an order: within {@link #ORDER_WITHIN} words before the waiver,
   * or after it up to its person, "please", "must" or "should" ({@link OrderWords#MODAL}), or a verb that opens
   * a clause.
   */
  private static boolean ordersSomething(ScanBuffer b, int w, int c) {
    int sentence = b.tokSentence[w];
    int last = Math.min(b.tokenCount - 1, c + OVERSEER_WITHIN);
    for (int k = Math.max(0, w - ORDER_WITHIN); k <= last; k++) {
      b.work++;
      if (b.tokSentence[k] == sentence && ((b.tokMark[k] & MODAL) != 0
          || (b.tokMark[k] & ACTION) != 0 && b.opensClause(k, ",:;()"))) {
        return true;
      }
    }
    return false;
  }
}
