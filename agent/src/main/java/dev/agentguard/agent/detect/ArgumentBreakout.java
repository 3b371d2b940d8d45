package dev.agentguard.agent.detect;

/**
 * A value that closes its own JSON string and goes on with keys of its own: {@code main", "force": true,
 * "target": "production}. Passed as one argument into a tool call built as JSON text, it sets fields the model
 * never chose. Found on the raw text in one pass: a double quote where a string would open (an even number of
 * unescaped quotes before it) that follows a letter, digit or dot, then a comma or closing brace and, within
 * {@link #KEY_MAX} characters, a quoted key and a colon. A pasted JSON object opens its first quote after a
 * brace, a quotation after a space, so neither fires; an escaped quote ({@code \"}) does not count, and a
 * text that is a JSON document (it opens with a brace or a bracket) is not walked.
 */
final class ArgumentBreakout {
  /** The longest key name looked at: {@code "skip_approval"}. */
  static final int KEY_MAX = 40;
  /** How many characters may close the string's object and open the next: {@code "}]\n[{"}. */
  static final int SEPARATOR_MAX = 8;

  private ArgumentBreakout() {}

  /** The offset of the quote that breaks out of its string, or -1. */
  static int find(String text) {
    if (isDocument(text)) {
      return -1;
    }
    boolean inString = false;
    for (int i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) { // indexOf is vectorised
      if (i > 0 && text.charAt(i - 1) == '\\') {
        continue;
      }
      if (!inString && i > 0 && closesValue(text.charAt(i - 1)) && keyFollows(text, i + 1)) {
        return i;
      }
      inString = !inString;
    }
    return -1;
  }

  /**
   * Whether the text is a JSON document itself (its first non-space character opens an object or array): its
   * quotes pair up by construction, and walking a hundred of them per kilobyte cost about a microsecond.
   */
  private static boolean isDocument(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  private static boolean closesValue(char c) {
    return Character.isLetterOrDigit(c) || c == '.';
  }

  /** Whether spaces, a comma or brace (at least one), a quoted key of word characters and a colon follow. */
  private static boolean keyFollows(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    boolean separator = false;
    while (i < n && i < from + SEPARATOR_MAX) {
      char c = text.charAt(i);
      if (c == ',' || c == '}' || c == ']') {
        separator = true;
      } else if (c != ' ' && c != '{' && c != '[' && c != '\n' && c != '\t') { // a new object or array may open
        break;
      }
      i++;
    }
    if (!separator || i >= n || text.charAt(i) != '"') {
      return false;
    }
    int keyStart = ++i;
    while (i < n && i - keyStart <= KEY_MAX && isKeyChar(text.charAt(i))) {
      i++;
    }
    if (i == keyStart || i >= n || text.charAt(i) != '"') {
      return false;
    }
    i++;
    while (i < n && text.charAt(i) == ' ') {
      i++;
    }
    return i < n && text.charAt(i) == ':';
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }
}
