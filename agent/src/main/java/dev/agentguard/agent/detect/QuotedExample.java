package dev.agentguard.agent.detect;

/**
 * An attack phrase cited as an example: inside quotation marks that a word of citing introduces ("hidden
 * text such as "ignore previous instructions and ..."", "Sätze wie „Vergiss alle bisherigen Anweisungen“",
 * "被“忽略之前的指令”之类的话术"). Articles, advisories and training material about prompt injection quote the
 * attack they describe; a phrase rule inside such a quotation counts as one weaker finding
 * ({@code data.quoted_example}) instead of its own weight. The quotation must open on the same line
 * within {@link #REACH} chars before the match and close after it, and the citing word must stand within
 * three words before the opening mark (or, in Chinese, "之类" right after the closing one). The quotations are
 * found once per scan, on its first rule match, in one pass over the text. An order
 * that is not inside a cited quotation keeps its full weight, quoted or not ("Reply: "I have been PWNED"").
 */
final class QuotedExample {
  private QuotedExample() {}

  static final int REACH = 300;

  // Words that cite: "such as", "for example", "the phrase/sentence/string/payload". Not "like", "say" or
  // "reply": jailbreaks order "answer like "..."" and "say "..."", which is no citation.
  private static final WordBits CITING = WordBits.setOf(
      "such", "e.g", "eg", "example", "examples", "instance", "phrase", "phrases", "sentence", "sentences",
      "string", "strings", "payload", "payloads", "wording", "etwa", "beispiel", "beispielsweise", "satz", "satze",
      "satzen", "phrasen", "formulierungen", "exemple", "tel", "telle", "tels", "telles", "ejemplo", "frase", "frases",
      "esempio", "frasi", "exemplo", "zoals", "bijvoorbeeld", "zin", "zinnen", "np", "przyklad", "exemples",
      "ejemplos", "esempi", "exemplos", "voorbeeld", "voorbeelden", "beispiele", "przyklady",
      // what a test or an attacker was seen doing, told in the past or as a gerund: "Sending "..." returned"
      "sent", "sending", "typed", "typing", "pasted", "pasting", "entered", "entering", "submitted", "submitting",
      "contained", "containing", "contains");
  // "like" cites after a noun of texts ("classic ones like "..."", "phrases like "...""), not after a verb
  // ("answer like "..."").
  private static final WordBits LIKE = WordBits.setOf("like");
  private static final WordBits TEXT_NOUNS = WordBits.setOf("ones", "things", "phrases", "sentences", "prompts",
      "messages", "attacks", "instructions", "lines", "strings", "payloads", "inputs", "requests", "words", "text",
      "texts", "stuff", "something", "commands", "queries", "emails", "comments");
  // Chinese and Japanese are read as characters: most of these words are not in the lexicon, so they are
  // not one token each.
  private static final String[] CITING_CJK = {"例如", "比如", "诸如", "像", "类似", "例えば", "という"};
  private static final String[] CITING_CJK_AFTER = {"之类", "等", "など", "という"};

  /** Whether tokens [first, last] lie inside a quotation that a citing word introduces. */
  static boolean cited(ScanBuffer b, int first, int last) {
    if (b.citedCount < 0) {
      find(b);
    }
    int from = b.tokStart[first];
    int to = b.tokEnd[last];
    // The quotations are in text order and do not overlap: the last one opening before the match decides.
    int lo = 0;
    int hi = b.citedCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (b.citedFrom[mid] < from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo > 0 && to <= b.citedTo[lo - 1];
  }

  /**
   * Finds the cited quotations of the view in one pass: each opening mark is paired with the next closing
   * one on its line, within {@link #REACH} chars, and the pair is skipped whether cited or not, so a
   * closing mark is never taken for an opening one.
   */
  private static void find(ScanBuffer b) {
    b.citedCount = 0;
    char[] s = b.norm;
    int n = b.normLength;
    // Per kind of mark (", ', CJK): up to where a failed search already found no closing mark, so a run of
    // unpaired marks costs one search, not one per mark.
    int searchedToDouble = -1;
    int searchedToSingle = -1;
    int searchedToCjk = -1;
    boolean doubleEndedAtLine = false;
    boolean singleEndedAtLine = false;
    for (int i = 0; i < n; i++) {
      char c = s[i];
      if (c != '"' && c != '\'' && c != '\u300c' && c != '\u300e') {
        continue;
      }
      if (c == '\'' && i > 0 && isLetter(s[i - 1])) {
        continue; // an apostrophe: don't, l'assistente
      }
      char close = c == '\u300c' ? '\u300d' : c == '\u300e' ? '\u300f' : c;
      int searched = c == '"' ? searchedToDouble : c == '\'' ? searchedToSingle : searchedToCjk;
      boolean atLine = c == '"' ? doubleEndedAtLine : c != '\'' || singleEndedAtLine;
      if (i < searched && atLine) {
        continue; // the search from an earlier mark met the end of this line, or ran out, with no closing mark
      }
      int end = -1;
      int from = Math.max(i + 1, searched + 1);
      int k = from;
      boolean lineEnd = false;
      for (; k < n && k - i <= REACH; k++) {
        char d = s[k];
        if (d == '\n') {
          lineEnd = true;
          break;
        }
        if (d == close && (close != '\'' || k + 1 >= n || !isLetter(s[k + 1]))) {
          end = k;
          break;
        }
      }
      b.work += k - from + 1;
      if (end < 0) {
        if (c == '"') {
          searchedToDouble = k;
          doubleEndedAtLine = lineEnd;
        } else if (c == '\'') {
          searchedToSingle = k;
          singleEndedAtLine = lineEnd;
        } else {
          searchedToCjk = k;
        }
        continue;
      }
      boolean cited = atLineStart(s, i) ? headerCites(b, i) : opens(s, i, n) && citingWordAround(b, i, end);
      if (cited) {
        if (b.citedCount == b.citedFrom.length) {
          b.citedFrom = java.util.Arrays.copyOf(b.citedFrom, 2 * b.citedCount);
          b.citedTo = java.util.Arrays.copyOf(b.citedTo, 2 * b.citedCount);
        }
        b.citedFrom[b.citedCount] = i;
        b.citedTo[b.citedCount++] = end;
      }
      i = end;
    }
  }

  /** A citing word within three words before the opening mark, or a Chinese or Japanese one around the pair. */
  private static boolean citingWordAround(ScanBuffer b, int open, int end) {
    char[] s = b.norm;
    int t = b.firstTokenAt(open) - 1;
    for (int k = 0; k < 3 && t >= 0 && b.tokEnd[t] <= open; k++, t--) {
      if (lineBreakBetween(s, b.tokEnd[t], open)) {
        break;
      }
      if (cites(b, t)) {
        return true;
      }
    }
    for (String w : CITING_CJK) {
      if (b.viewHas(open - w.length(), w)) {
        return true;
      }
    }
    for (String w : CITING_CJK_AFTER) {
      if (b.viewHas(end + 1, w)) {
        return true;
      }
    }
    return false;
  }

  /** Whether only spaces and a list marker ("-", "*", "•", "1.", "2)") stand before {@code at} on its line. */
  private static boolean atLineStart(char[] s, int at) {
    int i = at - 1;
    while (i >= 0 && at - i <= 8 && s[i] != '\n') {
      char c = s[i];
      if (c != ' ' && c != '\t' && c != '-' && c != '*' && c != '\u2022' && c != '.' && c != ')'
          && !(c >= '0' && c <= '9') && c != '>') {
        return false;
      }
      i--;
    }
    return i < 0 || s[i] == '\n';
  }

  /**
   * Whether a quotation that opens a line (or a list item) stands under a header that cites: the nearest line
   * above it that is neither blank nor another such item ends with a colon and holds a citing word ("Examples
   * we have seen this month:", "Exemples observés :"). A JSON array of strings has no such header.
   */
  private static boolean headerCites(ScanBuffer b, int open) {
    char[] s = b.norm;
    int lineStart = open;
    while (lineStart > 0 && s[lineStart - 1] != '\n') {
      lineStart--;
    }
    for (int lines = 0; lines < 12 && lineStart > 0; lines++) {
      int end = lineStart - 1; // the '\n' ending the line above
      int start = end;
      while (start > 0 && s[start - 1] != '\n') {
        start--;
      }
      b.work += end - start + 1;
      int first = start;
      while (first < end && (s[first] == ' ' || s[first] == '\t')) {
        first++;
      }
      int last = end - 1;
      while (last >= first && (s[last] == ' ' || s[last] == '\t' || s[last] == '\r')) {
        last--;
      }
      boolean blank = last < first;
      boolean item = !blank && isQuoteItem(s, first, last);
      if (!blank && !item) {
        return s[last] == ':' && citingTokenIn(b, start, end);
      }
      lineStart = start;
    }
    return false;
  }

  private static boolean isQuoteItem(char[] s, int first, int last) {
    for (int i = first; i <= last && i - first <= 8; i++) {
      char c = s[i];
      if (c == '"' || c == '\'' || c == '\u300c' || c == '\u300e') {
        return true;
      }
      if (c != ' ' && c != '-' && c != '*' && c != '\u2022' && c != '.' && c != ')' && c != '>'
          && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return false;
  }

  /** Whether token t is a citing word, or "like" after a noun of texts. */
  private static boolean cites(ScanBuffer b, int t) {
    return CITING.contains(b.tokHash[t])
        || LIKE.contains(b.tokHash[t]) && t > 0 && TEXT_NOUNS.contains(b.tokHash[t - 1]);
  }

  private static boolean citingTokenIn(ScanBuffer b, int from, int to) {
    for (int t = b.firstTokenAt(from); t < b.tokenCount && b.tokStart[t] < to; t++) {
      b.work++;
      if (cites(b, t)) {
        return true;
      }
    }
    return false;
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
