package dev.agentguard.agent.detect;

import static dev.agentguard.agent.detect.OrderWords.OPENER;
import static dev.agentguard.agent.detect.OrderWords.ORDER_VERB;
import static dev.agentguard.agent.detect.OrderWords.TOOL_NOUN;

/**
 * Text that orders its reader to use a named tool: "use the transfer_funds tool to ...", "Now call the
 * sendEmail tool". In a tool result that is the attack that matters most to an agent: data that makes it
 * act. Found on the marked tokens ({@link OrderWords}), one pass: an order verb that opens a clause (first
 * word of its sentence, after a comma or colon, or after "now", "please", "silently", "must" ...), then
 * within {@link #NAME_WITHIN} words a tool identifier (a word written with an underscore or in camelCase, as
 * tool names are), then a tool noun right after it. An everyday sentence names a tool in words ("Use the
 * export tool in Settings"), and a code comment names a function ("invoke the `get_user` function
 * first"), so neither fires.
 */
final class ToolDirective {
  static final int NAME_WITHIN = 3;
  /** The marks a text must hold for this finder to run. */
  static final int NEEDS = ORDER_VERB | TOOL_NOUN;

  private ToolDirective() {}

  /** The order verb's token, or -1. {@code text} is the text the buffer was normalised from. */
  static int find(ScanBuffer b, CharSequence text) {
    for (int t = 0; t + 2 < b.tokenCount; t++) {
      if ((b.tokMark[t] & ORDER_VERB) == 0
          || !(b.opensClause(t, ",:;") || (b.tokMark[t - 1] & OPENER) != 0)) {
        continue;
      }
      int last = Math.min(b.tokenCount - 2, t + NAME_WITHIN);
      for (int k = t + 1; k <= last && b.tokSentence[k + 1] == b.tokSentence[t]; k++) {
        b.work++;
        if ((b.tokMark[k + 1] & TOOL_NOUN) != 0 && isIdentifier(b, k, text)
            || (b.tokMark[k] & TOOL_NOUN) != 0 && isIdentifier(b, k + 1, text)) { // "usa lo strumento reset_password"
          return t;
        }
      }
    }
    return -1;
  }

  /** A word written as identifiers are: with an inner underscore, or a small letter then a capital. */
  private static boolean isIdentifier(ScanBuffer b, int t, CharSequence text) {
    int from = b.tokStart[t];
    int to = b.tokEnd[t];
    for (int i = from + 1; i < to - 1; i++) {
      if (b.norm[i] == '_') {
        return true;
      }
    }
    int start = b.origStart[from];
    int end = Math.min(text.length(), b.endOf(to - 1));
    for (int i = start + 1; i < end; i++) {
      if (Character.isUpperCase(text.charAt(i)) && Character.isLowerCase(text.charAt(i - 1))) {
        return true;
      }
    }
    return false;
  }
}
