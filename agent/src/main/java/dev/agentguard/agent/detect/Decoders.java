package dev.agentguard.agent.detect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Step 5 of a scan: finds text an attacker encoded so that word rules cannot see it (base64, hex,
 * binary octets, Morse, Caesar shifts including ROT13, text written backwards or upside down) and
 * decodes it for a nested scan. Only runs that look like an encoding are decoded, and a decoding is
 * kept only when it yields readable text, so ordinary identifiers and hashes cost one cheap pass.
 */
final class Decoders {
  /** A decoded payload and the original range that carried it. */
  record Payload(String encoding, String text, int start, int end) {}

  private static final double[] ENGLISH = {
    8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.77, 4.0, 2.4, 6.7, 7.5, 1.9, 0.095, 6.0, 6.3, 9.1,
    2.8, 0.98, 2.4, 0.15, 2.0, 0.074
  };
  private static final String[] MORSE = new String[128];
  private static final double[] INVERSE_FREQUENCY = new double[26];
  // Letter counting: 'a'..'z' -> 0..25, any other ASCII char -> OTHER_SLOT.
  private static final int OTHER_SLOT = 26;
  private static final byte[] LETTER_SLOT = new byte[128];

  static {
    for (int k = 0; k < 26; k++) {
      INVERSE_FREQUENCY[k] = 100.0 / ENGLISH[k];
    }
    java.util.Arrays.fill(LETTER_SLOT, (byte) OTHER_SLOT);
    for (int k = 0; k < 26; k++) {
      LETTER_SLOT['a' + k] = (byte) k;
    }
    String[] codes = {
      ".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---", "-.-", ".-..", "--", "-.", "---",
      ".--.", "--.-", ".-.", "...", "-", "..-", "...-", ".--", "-..-", "-.--", "--.."
    };
    for (int i = 0; i < 26; i++) {
      MORSE[i] = codes[i];
    }
    String[] digits = {"-----", ".----", "..---", "...--", "....-", ".....", "-....", "--...", "---..", "----."};
    for (int i = 0; i < 10; i++) {
      MORSE[26 + i] = digits[i];
    }
  }

  private Decoders() {}

  /** All payloads found in {@code text}; {@code b} holds its normalised view and tokens. */
  static List<Payload> find(String text, ScanBuffer b, Lexicon lexicon, long stopBit) {
    List<Payload> out = null;
    out = base64AndHexRuns(text, b, out);
    out = spacedOctets(text, b, out);
    out = morse(text, b, out);
    out = caesarAndReversed(text, b, lexicon, stopBit, out);
    out = upsideDown(text, b, lexicon, out);
    return out == null ? List.of() : out;
  }

  private static List<Payload> add(List<Payload> out, Payload p) {
    if (out == null) {
      out = new ArrayList<>(2);
    }
    out.add(p);
    return out;
  }

  /** Long unbroken runs (noted by the normaliser): hex if every char is a hex digit, else base64. */
  private static List<Payload> base64AndHexRuns(String text, ScanBuffer b, List<Payload> out) {
    for (int r = 0; r < b.encodedRunCount; r++) {
      int start = b.encodedRuns[2 * r];
      int end = b.encodedRuns[2 * r + 1];
      boolean hex = true;
      int upper = 0;
      int lower = 0;
      int digits = 0;
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (TextNormalizer.hexValue(c) < 0) {
          hex = false;
        }
        if (c >= 'A' && c <= 'Z') {
          upper++;
        } else if (c >= 'a' && c <= 'z') {
          lower++;
        } else if (c >= '0' && c <= '9') {
          digits++;
        }
      }
      b.work += end - start;
      String run = text.substring(start, end);
      String decoded = null;
      String encoding = null;
      if (hex && run.length() % 2 == 0 && digits > 0) {
        decoded = readable(hexBytes(run, 0, run.length()));
        encoding = "hex";
      } else if (upper > 0 && lower > 0 && (digits > 0 || upper > 2)) {
        decoded = readable(base64(run));
        encoding = "base64";
      }
      if (decoded != null) {
        out = add(out, new Payload(encoding, decoded, start, end));
      }
    }
    return out;
  }

  private static byte[] hexBytes(String s, int from, int to) {
    byte[] bytes = new byte[(to - from) / 2];
    for (int k = 0; k < bytes.length; k++) {
      bytes[k] = (byte) (TextNormalizer.hexValue(s.charAt(from + 2 * k)) << 4
          | TextNormalizer.hexValue(s.charAt(from + 2 * k + 1)));
    }
    return bytes;
  }

  private static byte[] base64(String run) {
    String s = run.replace('-', '+').replace('_', '/');
    int eq = s.indexOf('=');
    if (eq >= 0) {
      s = s.substring(0, eq);
    }
    s = s.substring(0, s.length() % 4 == 1 ? s.length() - 1 : s.length());
    try {
      return Base64.getDecoder().decode(pad(s));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String pad(String s) {
    int r = s.length() % 4;
    return r == 0 ? s : s + "==".substring(0, 4 - r);
  }

  /** Decoded bytes as text if they are valid UTF-8, mostly printable and contain words. */
  private static String readable(byte[] bytes) {
    if (bytes == null || bytes.length < 8) {
      return null;
    }
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    int printable = 0;
    int spaces = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == ' ') {
        spaces++;
      }
      if (c >= 0x20 && c != 0x7f || c == '\n' || c == '\t' || c == '\r') {
        printable++;
      }
    }
    return printable >= s.length() * 0.95 && (spaces >= 2 || s.length() < 24) ? s : null;
  }

  /** Space-separated hex pairs ("49 67 6e") or binary octets ("01001001 01100111"). */
  private static List<Payload> spacedOctets(String text, ScanBuffer b, List<Payload> out) {
    int t = 0;
    int n = b.tokenCount;
    while (t < n) {
      int width = b.tokEnd[t] - b.tokStart[t];
      if ((width != 2 && width != 8) || !isOctetToken(b, t, width)) {
        t++;
        continue;
      }
      int first = t;
      while (t + 1 < n && b.tokEnd[t + 1] - b.tokStart[t + 1] == width && isOctetToken(b, t + 1, width)
          && b.tokStart[t + 1] - b.tokEnd[t] <= 2) {
        t++;
      }
      int count = t - first + 1;
      t++;
      if (count < 6) {
        continue;
      }
      byte[] bytes = new byte[count];
      for (int k = 0; k < count; k++) {
        int s = b.tokStart[first + k];
        int v = 0;
        for (int j = 0; j < width; j++) {
          char c = b.norm[s + j];
          v = width == 2 ? v << 4 | TextNormalizer.hexValue(c) : v << 1 | (c - '0');
        }
        bytes[k] = (byte) v;
      }
      String decoded = readable(bytes);
      if (decoded != null) {
        out = add(out, new Payload(width == 2 ? "hex" : "binary", decoded,
            b.origStart[b.tokStart[first]], b.endOf(b.tokEnd[first + count - 1] - 1)));
      }
    }
    return out;
  }

  private static boolean isOctetToken(ScanBuffer b, int t, int width) {
    for (int k = b.tokStart[t]; k < b.tokEnd[t]; k++) {
      char c = b.norm[k];
      if (width == 8 ? c != '0' && c != '1' : TextNormalizer.hexValue(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Runs of dots and dashes separated by spaces or slashes, decoded when they spell letters. */
  private static List<Payload> morse(String text, ScanBuffer b, List<Payload> out) {
    if (b.dotsAndDashes < 16) {
      return out;
    }
    char[] s = b.norm;
    int n = b.normLength;
    int i = 0;
    while (i < n) {
      char c = s[i];
      if (c != '.' && c != '-') {
        i++;
        continue;
      }
      int start = i;
      int symbols = 0;
      while (i < n && (s[i] == '.' || s[i] == '-' || s[i] == ' ' || s[i] == '/' || s[i] == '|')) {
        if (s[i] != ' ' && s[i] != '/' && s[i] != '|' && (i == start || s[i - 1] == ' ' || s[i - 1] == '/')) {
          symbols++;
        }
        i++;
      }
      b.work += i - start;
      if (symbols < 8) {
        continue;
      }
      String decoded = decodeMorse(s, start, i);
      if (decoded != null) {
        out = add(out, new Payload("morse", decoded, b.origStart[start], b.endOf(i - 1)));
      }
    }
    return out;
  }

  private static String decodeMorse(char[] s, int from, int to) {
    StringBuilder text = new StringBuilder();
    StringBuilder code = new StringBuilder();
    int letters = 0;
    int unknown = 0;
    for (int i = from; i <= to; i++) {
      char c = i < to ? s[i] : ' ';
      if (c == '.' || c == '-') {
        code.append(c);
        continue;
      }
      if (code.length() > 0) {
        int idx = -1;
        for (int k = 0; k < 36; k++) {
          if (MORSE[k].contentEquals(code)) {
            idx = k;
            break;
          }
        }
        if (idx < 0) {
          unknown++; // punctuation codes and typos: skipped, but too many means this is not Morse
        } else {
          text.append(idx < 26 ? (char) ('a' + idx) : (char) ('0' + idx - 26));
          letters++;
        }
        code.setLength(0);
      }
      boolean wordBreak = c == '/' || c == '|' || (c == ' ' && i + 1 < to && s[i + 1] == ' ');
      if (wordBreak && text.length() > 0 && text.charAt(text.length() - 1) != ' ') {
        text.append(' ');
      }
    }
    return letters >= 6 && unknown * 5 <= letters ? text.toString().strip() : null;
  }

  /** The squared letter counts, as doubles (a count past 46,340 squared overflows an int). */
  static void squares(int[] counts, double[] squares) {
    for (int k = 0; k < 52; k++) {
      double c = counts[k];
      squares[k] = c * c;
    }
  }

  /**
   * Chi-square of the unshifted counts against English letter frequencies, as sum(c^2 / p) / letters -
   * letters (no division per letter).
   */
  static double chiSquare(double[] squares, int letters) {
    double sum = 0;
    for (int k = 0; k < 26; k++) {
      sum += squares[k] * INVERSE_FREQUENCY[k];
    }
    return sum / letters - letters;
  }

  /**
   * The chi-square of the counts shifted by {@code shift}, as {@link #chiSquare}; {@code squares} holds the
   * squared counts twice over, so a shift needs no modulo.
   */
  static double shiftedChiSquare(double[] squares, int shift, int letters) {
    double sum = 0;
    for (int k = 0; k < 26; k++) {
      sum += squares[k + shift] * INVERSE_FREQUENCY[k];
    }
    return sum / letters - letters;
  }

  /**
   * The shift whose counts fit English best (the first of equals), if its chi-square is at most 0.4 of the
   * unshifted {@code chi0} and at most 1.5 per letter; else 0. A shift whose floor ({@link #rareLettersChiSquare})
   * already fails that test is not the one that passes it, so its whole sum is not taken.
   */
  static int fittingShift(double[] squares, int letters, double chi0) {
    int best = 0;
    double bestChi = chi0;
    for (int shift = 1; shift < 26; shift++) {
      double floor = rareLettersChiSquare(squares, shift, letters);
      if (floor > chi0 * 0.4 || floor > letters * 1.5) {
        continue;
      }
      double chi = shiftedChiSquare(squares, shift, letters);
      if (chi < bestChi) {
        bestChi = chi;
        best = shift;
      }
    }
    return best == 0 || bestChi > chi0 * 0.4 || bestChi > letters * 1.5 ? 0 : best;
  }

  /** The rarest letters of English (j, k, q, v, x, z) in alphabet order: {@link #rareLettersChiSquare}'s terms. */
  private static final int[] RARE_LETTERS = {9, 10, 16, 21, 23, 25};

  /**
   * A floor under {@link #shiftedChiSquare}: its sum over the rare letters' terms alone, added in the same
   * order. The terms are not negative, so in floating point too this partial sum is never above the whole,
   * and a shift whose floor already fails the fit test fails it. A wrong shift moves a common letter onto a
   * rare one, which weighs 100 to 1,350 times its share: in the development rows' sentences that reach the
   * shifts, 1.1 of the 25 shifts pass the floor on average, so the whole sum is taken about once, not 25 times.
   */
  static double rareLettersChiSquare(double[] squares, int shift, int letters) {
    double sum = 0;
    for (int k : RARE_LETTERS) {
      sum += squares[k + shift] * INVERSE_FREQUENCY[k];
    }
    return sum / letters - letters;
  }

  /**
   * Sentences with no common English word that are either written backwards ("erongi lla suoiverp
   * snoitcurtsni", see {@link #readsBackwards}) or whose letter counts fit English much better after a
   * shift: a Caesar cipher (ROT13 is shift 13). Shifting keeps the length, so offsets map 1:1; a
   * reversed sentence is decoded from the original text.
   */
  private static List<Payload> caesarAndReversed(String text, ScanBuffer b, Lexicon lexicon, long stopBit,
      List<Payload> out) {
    int n = b.tokenCount;
    int t = 0;
    int[] counts = null;
    double[] squares = null;
    while (t < n) {
      int sentence = b.tokSentence[t];
      int first = t;
      int stops = 0;
      int words = 0;
      while (t < n && b.tokSentence[t] == sentence) {
        // Counted without branches: which tokens are stop words or numbers is unpredictable.
        stops += Long.bitCount(b.tokClass[t] & stopBit);
        words += (b.tokFlags[t] & (Tokenizer.FLAG_CJK | Tokenizer.FLAG_NUMBER)) == 0 ? 1 : 0;
        t++;
      }
      if (stops > 0 || words < 4) {
        continue;
      }
      if (readsBackwards(b, lexicon, first, t)) {
        int start = b.origStart[b.tokStart[first]];
        int end = b.endOf(b.tokEnd[t - 1] - 1);
        out = add(out, new Payload("reversed", new StringBuilder(text.substring(start, end)).reverse().toString(),
            start, end));
        continue;
      }
      if (counts == null) {
        counts = new int[52];
        squares = new double[52];
      } else {
        java.util.Arrays.fill(counts, 0, 27, 0);
      }
      int from = b.tokStart[first];
      int to = b.tokEnd[t - 1];
      // Without a branch per char (letter or not is unpredictable): other chars count in slot 26.
      for (int k = from; k < to; k++) {
        char c = b.norm[k];
        counts[c < 0x80 ? LETTER_SLOT[c] : OTHER_SLOT]++;
      }
      int letters = (to - from) - counts[OTHER_SLOT];
      b.work += to - from;
      if (letters < 20) {
        continue;
      }
      System.arraycopy(counts, 0, counts, 26, 26);
      squares(counts, squares);
      // Most sentences stop here: unshifted, they already fit English.
      double chi0 = chiSquare(squares, letters);
      if (chi0 < letters * 0.6) {
        continue;
      }
      int best = fittingShift(squares, letters, chi0);
      b.work += 26 * 26;
      if (best == 0) {
        continue;
      }
      double bestChi = shiftedChiSquare(squares, best, letters);
      char[] decoded = new char[to - from];
      for (int k = from; k < to; k++) {
        char c = b.norm[k];
        decoded[k - from] = c >= 'a' && c <= 'z' ? (char) ('a' + (c - 'a' - best + 26) % 26) : c;
      }
      b.work += to - from;
      if (bestChi > letters * SURE_FIT && !readsAsWords(decoded, lexicon)) {
        continue; // letters that only count like English: another language, a table row, names
      }
      out = add(out, new Payload(best == 13 ? "rot13" : "caesar", new String(decoded),
          b.origStart[from], b.endOf(to - 1)));
    }
    return out;
  }

  /**
   * Short words of the languages the rules are written for, which the lexicon (English stop words, the
   * rules' words) mostly lacks: with them a shifted German or French order reads as words too.
   */
  private static final WordBits FUNCTION_WORDS = WordBits.setOf("der", "die", "das", "und", "ist", "nicht",
      "ein", "eine", "zu", "mit", "auf", "den", "dem", "sie", "ich", "es", "im", "von", "fur", "wie", "was",
      "le", "la", "les", "et", "est", "un", "une", "des", "du", "en", "que", "qui", "pas", "pour", "dans",
      "el", "los", "las", "por", "con", "para", "una", "lo", "il", "di", "che", "non", "per", "gli", "della",
      "os", "as", "um", "uma", "nao", "com", "het", "een", "niet", "van", "ik", "je", "op", "te", "dat");

  /**
   * Whether a shifted sentence reads as words: of its first {@link #BACKWARD_SAMPLE} words of two or more
   * letters, at least two and a quarter are lexicon words ("the", "and", "your", "ignore") or
   * {@link #FUNCTION_WORDS} ("die", "les", "una"). Letter counts
   * alone are fooled by languages whose letters a shift makes look English (Polish "Ujawnienie danych
   * medycznych" read at shift 13 fits English letter counts better than as written).
   */
  private static boolean readsAsWords(char[] decoded, Lexicon lexicon) {
    int found = 0;
    int checked = 0;
    int k = 0;
    int n = decoded.length;
    while (k < n && checked < BACKWARD_SAMPLE) {
      while (k < n && (decoded[k] < 'a' || decoded[k] > 'z')) {
        k++;
      }
      int start = k;
      long h = Lexicon.FNV_OFFSET;
      while (k < n && decoded[k] >= 'a' && decoded[k] <= 'z') {
        h = Lexicon.step(h, decoded[k]);
        k++;
      }
      if (k - start < 2) {
        continue;
      }
      checked++;
      if (lexicon.wordClasses(h) != 0 || FUNCTION_WORDS.contains(h)) {
        found++;
      }
    }
    return found >= 2 && found * 4 >= checked;
  }

  /**
   * A shifted sentence whose letter counts fit English this well (chi-square per letter) reads as English;
   * up to 1.5 it is taken only if its words are lexicon words ({@link #readsAsWords}). Shifted English
   * and German from the development data: median 0.36, 90% under 0.84, 95% under 1.01; Polish, Dutch and
   * Italian sentences, product table rows and mail headers that a shift makes look English: 1.1-1.5.
   */
  private static final double SURE_FIT = 1.0;

  /** Words of a sentence looked at by {@link #readsBackwards}: enough to tell, and a bound on the cost. */
  private static final int BACKWARD_SAMPLE = 12;

  /**
   * Whether a sentence is written backwards: of its first {@link #BACKWARD_SAMPLE} words of three or
   * more letters, at least three and a third are whole lexicon words (any class: "and", "your",
   * "system") when read backwards. Palindromes ("did") do not count.
   */
  private static boolean readsBackwards(ScanBuffer b, Lexicon lexicon, int from, int to) {
    int found = 0;
    int checked = 0;
    for (int t = from; t < to && checked < BACKWARD_SAMPLE; t++) {
      int length = b.tokEnd[t] - b.tokStart[t];
      if ((b.tokFlags[t] & (Tokenizer.FLAG_CJK | Tokenizer.FLAG_NUMBER)) != 0 || length < 3 || length > 16) {
        continue; // "a", "me", "in" and such read backwards are words too often
      }
      checked++;
      long h = Lexicon.FNV_OFFSET;
      for (int k = b.tokEnd[t] - 1; k >= b.tokStart[t]; k--) {
        char c = b.norm[k];
        if (c >= 'a' && c <= 'z') {
          h = Lexicon.step(h, c);
        }
      }
      if (h != b.tokHash[t] && lexicon.wordClasses(h) != 0) {
        found++;
      }
    }
    b.work += checked;
    return found >= 3 && found * 3 >= checked;
  }

  // Upside-down text: each letter turned 180 degrees, so the text also runs backwards. Index = the
  // turned char, value = the letter it shows. Plain letters that look like another turned letter
  // ("p" is a turned "d", "u" a turned "n") are swapped inside such a text only.
  private static final String TURNED = "\u0250\u0254\u01DD\u025F\u0183\u0265\u0131\u027E\u029E\u026F\u0279\u0287"
      + "\u028C\u028D\u028E\u2200\u0186\u018E\u2132\u2141\u02E5\u0500\u1D1A\u22A5\u2229\u039B\u2144\u05DF"
      + "\u02D9\u00A1\u00BF\u201E";
  private static final String UPRIGHT = "acefghijkmrtvwyACEFGLPRTUVYl.!?\"";
  private static final String SWAPPED_FROM = "pdbqunMW'";
  private static final String SWAPPED_TO = "dpqbnuWM,";

  /**
   * Lines in which turned letters are at least a fifth of the letters (in English text turned upside
   * down, "a e r t y m c i v g" alone are about half), turned back upright and read the right way round;
   * kept when a third of the words are then lexicon words, so a line of IPA transcriptions
   * ("/\u02C8b\u028Ct\u025A/", "/\u0279\u028Cn/") is left alone.
   */
  private static List<Payload> upsideDown(String text, ScanBuffer b, Lexicon lexicon, List<Payload> out) {
    if (b.ipaChars < 3) {
      return out;
    }
    int n = text.length();
    int lineStart = 0;
    while (lineStart < n) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = n;
      }
      int turned = 0;
      int letters = 0;
      for (int i = lineStart; i < lineEnd; i++) {
        char c = text.charAt(i);
        if (c > 0x7F && TURNED.indexOf(c) >= 0) {
          turned++;
        } else if (Character.isLetter(c)) {
          letters++;
        }
      }
      b.work += lineEnd - lineStart;
      if (turned >= 3 && turned * 5 >= turned + letters) {
        StringBuilder upright = new StringBuilder(lineEnd - lineStart);
        for (int i = lineEnd - 1; i >= lineStart; i--) {
          upright.append(uprightOf(text.charAt(i)));
        }
        if (readsAsWords(upright, lexicon)) {
          out = add(out, new Payload("upside_down", upright.toString(), lineStart, lineEnd));
        }
      }
      lineStart = lineEnd + 1;
    }
    return out;
  }

  /** Whether a third of the words (runs of ASCII letters), and at least two, are lexicon words. */
  private static boolean readsAsWords(CharSequence s, Lexicon lexicon) {
    int words = 0;
    int known = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = CharFolding.foldAscii(s.charAt(i));
      if (c < 'a' || c > 'z') {
        i++;
        continue;
      }
      long h = Lexicon.FNV_OFFSET;
      while (i < n && (c = CharFolding.foldAscii(s.charAt(i))) >= 'a' && c <= 'z') {
        h = Lexicon.step(h, c);
        i++;
      }
      words++;
      if (lexicon.wordClasses(h) != 0) {
        known++;
      }
    }
    return known >= 2 && known * 3 >= words;
  }

  private static char uprightOf(char c) {
    int k = c > 0x7F ? TURNED.indexOf(c) : SWAPPED_FROM.indexOf(c);
    if (k < 0) {
      return c;
    }
    return c > 0x7F ? UPRIGHT.charAt(k) : SWAPPED_TO.charAt(k);
  }
}
