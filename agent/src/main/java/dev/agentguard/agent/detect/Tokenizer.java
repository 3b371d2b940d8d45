package dev.agentguard.agent.detect;

/**
 * Step 2 of a scan: cuts the normalised view into word tokens with their hash and word classes,
 * undoing the spelling tricks that survive normalisation: punctuation inside words ("ign.ore",
 * "i_g_n_o_r_e"), leetspeak ("1gn0r3", "p@ss"), letters spaced out ("i g n o r e"), and Chinese or
 * Japanese runs, which have no spaces and are segmented by longest lexicon match.
 */
final class Tokenizer {
  static final byte FLAG_CJK = 1;
  static final byte FLAG_SPACED = 2;
  static final byte FLAG_LEET = 4;
  static final byte FLAG_NUMBER = 8;
  /** Two or three letters, a hyphen and more ("KI-Assistent", "LLM-Agent", "re-run"): see OrderWords. */
  static final byte FLAG_SHORT_PREFIX = 16;
  /** Words joined by a hyphen otherwise ("language-model", "clinic-assistant", "e-mail"): see OrderWords. */
  static final byte FLAG_HYPHENATED = 32;
  /** Length of the prefix the text model uses as a word's stem. */
  static final int STEM_CHARS = 5;
  /** How many prefix hashes the fast word reader keeps: enough for any stem (31 chars at most). */
  static final int PREFIX_HASHES = 32;

  private static final byte WORD = 1;
  private static final byte JOINER = 2;
  private static final byte LEET = 4;
  private static final byte BREAK = 8;
  private static final byte[] ASCII = new byte[128];
  // The fast word reader's table: DIGIT or LETTER for the ASCII word chars, 0 for the rest.
  private static final int DIGIT = 1;
  private static final int LETTER = 2;
  private static final byte[] PLAIN = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII[c] = WORD;
      ASCII[c - 32] = WORD;
    }
    for (char c = '0'; c <= '9'; c++) {
      ASCII[c] = WORD;
      PLAIN[c] = DIGIT;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      PLAIN[c] = LETTER;
      PLAIN[c - 32] = LETTER;
    }
    for (char c : ".-_*'`|~^+".toCharArray()) {
      ASCII[c] |= JOINER;
    }
    ASCII['@'] = LEET;
    ASCII['$'] = LEET;
    for (char c : ".!?\n;".toCharArray()) {
      ASCII[c] |= BREAK;
    }
  }

  /**
   * Words whose period does not end a sentence: "bzw.", "e.g.", "z.B.", "etc.", "Dr.", "P.S." (hashed as the
   * tokenizer reads them: "z.B." is the word "zb"). "No." is not here: "The answer is no." ends one.
   */
  private static final WordBits ABBREVIATIONS = WordBits.setOf("eg", "ie", "etc", "vs", "cf", "approx", "incl",
      "resp", "mr", "mrs", "ms", "dr", "prof", "st", "bzw", "zb", "usw", "dh", "ua", "ggf", "evtl", "inkl", "zzgl",
      "vgl", "sog", "ca", "nr", "sr", "sra", "dra", "av", "env", "ecc", "pf", "cad", "pe", "ps");

  private Tokenizer() {}

  /** Whether the period at {@code p} ends an abbreviation ({@link #ABBREVIATIONS}) read right before it. */
  private static boolean endsAbbreviation(ScanBuffer b, int p) {
    int last = b.tokenCount - 1;
    return last >= 0 && b.tokEnd[last] == p && b.tokEnd[last] - b.tokStart[last] <= 6
        && ABBREVIATIONS.contains(b.tokHash[last]);
  }

  static boolean isWordChar(char c) {
    if (c < 0x80) {
      return ASCII[c] == WORD;
    }
    return !isCjk(c) && Character.isLetterOrDigit(c);
  }

  static boolean isCjk(char c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3040 && c <= 0x30FF)
        || (c >= 0xF900 && c <= 0xFAFF);
  }

  /**
   * Whether the letters [start, q) before an apostrophe are an elided article or preposition: one letter
   * (l', d', j'), "qu'", "un'", or an Italian preposition joined to its article (all', dell', nell', sull',
   * dall', coll', quell'), so "all'assistente" reads as "all" and "assistente".
   */
  private static boolean elision(char[] s, int start, int q) {
    int len = q - start;
    if (len == 1) {
      return true;
    }
    if (len == 2) {
      return (s[start] == 'q' && s[start + 1] == 'u') || (s[start] == 'u' && s[start + 1] == 'n');
    }
    return len <= 5 && s[q - 1] == 'l' && s[q - 2] == 'l';
  }

  private static boolean isJoinerOrLeet(char c) {
    return c < 0x80 && (ASCII[c] & (JOINER | LEET)) != 0;
  }

  private static boolean isLeetSymbol(char c) {
    return c < 0x80 && ASCII[c] == LEET;
  }

  private static boolean isSentenceBreak(char c) {
    if (c < 0x80) {
      return (ASCII[c] & BREAK) != 0;
    }
    return c == '\u3002' || c == '\uff01' || c == '\uff1f' || c == '\uff1b';
  }

  static char leet(char c) {
    switch (c) {
      case '0': return 'o';
      case '1': return 'i';
      case '2': return 'z';
      case '3': return 'e';
      case '4': return 'a';
      case '5': return 's';
      case '6': return 'g';
      case '7': return 't';
      case '8': return 'b';
      case '9': return 'g';
      case '@': return 'a';
      case '$': return 's';
      default: return c;
    }
  }

  static void tokenize(ScanBuffer b, Lexicon lex) {
    tokenize(b, lex, false);
  }

  /** {@code generalOnly}: every word through {@link #generalWord}, for tests of the fast reader. */
  static void tokenize(ScanBuffer b, Lexicon lex, boolean generalOnly) {
    char[] s = b.norm;
    int n = b.normLength;
    b.tokenCount = 0;
    b.wordGates = 0;
    int sentence = 0;
    boolean sentenceHasToken = false;
    int p = 0;
    while (p < n) {
      char c = s[p];
      if (c < 0x80) {
        int kind = ASCII[c];
        if (kind == WORD) {
          p = generalOnly ? generalWord(b, lex, p, n, sentence) : word(b, lex, p, n, sentence);
          sentenceHasToken = true;
          continue;
        }
        if ((kind & BREAK) != 0 && sentenceHasToken && !(c == '.' && endsAbbreviation(b, p))) {
          sentence++;
          sentenceHasToken = false;
        }
        p++;
      } else if (isCjk(c)) {
        p = cjkRun(b, lex, p, n, sentence);
        sentenceHasToken = true;
      } else if (Character.isLetterOrDigit(c)) {
        p = word(b, lex, p, n, sentence);
        sentenceHasToken = true;
      } else {
        if (isSentenceBreak(c) && sentenceHasToken) {
          sentence++;
          sentenceHasToken = false;
        }
        p++;
      }
    }
    b.sentenceCount = sentence + 1;
    if (hasSingleRun(b)) {
      mergeSpacedLetters(b, lex);
    }
    b.work += n;
  }

  /**
   * Reads the word token starting at {@code start} (a word char) and returns where it ends. Most words
   * are plain ASCII letters or digits ended by a space or punctuation: this method reads those alone,
   * small enough that the JIT keeps the hash in a register; a word that goes on past its ASCII letters (a
   * joiner, a leet symbol, another script) is read again from its start by {@link #generalWord}.
   */
  private static int word(ScanBuffer b, Lexicon lex, int start, int n, int sentence) {
    char[] s = b.norm;
    long[] prefix = b.prefixHash;
    long h = Lexicon.FNV_OFFSET;
    int q = start;
    int seen = 0; // DIGIT and LETTER bits of the chars read
    while (q < n) {
      char w = s[q];
      int kind = w < 0x80 ? PLAIN[w] : 0;
      if (kind == 0) {
        break;
      }
      h = Lexicon.step(h, w);
      // Off the hash's chain of multiplies, so nearly free; wraps past 32 chars (such words hash again).
      prefix[(q - start) & (PREFIX_HASHES - 1)] = h;
      seen |= kind;
      q++;
    }
    if (q < n && continuesWord(s, q, n)) {
      return generalWord(b, lex, start, n, sentence);
    }
    if (seen == (DIGIT | LETTER)) {
      addMixedToken(b, lex, start, q, sentence);
      return q;
    }
    int len = q - start;
    int slot = lex.wordSlot(h);
    long classes = lex.classesAt(slot);
    if (len >= 3) { // the test of stemClasses, here so that most words make no call
      int lengths = lex.stemLengths(s[start], s[start + 1], s[start + 2]);
      if ((lengths & (Lexicon.lengthBit(len) * 2 - 1)) != 0) {
        classes |= len <= PREFIX_HASHES ? probePrefixes(lex, prefix, len, lengths)
            : probeStems(lex, s, start, q, false, 3, lengths);
      }
    }
    long stemHash = h;
    if (len > STEM_CHARS && len <= PREFIX_HASHES) {
      stemHash = prefix[STEM_CHARS - 1];
    } else if (len > STEM_CHARS) {
      stemHash = Lexicon.FNV_OFFSET;
      for (int k = start; k < start + STEM_CHARS; k++) {
        stemHash = Lexicon.step(stemHash, s[k]);
      }
    }
    b.addToken(start, q, h, stemHash, classes, lex.marksAt(slot), sentence,
        (byte) (seen == DIGIT ? FLAG_NUMBER : 0));
    return q;
  }

  /** A word of letters and digits: an identifier (a number to the text model) or else leetspeak. */
  private static void addMixedToken(ScanBuffer b, Lexicon lex, int start, int end, int sentence) {
    boolean id = isIdentifier(b.norm, start, end);
    addToken(b, lex, start, end, !id, id, sentence);
  }

  /**
   * Whether the word of letters and digits in [start, end) is an identifier ("c-14", "INV2024", "10am"): one
   * run of letters and one of two or more digits, in either order, joiners aside. Leetspeak puts digits
   * among the letters ("1gn0r3", "h4ck3r", "pr3v10u5") or one digit for one letter ("4ll"); read as
   * leetspeak, "c-14" would be "cia" and "c-30" "ceo". An identifier counts as a number for the text model.
   */
  static boolean isIdentifier(char[] s, int start, int end) {
    int runs = 0;
    int digitRun = 0;
    int lastKind = 0;
    for (int k = start; k < end; k++) {
      char c = s[k];
      int kind = c >= '0' && c <= '9' ? DIGIT : isWordChar(c) ? LETTER : 0;
      if (kind == 0) {
        continue; // a joiner
      }
      if (kind != lastKind) {
        if (++runs > 2) {
          return false;
        }
        lastKind = kind;
      }
      if (kind == DIGIT) {
        digitRun++;
      }
    }
    return runs == 2 && digitRun >= 2;
  }

  /** Whether the word goes on at {@code q}, past its last ASCII letter or digit: the general reader's case. */
  private static boolean continuesWord(char[] s, int q, int n) {
    char c = s[q];
    if (c >= 0x80) {
      return isWordChar(c);
    }
    return q + 1 < n && (ASCII[c] & (JOINER | LEET)) != 0 && isWordChar(s[q + 1]);
  }

  /**
   * Reads any word token starting at {@code start} (a word char) and returns where it ends: word chars,
   * plus joiners and leet symbols between word chars. A leet token is hashed again with its mapping.
   */
  private static int generalWord(ScanBuffer b, Lexicon lex, int start, int n, int sentence) {
    char[] s = b.norm;
    long h = Lexicon.FNV_OFFSET;
    int q = start;
    int len = 0;
    int digits = 0;
    int symbols = 0;
    long stemHash = 0;
    boolean joined = false;
    boolean shortPrefix = false;
    while (true) {
      // Branch-free inner loop: the digit count and the stem hash (first STEM_CHARS word chars) are
      // arithmetic, so only the end of the run is a branch the CPU can mispredict.
      while (q < n) {
        char w = s[q];
        if (w >= 0x80 || ASCII[w] != WORD) {
          break;
        }
        h = Lexicon.step(h, w);
        len++;
        digits += (w - ':') >>> 31; // the ASCII word chars below ':' are the digits
        long keep = (long) (STEM_CHARS - len) >> 63; // all ones once the stem is complete
        stemHash = (stemHash & keep) | (h & ~keep);
        q++;
      }
      if (q < n && s[q] >= 0x80 && isWordChar(s[q])) {
        h = Lexicon.step(h, s[q]); // a letter (or digit) of another script: counted as a letter
        len++;
        if (len <= STEM_CHARS) {
          stemHash = h;
        }
        q++;
        continue;
      }
      if (q + 1 < n && isJoinerOrLeet(s[q]) && isWordChar(s[q + 1])) {
        char d = s[q];
        if (d == '\'' && elision(s, start, q)) {
          break; // French/Italian elision: l'instruction, qu'il, all'assistente
        }
        if (isLeetSymbol(d)) {
          symbols++;
        }
        shortPrefix |= !joined && d == '-' && (q - start == 2 || q - start == 3);
        joined = true;
        q++;
        continue;
      }
      break;
    }
    int letters = len - digits;
    if (symbols > 0) {
      addToken(b, lex, start, q, true, false, sentence);
      if (isEmailAddress(s, start, q)) {
        b.tokFlags[b.tokenCount - 1] &= ~FLAG_LEET; // read as before for the text model, but no disguise
      }
      return q;
    }
    if (letters > 0 && digits > 0) {
      addMixedToken(b, lex, start, q, sentence);
      return q;
    }
    int slot = lex.wordSlot(h);
    long classes = lex.classesAt(slot);
    if (len >= 2) {
      classes |= stemClasses(lex, s, start, q, joined, len);
    }
    b.addToken(start, q, h, stemHash, classes, lex.marksAt(slot), sentence,
        (byte) ((letters == 0 ? FLAG_NUMBER : 0)
            | (shortPrefix ? FLAG_SHORT_PREFIX : joined && hasHyphen(s, start, q) ? FLAG_HYPHENATED : 0)));
    return q;
  }

  /** Whether a joined word has a hyphen: looked for only after the word, off the hot loop. */
  private static boolean hasHyphen(char[] s, int start, int end) {
    for (int i = start + 1; i < end; i++) {
      if (s[i] == '-') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the token in [start, end) is an e-mail address ("orders@coastalprint.com"): one {@code @}, not
   * first, no other leet symbol, and a dot after the {@code @} with more after it. Its {@code @} is not
   * leetspeak for "a": read as leetspeak, "orders@coastalprint.com" would be the word "orders" in disguise.
   */
  static boolean isEmailAddress(char[] s, int start, int end) {
    int at = -1;
    boolean dotAfter = false;
    for (int k = start; k < end; k++) {
      char c = s[k];
      if (c == '@') {
        if (at >= 0 || k == start) {
          return false;
        }
        at = k;
      } else if (c == '$') {
        return false;
      } else if (c == '.' && at >= 0 && k + 1 < end) {
        dotAfter = true;
      }
    }
    return dotAfter;
  }

  /**
   * Classes of the stems the plain word in [start, end) starts with ({@code len} word chars, joiners
   * between them if {@code joined}). Stems have 3+ letters when they start with a-z, so the first three
   * letters rule most words out with one table read, which also tells the lengths the stems starting with
   * them have: the word is probed only at those. Other scripts' stems may have two letters.
   */
  private static long stemClasses(Lexicon lex, char[] s, int start, int end, boolean joined, int len) {
    int firstProbe = 2;
    int lengths = -1; // every length
    if (s[start] < 0x80) {
      if (len < 3) {
        return 0;
      }
      char c1;
      char c2;
      if (!joined) {
        c1 = s[start + 1];
        c2 = s[start + 2];
      } else {
        int k = start + 1;
        while (!isWordChar(s[k])) {
          k++;
        }
        c1 = s[k++];
        while (!isWordChar(s[k])) {
          k++;
        }
        c2 = s[k];
      }
      lengths = lex.stemLengths(s[start], c1, c2);
      if ((lengths & (Lexicon.lengthBit(len) * 2 - 1)) == 0) {
        return 0; // no stem with these letters is this short
      }
      firstProbe = 3;
    }
    return probeStems(lex, s, start, end, joined, firstProbe, lengths);
  }

  /**
   * {@link #probeStems} of a word of the fast reader ({@code len} chars), by its prefix hashes, from length 3 on.
   */
  private static long probePrefixes(Lexicon lex, long[] prefix, int len, int lengths) {
    long classes = 0;
    for (int l = 3; l <= len; l++) {
      if ((lengths & Lexicon.lengthBit(l)) != 0) {
        long probe = lex.stemProbe(prefix[l - 1], l);
        classes |= probe & ~Lexicon.PREFIX_BIT;
        if ((probe & Lexicon.PREFIX_BIT) == 0) {
          break;
        }
      }
    }
    return classes;
  }

  /**
   * Classes of the stems of {@link #stemClasses}, probed from length {@code firstProbe} on, only at the
   * lengths of {@code lengths} ({@link Lexicon#lengthBit}).
   */
  private static long probeStems(Lexicon lex, char[] s, int start, int end, boolean joined, int firstProbe,
      int lengths) {
    long h = Lexicon.FNV_OFFSET;
    long classes = 0;
    int l = 0;
    for (int k = start; k < end; k++) {
      char c = s[k];
      if (joined && !isWordChar(c)) {
        continue; // joiner
      }
      h = Lexicon.step(h, c);
      l++;
      if (l >= firstProbe && (lengths & Lexicon.lengthBit(l)) != 0) {
        long probe = lex.stemProbe(h, l);
        classes |= probe & ~Lexicon.PREFIX_BIT;
        if ((probe & Lexicon.PREFIX_BIT) == 0) {
          break;
        }
      }
    }
    return classes;
  }

  private static void addToken(ScanBuffer b, Lexicon lex, int start, int end, boolean leet, boolean number,
      int sentence) {
    char[] s = b.norm;
    long h = Lexicon.FNV_OFFSET;
    long classes = 0;
    int len = 0;
    long stemHash = 0;
    // Stems have 3+ letters; the first three chars of a plain token rule most of them out at once.
    boolean stems = end - start >= 2 && (leet || s[start] >= 0x80 || end - start >= 3
        && lex.mayStartStem(s[start], s[start + 1], s[start + 2]));
    long raw = Lexicon.FNV_OFFSET; // the chars as written: lexicon words with digits ("base64", "gpt4")
    for (int k = start; k < end; k++) {
      char c = s[k];
      if (!isWordChar(c) && !isLeetSymbol(c)) {
        continue; // joiner
      }
      if (leet) {
        raw = Lexicon.step(raw, c);
        c = leet(c);
      }
      h = Lexicon.step(h, c);
      len++;
      if (len == STEM_CHARS) {
        stemHash = h;
      }
      if (stems && len >= 2) {
        long probe = lex.stemProbe(h, len);
        classes |= probe & ~Lexicon.PREFIX_BIT;
        stems = (probe & Lexicon.PREFIX_BIT) != 0;
      }
    }
    int slot = lex.wordSlot(h);
    classes |= lex.classesAt(slot);
    long rawClasses = leet ? lex.wordClasses(raw) : 0;
    classes |= rawClasses;
    // A lexicon word that has digits of its own ("base64") is written plainly, not in leetspeak.
    boolean leetWord = leet && rawClasses == 0;
    byte flags = (byte) ((leetWord ? FLAG_LEET : 0) | (number ? FLAG_NUMBER : 0));
    b.addToken(start, end, h, len > STEM_CHARS ? stemHash : h, classes, lex.marksAt(slot), sentence, flags);
  }

  /**
   * Segments a CJK run by longest match of a lexicon word or a word the data-order finders look for
   * ({@link OrderWords}: "调用", "工具", "大模型"); unknown characters become one-char tokens.
   */
  private static int cjkRun(ScanBuffer b, Lexicon lex, int p, int n, int sentence) {
    char[] s = b.norm;
    int max = Math.max(lex.maxCjkWord(), OrderWords.maxCjkWord());
    while (p < n && isCjk(s[p])) {
      long h = Lexicon.FNV_OFFSET;
      int bestLen = 1;
      long bestClasses = 0;
      long bestHash = 0;
      long bestMark = 0;
      for (int len = 1; len <= max && p + len <= n && isCjk(s[p + len - 1]); len++) {
        h = Lexicon.step(h, s[p + len - 1]);
        int slot = lex.wordSlot(h);
        long cls = lex.classesAt(slot);
        long mark = lex.marksAt(slot);
        if (len == 1) {
          bestHash = h;
          bestClasses = cls;
          bestMark = mark;
        } else if (cls != 0 || (int) mark != 0) { // a gate alone makes no word
          bestLen = len;
          bestClasses = cls;
          bestHash = h;
          bestMark = mark;
        }
      }
      b.addToken(p, p + bestLen, bestHash, bestHash, bestClasses, bestMark, sentence, FLAG_CJK);
      b.work += max;
      p += bestLen;
    }
    return p;
  }

  /**
   * Joins runs of three or more one-char tokens ("i g n o r e  a l l") into words, splitting the run
   * where the gap is wider than the narrowest gap in it, which is how such text separates its words.
   */
  private static void mergeSpacedLetters(ScanBuffer b, Lexicon lex) {
    int count = b.tokenCount;
    int out = 0;
    int i = 0;
    while (i < count) {
      int j = i;
      int minGap = Integer.MAX_VALUE;
      while (j + 1 < count && isSingle(b, j) && isSingle(b, j + 1) && b.tokSentence[j] == b.tokSentence[j + 1]
          && b.tokStart[j + 1] - b.tokEnd[j] <= 3) {
        minGap = Math.min(minGap, b.tokStart[j + 1] - b.tokEnd[j]);
        j++;
      }
      if (j - i + 1 >= 3) {
        int from = i;
        for (int k = i; k <= j; k++) {
          if (k == j || b.tokStart[k + 1] - b.tokEnd[k] > minGap) {
            if (k - from + 1 >= 2) {
              out = mergeRange(b, lex, from, k, out);
            } else {
              out = copyToken(b, from, out);
            }
            from = k + 1;
          }
        }
        i = j + 1;
      } else {
        out = copyToken(b, i, out);
        i++;
      }
    }
    b.tokenCount = out;
  }

  private static boolean hasSingleRun(ScanBuffer b) {
    int run = 0;
    for (int t = 0; t < b.tokenCount; t++) {
      run = b.tokEnd[t] - b.tokStart[t] == 1 ? run + 1 : 0;
      if (run == 3) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSingle(ScanBuffer b, int t) {
    return b.tokEnd[t] - b.tokStart[t] == 1 && (b.tokFlags[t] & FLAG_CJK) == 0;
  }

  private static int copyToken(ScanBuffer b, int from, int to) {
    if (from != to) {
      b.tokStart[to] = b.tokStart[from];
      b.tokEnd[to] = b.tokEnd[from];
      b.tokHash[to] = b.tokHash[from];
      b.tokStemHash[to] = b.tokStemHash[from];
      b.tokClass[to] = b.tokClass[from];
      b.tokMark[to] = b.tokMark[from];
      b.tokSentence[to] = b.tokSentence[from];
      b.tokFlags[to] = b.tokFlags[from];
    }
    return to + 1;
  }

  private static int mergeRange(ScanBuffer b, Lexicon lex, int from, int last, int to) {
    boolean letters = false;
    boolean digits = false;
    for (int k = from; k <= last; k++) {
      char c = b.norm[b.tokStart[k]];
      if (c >= '0' && c <= '9') {
        digits = true;
      } else {
        letters = true;
      }
    }
    boolean leet = letters && digits;
    long h = Lexicon.FNV_OFFSET;
    long classes = 0;
    int len = 0;
    boolean stems = last - from >= 2;
    long stemHash = 0;
    for (int k = from; k <= last; k++) {
      char c = b.norm[b.tokStart[k]];
      h = Lexicon.step(h, leet ? leet(c) : c);
      len++;
      if (len == STEM_CHARS) {
        stemHash = h;
      }
      if (stems && len >= 2) {
        long probe = lex.stemProbe(h, len);
        classes |= probe & ~Lexicon.PREFIX_BIT;
        stems = (probe & Lexicon.PREFIX_BIT) != 0;
      }
    }
    int slot = lex.wordSlot(h);
    classes |= lex.classesAt(slot);
    b.tokStart[to] = b.tokStart[from];
    b.tokEnd[to] = b.tokEnd[last];
    b.tokHash[to] = h;
    b.tokStemHash[to] = len > STEM_CHARS ? stemHash : h;
    b.tokClass[to] = classes;
    long marks = lex.marksAt(slot);
    b.tokMark[to] = (int) marks;
    b.wordGates |= (int) (marks >>> 32);
    b.tokSentence[to] = b.tokSentence[from];
    b.tokFlags[to] = (byte) (FLAG_SPACED | (leet ? FLAG_LEET : 0) | (letters ? 0 : FLAG_NUMBER));
    return to + 1;
  }
}
