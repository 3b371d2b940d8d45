package dev.agentguard.agent.detect;

/**
 * Step 1 of a scan: one pass over the original text that writes the matching view into a
 * {@link ScanBuffer}: code points folded ({@link CharFolding}), invisible and bidi characters removed,
 * Unicode tag characters ("ASCII smuggling") turned back into the ASCII they hide, and HTML entities,
 * %XX, \\uXXXX and \\xXX escapes decoded in place. Every output char remembers the original range it
 * came from, so findings map back to exact spans of the caller's string.
 */
final class TextNormalizer {
  /** Shortest unbroken run worth trying as base64 or hex. */
  static final int MIN_ENCODED_RUN = 24;
  private static final boolean[] BASE64 = new boolean[128];
  // The plain-ASCII path reads everything it needs about a char from one int: the folded char in the
  // low bits, flags above, and the sign bit for the chars that may start an escape (& % \).
  private static final int BASE64_SHIFT = 16;
  private static final int DOT_OR_DASH_SHIFT = 17;
  private static final int ESCAPE = 1 << 31;
  private static final int[] PLAIN = new int[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      BASE64[c] = true;
      BASE64[c + 32] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      BASE64[c] = true;
    }
    BASE64['+'] = true;
    BASE64['/'] = true;
    BASE64['='] = true;
    BASE64['-'] = true;
    BASE64['_'] = true;
    for (char c = 0; c < 128; c++) {
      PLAIN[c] = CharFolding.foldAscii(c) | (BASE64[c] ? 1 << BASE64_SHIFT : 0)
          | (c == '.' || c == '-' ? 1 << DOT_OR_DASH_SHIFT : 0) | (c == '&' || c == '%' || c == '\\' ? ESCAPE : 0);
    }
  }

  private TextNormalizer() {}

  /**
   * Whether the view ends with one space after a Chinese or Japanese character and {@code c} is one too: the
   * space is dropped, so "忽 略 之 前 的 指 令" reads as "忽略之前的指令" and the tokenizer finds its words. In
   * ordinary text such a space only parts a name ("山田 太郎"), and joining it changes no word.
   */
  private static boolean spacedCjk(ScanBuffer b, char c) {
    int k = b.normLength;
    return k >= 2 && b.norm[k - 1] == ' ' && Tokenizer.isCjk(c) && Tokenizer.isCjk(b.norm[k - 2]);
  }

  /**
   * Whether {@code \\n}, {@code \\r} or {@code \\t} at {@code i} is an escaped line break or tab: not when a
   * lower-case letter follows, as in a Windows path ("C:\\Users\\name\\new").
   */
  private static boolean lineEscape(String text, int i, int n) {
    char k = text.charAt(i + 1);
    if (k != 'n' && k != 'r' && k != 't') {
      return false;
    }
    char after = i + 2 < n ? text.charAt(i + 2) : ' ';
    return after < 'a' || after > 'z';
  }

  static void normalize(String text, ScanBuffer b) {
    int n = text.length();
    b.ensureNorm(n + 16);
    b.normLength = 0;
    b.invisibleInWord = 0;
    b.tagChars = 0;
    b.ipaChars = 0;
    b.decodedEscapes = 0;
    b.citedCount = -1;
    b.hiddenFrom = -1;
    b.hiddenTo = -1;
    b.textLength = n;
    b.encodedRunCount = 0;
    b.dotsAndDashes = 0;
    int runStart = -1; // start of the current run of base64/hex characters
    boolean inTagRun = false;
    boolean pendingInvisible = false;
    int i = 0;
    while (i < n) {
      if (!inTagRun && !pendingInvisible) {
        // Most of any text is plain ASCII that needs no decoding: copied by a tight loop.
        long r = copyPlainAscii(text, i, runStart, b);
        i = (int) (r >>> 32);
        runStart = (int) r;
        if (i >= n) {
          break;
        }
      }
      char c = text.charAt(i);
      int cp;
      int next;
      if (inTagRun && !(Character.isHighSurrogate(c) && text.codePointAt(i) >= 0xE0000
          && text.codePointAt(i) <= 0xE007F)) {
        emit(b, ' ', i);
        inTagRun = false;
      }
      if (c < 0x80 && BASE64[c]) {
        if (runStart < 0) {
          runStart = i;
        }
      } else if (runStart >= 0) {
        if (i - runStart >= MIN_ENCODED_RUN) {
          b.addEncodedRun(runStart, i);
        }
        runStart = -1;
      }
      if (c < 0x80) {
        if (c == '.' || c == '-') {
          b.dotsAndDashes++;
        }
        int decoded = -1;
        int consumed = 0;
        if (c == '&') {
          long r = decodeEntity(text, i);
          if (r >= 0) {
            decoded = (int) (r >>> 8);
            consumed = (int) (r & 0xff);
          }
        } else if (c == '%' && i + 2 < n) {
          int v = hexPair(text, i + 1);
          if (v >= 0x20 && v < 0x7f) {
            decoded = v;
            consumed = 3;
          }
        } else if (c == '\\' && i + 1 < n) {
          char k = text.charAt(i + 1);
          if (lineEscape(text, i, n)) {
            // Text serialised twice (a JSON string inside a string, an iCalendar DESCRIPTION) keeps its line
            // breaks as "\n": "...\n\nNote to the AI assistant: ..." is two lines, not the word "nnote". An
            // everyday escape, not an obfuscation, so it is not counted in decodedEscapes.
            pendingInvisible = false;
            emit(b, k == 't' ? ' ' : '\n', i);
            i += 2;
            continue;
          }
          if (k == 'u' && i + 5 < n) {
            int hi = hexPair(text, i + 2);
            int lo = hexPair(text, i + 4);
            if (hi >= 0 && lo >= 0 && (hi | lo) != 0) {
              decoded = hi << 8 | lo;
              consumed = 6;
            }
          } else if (k == 'x' && i + 3 < n) {
            int v = hexPair(text, i + 2);
            if (v >= 0x20 && v < 0x7f) {
              decoded = v;
              consumed = 4;
            }
          }
        }
        if (decoded < 0) {
          if (pendingInvisible && isAsciiWordChar(c)) {
            b.invisibleInWord++;
            hidden(b, i);
          }
          pendingInvisible = false;
          emit(b, CharFolding.foldAscii(c), i);
          i++;
          continue;
        }
        b.decodedEscapes++;
        cp = decoded;
        next = i + consumed;
      } else {
        cp = text.codePointAt(i);
        next = i + Character.charCount(cp);
        if (cp >= 0xE0000 && cp <= 0xE007F) {
          // Tag characters render as nothing but models read them as the ASCII they shadow.
          b.tagChars++;
          hidden(b, i);
          b.hiddenTo = next;
          if (cp >= 0xE0020 && cp < 0xE007F) {
            if (!inTagRun) {
              emit(b, ' ', i); // the hidden text is a message of its own, not the end of a visible word
              inTagRun = true;
            }
            emit(b, CharFolding.foldAscii((char) (cp - 0xE0000)), i);
          }
          i = next;
          continue;
        }
      }
      if (cp >= 0x250 && cp <= 0x2AF) {
        b.ipaChars++;
      }
      int f = CharFolding.fold(cp);
      if (f == CharFolding.DROP) {
        if (b.normLength > 0 && CharFolding.isInvisible(cp) && isAsciiWordChar(b.norm[b.normLength - 1])) {
          pendingInvisible = true;
        }
      } else if (CharFolding.isMulti(f)) {
        String m = CharFolding.multi(cp);
        b.ensureNorm(b.normLength + m.length() + (n - i) + 16);
        for (int k = 0; k < m.length(); k++) {
          emit(b, m.charAt(k), i);
        }
        pendingInvisible = false;
      } else {
        if (pendingInvisible && isAsciiWordChar((char) f)) {
          b.invisibleInWord++;
          hidden(b, i);
        }
        pendingInvisible = false;
        if (spacedCjk(b, (char) f)) {
          b.normLength--; // "忽 略 之 前 的 指 令": written Chinese and Japanese put no space between characters
        }
        emit(b, (char) f, i);
      }
      i = next;
    }
    if (runStart >= 0 && n - runStart >= MIN_ENCODED_RUN) {
      b.addEncodedRun(runStart, n);
    }
    b.work += n;
  }

  /**
   * Copies the plain ASCII (nothing to decode) from {@code from} into the view, lower-cased, until a
   * char that needs the general path; then counts dots and dashes and notes base64/hex runs over what
   * it copied. Short separate loops rather than one that does everything: each stays small enough for
   * the JIT to unroll (see "Speed" in the detect README).
   * Returns the index it stopped at (high half) and the start of the open base64/hex run, or -1 (low half).
   */
  private static long copyPlainAscii(String text, int from, int runStart, ScanBuffer b) {
    char[] norm = b.norm;
    int[] origStart = b.origStart;
    int k0 = b.normLength;
    // One view char per text char here: stop where the view is full; the general path grows it.
    int limit = Math.min(text.length(), from + norm.length - k0);
    int i = from;
    int k = k0;
    for (; i < limit; i++, k++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        break;
      }
      int plain = PLAIN[c];
      if (plain < 0) {
        break; // an escape to decode
      }
      norm[k] = (char) plain;
      origStart[k] = i;
    }
    int dotsAndDashes = 0;
    for (int j = k0; j < k; j++) {
      char c = norm[j];
      dotsAndDashes += c == '.' || c == '-' ? 1 : 0;
    }
    b.normLength = k;
    b.dotsAndDashes += dotsAndDashes;
    return (long) i << 32 | encodedRuns(norm, k0, k, from, runStart, b) & 0xffffffffL;
  }

  /**
   * Notes the runs of {@link #MIN_ENCODED_RUN} or more base64 chars among view chars {@code [k0, k)},
   * which were copied one for one from text index {@code from} on; {@code runStart} is the text index of
   * a run still open before them, or -1. Looks at every {@code MIN_ENCODED_RUN}-th char first: where
   * that one is not a base64 char, no long run can cover it, so ordinary words cost one read in 24.
   * Returns the text index where the run still open at {@code k} starts, or -1.
   */
  private static int encodedRuns(char[] norm, int k0, int k, int from, int runStart, ScanBuffer b) {
    int j = k0; // invariant: no run starts before j, except the open one
    if (runStart >= 0) {
      while (j < k && BASE64[norm[j]]) {
        j++;
      }
      if (j == k) {
        return runStart;
      }
      int end = from + (j - k0);
      if (end - runStart >= MIN_ENCODED_RUN) {
        b.addEncodedRun(runStart, end);
      }
      j++; // past the char that ended it
    }
    while (j < k) {
      int probe = j + MIN_ENCODED_RUN - 1;
      if (probe >= k) { // too few chars left for a whole run: only a run open at the end matters
        int s = k;
        while (s > j && BASE64[norm[s - 1]]) {
          s--;
        }
        return s == k ? -1 : from + (s - k0);
      }
      if (!BASE64[norm[probe]]) {
        j = probe + 1;
        continue;
      }
      int s = probe;
      while (s > j && BASE64[norm[s - 1]]) {
        s--;
      }
      int e = probe + 1;
      while (e < k && BASE64[norm[e]]) {
        e++;
      }
      if (e == k) {
        return from + (s - k0);
      }
      if (e - s >= MIN_ENCODED_RUN) {
        b.addEncodedRun(from + (s - k0), from + (e - k0));
      }
      j = e + 1;
    }
    return -1;
  }

  private static void hidden(ScanBuffer b, int at) {
    if (b.hiddenFrom < 0) {
      b.hiddenFrom = at;
    }
    b.hiddenTo = at + 1;
  }

  private static boolean isAsciiWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static void emit(ScanBuffer b, char c, int start) {
    int k = b.normLength;
    if (k == b.norm.length) {
      b.ensureNorm(k + 16);
    }
    b.norm[k] = c;
    b.origStart[k] = start;
    b.normLength = k + 1;
  }

  static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static int hexPair(String s, int at) {
    if (at + 1 >= s.length()) {
      return -1;
    }
    int h = hexValue(s.charAt(at));
    int l = hexValue(s.charAt(at + 1));
    return h < 0 || l < 0 ? -1 : h << 4 | l;
  }

  /** Decodes an HTML entity at {@code at}: (code point << 8 | length), or -1. */
  private static long decodeEntity(String s, int at) {
    int n = s.length();
    int limit = Math.min(n, at + 12);
    int semi = -1;
    for (int k = at + 1; k < limit; k++) {
      if (s.charAt(k) == ';') {
        semi = k;
        break;
      }
    }
    if (semi < 0 || semi == at + 1) {
      return -1;
    }
    int cp;
    if (s.charAt(at + 1) == '#') {
      boolean hex = at + 2 < semi && (s.charAt(at + 2) == 'x' || s.charAt(at + 2) == 'X');
      int from = at + (hex ? 3 : 2);
      if (from >= semi) {
        return -1;
      }
      cp = 0;
      for (int k = from; k < semi; k++) {
        int d = hex ? hexValue(s.charAt(k)) : Character.digit(s.charAt(k), 10);
        if (d < 0) {
          return -1;
        }
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10FFFF) {
          return -1;
        }
      }
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return -1;
      }
    } else {
      switch (s.substring(at + 1, semi)) {
        case "amp": cp = '&'; break;
        case "lt": cp = '<'; break;
        case "gt": cp = '>'; break;
        case "quot": cp = '"'; break;
        case "apos": cp = '\''; break;
        case "nbsp": cp = ' '; break;
        case "shy": cp = 0xAD; break;
        case "zwj": cp = 0x200D; break;
        case "zwnj": cp = 0x200C; break;
        default: return -1;
      }
    }
    return ((long) cp << 8) | (semi + 1 - at);
  }
}
