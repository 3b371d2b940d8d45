package dev.agentguard.agent.detect;

/**
 * Text that orders its reader to use a named tool: "use the transfer_funds tool to ...", "Now call the
 * sendEmail tool", "invoke the create_user tool with role=admin". In a tool result that is the attack that matters
 * most to an agent: data that makes it act. Found on the token stream, one pass: an order verb that opens
 * a clause (first word of its sentence, after a comma or colon, or after "now", "please", "silently",
 * "must" ...), then within {@link #NAME_WITHIN} words a tool identifier (a word written with an underscore
 * or in camelCase, as tool names are), then a tool noun right after it. An everyday sentence names a tool
 * in words ("Use the export tool in Settings"), and a code comment names a function ("invoke the
 * `get_user` function first"), so neither fires.
 */
final class ToolDirective {
  private static final long[] ORDER_VERBS = Lexicon.wordHashes("call", "use", "invoke", "run", "execute",
      "trigger", "launch", "start", "rufe", "ruf", "verwende", "verwenden", "benutze", "benutzen", "nutze",
      "fuhre", "starte", "appelle", "appelez", "appeler", "utilise", "utilisez", "utiliser", "executez",
      "lance", "lancez", "llama", "llame", "usa", "utiliza", "utilice", "ejecuta", "ejecute", "invoca",
      "invoque", "chiama", "utilizza", "esegui", "chame", "utilize", "executa", "调用", "使用", "运行", "执行");
  private static final long[] TOOL_NOUNS = Lexicon.wordHashes("tool", "tools", "plugin", "werkzeug", "outil",
      "herramienta", "strumento", "ferramenta", "工具", "插件");
  /** Words after which an order verb still opens its clause ("Now call ...", "you must call ..."). */
  private static final long[] OPENERS = Lexicon.wordHashes("now", "please", "then", "silently", "secretly",
      "quietly", "immediately", "first", "also", "just", "and", "must", "should", "shall", "will", "need",
      "needs", "jetzt", "bitte", "dann", "maintenant", "puis", "ahora", "luego", "ora", "poi", "agora", "depois",
      "现在", "然后", "请");
  static final int NAME_WITHIN = 3;

  private ToolDirective() {}

  /** The order verb's token, or -1. {@code text} is the text the buffer was normalised from. */
  static int find(ScanBuffer b, CharSequence text) {
    for (int t = 0; t + 1 < b.tokenCount; t++) {
      if (!Lexicon.containsHash(ORDER_VERBS, b.tokHash[t]) || !opensClause(b, t)) {
        continue;
      }
      int last = Math.min(b.tokenCount - 1, t + NAME_WITHIN);
      for (int k = t + 1; k <= last && b.tokSentence[k] == b.tokSentence[t]; k++) {
        b.work++;
        if (!isIdentifier(b, k, text)) {
          continue;
        }
        if (k + 1 < b.tokenCount && b.tokSentence[k + 1] == b.tokSentence[k]
            && Lexicon.containsHash(TOOL_NOUNS, b.tokHash[k + 1])) {
          return t;
        }
      }
    }
    return -1;
  }

  private static boolean opensClause(ScanBuffer b, int t) {
    if (t == 0 || b.tokSentence[t - 1] != b.tokSentence[t]) {
      return true;
    }
    for (int i = b.tokStart[t] - 1; i >= b.tokEnd[t - 1]; i--) {
      char c = b.norm[i];
      if (c == ',' || c == ':' || c == ';') {
        return true;
      }
    }
    return Lexicon.containsHash(OPENERS, b.tokHash[t - 1]);
  }

  /** A word written as identifiers are: with an inner underscore, or a small letter then a capital. */
  static boolean isIdentifier(ScanBuffer b, int t, CharSequence text) {
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
