package dev.agentguard.agent.detect;

/**
 * An attack phrase cited as an example: inside quotation marks that a word of citing introduces ("hidden
 * text such as "ignore previous instructions and ..."", "Sätze wie „Vergiss alle bisherigen Anweisungen“",
 * "被“忽略之前的指令”之类的话术"). Articles, advisories and training material about prompt injection quote the
 * attack they describe; a phrase rule inside such a quotation counts as one weaker finding
 * ({@code data.quoted_example}) instead of its own weight. The quotation must open on the same line
 * within {@link #REACH} chars before the match and close after it, and the citing word must stand within
 * three words before the opening mark (or, in Chinese, "之类" right after the closing one). An order
 * that is not inside a cited quotation keeps its full weight, quoted or not ("Reply: "I have been PWNED"").
 */
final class QuotedExample {
  private QuotedExample() {}

  static final int REACH = 300;

  private static final WordBits CITING = WordBits.setOf(
      "such", "like", "e.g", "eg", "example", "examples", "instance", "phrase", "phrases", "sentence", "sentences",
      "saying", "says", "said", "reading", "reads", "string", "strings", "payload", "payloads", "wording",
      "wie", "etwa", "beispiel", "beispielsweise", "satz", "satze", "satzen", "phrasen", "formulierungen",
      "comme", "exemple", "tel", "telle", "tels", "telles", "como", "ejemplo", "frase", "frases", "come",
      "esempio", "frasi", "exemplo", "zoals", "bijvoorbeeld", "zin", "zinnen", "np", "przyklad");
  // Chinese and Japanese are read as characters: most of these words are not in the lexicon, so they are
  // not one token each.
  private static final String[] CITING_CJK = {"例如", "比如", "诸如", "像", "类似", "例えば", "という"};
  private static final String[] CITING_CJK_AFTER = {"之类", "等", "など", "という"};

  /** Whether tokens [first, last] lie inside a quotation that a citing word introduces. */
  static boolean cited(ScanBuffer b, int first, int last) {
    char[] s = b.norm;
    int from = b.tokStart[first];
    int to = b.tokEnd[last];
    int open = -1;
    char close = 0;
    for (int i = from - 1; i >= 0 && from - i <= REACH; i--) {
      b.work++;
      char c = s[i];
      if (c == '\n') {
        return false;
      }
      if (c == '"' || c == '\u300c' || c == '\u300e' || (c == '\'' && (i == 0 || !isLetter(s[i - 1])))) {
        open = i;
        close = c == '\u300c' ? '\u300d' : c == '\u300e' ? '\u300f' : c;
        break;
      }
    }
    if (open < 0 || !opens(s, open, b.normLength)) {
      return false;
    }
    int end = -1;
    for (int i = to; i < b.normLength && i - open <= 2 * REACH; i++) {
      b.work++;
      char c = s[i];
      if (c == '\n') {
        return false;
      }
      if (c == close && (close != '\'' || i + 1 >= b.normLength || !isLetter(s[i + 1]))) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      return false;
    }
    int t = b.firstTokenAt(open) - 1;
    for (int k = 0; k < 3 && t >= 0 && b.tokEnd[t] <= open; k++, t--) {
      if (lineBreakBetween(s, b.tokEnd[t], open)) {
        break;
      }
      if (CITING.contains(b.tokHash[t])) {
        return true;
      }
    }
    for (String w : CITING_CJK) {
      if (endsAt(s, open, w)) {
        return true;
      }
    }
    for (String w : CITING_CJK_AFTER) {
      if (startsAt(s, end + 1, b.normLength, w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsAt(char[] s, int at, String w) {
    int from = at - w.length();
    if (from < 0) {
      return false;
    }
    for (int i = 0; i < w.length(); i++) {
      if (s[from + i] != w.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsAt(char[] s, int at, int n, String w) {
    if (at + w.length() > n) {
      return false;
    }
    for (int i = 0; i < w.length(); i++) {
      if (s[at + i] != w.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the mark at {@code at} opens a quotation in running text: after a space, or right after a
   * Chinese or Japanese character, and not a JSON or code string ("key": "value", x = "value", ["a", "b"]).
   */
  private static boolean opens(char[] s, int at, int n) {
    if (s[at] == '\u300c' || s[at] == '\u300e') {
      return true;
    }
    if (at == 0 || at + 1 >= n || s[at + 1] == ' ') {
      return false;
    }
    if (Tokenizer.isCjk(s[at - 1])) {
      return true;
    }
    if (s[at - 1] != ' ') {
      return false;
    }
    int i = at - 1;
    while (i >= 0 && s[i] == ' ') {
      i--;
    }
    if (i < 0 || s[i] == '\n') {
      return false;
    }
    char c = s[i];
    if (c == ':') {
      int j = i - 1;
      while (j >= 0 && s[j] == ' ') {
        j--;
      }
      return j >= 0 && s[j] != '"' && s[j] != '\'';
    }
    return c != '=' && c != ',' && c != '[' && c != '{' && c != '(' && c != '"';
  }

  private static boolean lineBreakBetween(char[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s[i] == '\n') {
        return true;
      }
    }
    return false;
  }

  private static boolean isLetter(char c) {
    return Character.isLetterOrDigit(c);
  }
}
