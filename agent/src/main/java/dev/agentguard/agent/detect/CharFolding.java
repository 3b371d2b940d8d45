package dev.agentguard.agent.detect;

import java.text.Normalizer;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps one code point to its matching skeleton: compatibility form (NFKC: full-width, ligatures,
 * math letters), accents stripped, lower case, Cyrillic/Greek look-alikes and small capitals folded to
 * Latin, invisible characters dropped. Results are computed on first sight of a character and cached,
 * so the hot path is one array read per character.
 */
final class CharFolding {
  static final int DROP = -1;
  private static final int MULTI = -2;
  private static final int UNKNOWN = 0;

  // Entry = folded char + 1 for a one-char result, DROP, MULTI, or UNKNOWN (not computed yet).
  // Racy lazy fill is safe: every thread computes the same value and int writes are atomic.
  private static final int[] BMP = new int[0x10000];
  private static final ConcurrentHashMap<Integer, String> MULTI_RESULTS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Integer, Integer> SUPPLEMENTARY = new ConcurrentHashMap<>();
  private static final int SUPPLEMENTARY_LIMIT = 8192;

  private CharFolding() {}

  /** The folded form of an ASCII character: lower case, everything else unchanged. */
  static char foldAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /**
   * Folds {@code cp}: returns the single folded char (>= 0), {@link #DROP}, or a negative value
   * other than DROP meaning "several chars, ask {@link #multi(int)}".
   */
  static int fold(int cp) {
    if (cp < 0x80) {
      return foldAscii((char) cp);
    }
    if (cp < 0x10000) {
      int e = BMP[cp];
      if (e == UNKNOWN) {
        e = encode(cp, compute(cp));
        BMP[cp] = e;
      }
      return e > 0 ? e - 1 : e;
    }
    // Emoji and other supplementary characters: cached, but the cache is bounded against floods.
    Integer cached = SUPPLEMENTARY.get(cp);
    int e;
    if (cached != null) {
      e = cached;
    } else {
      e = encode(cp, compute(cp));
      if (SUPPLEMENTARY.size() < SUPPLEMENTARY_LIMIT) {
        SUPPLEMENTARY.put(cp, e);
      }
    }
    return e > 0 ? e - 1 : e;
  }

  /** The several-char folded form of {@code cp}, valid after {@link #fold} returned a multi marker. */
  static String multi(int cp) {
    String s = MULTI_RESULTS.get(cp);
    return s != null ? s : compute(cp);
  }

  static boolean isMulti(int foldResult) {
    return foldResult == MULTI;
  }

  private static int encode(int cp, String folded) {
    if (folded.isEmpty()) {
      return DROP;
    }
    if (folded.length() == 1) {
      return folded.charAt(0) + 1;
    }
    MULTI_RESULTS.putIfAbsent(cp, folded);
    return MULTI;
  }

  /** Whether {@code cp} is invisible formatting an attacker can slip between letters. */
  static boolean isInvisible(int cp) {
    switch (cp) {
      case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFFA0, 0xFEFF:
        return true;
      default:
        break;
    }
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F)
        || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0xFFF0 && cp <= 0xFFF8)) {
      return true;
    }
    return Character.getType(cp) == Character.FORMAT;
  }

  private static String compute(int cp) {
    if (isInvisible(cp)) {
      return "";
    }
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK) {
      return "";
    }
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x0085) {
      return "\n";
    }
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return " ";
    }
    if (cp >= 0xAC00 && cp <= 0xD7A3) {
      return new String(Character.toChars(cp)); // keep Hangul syllables whole
    }
    String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
    String nfd = Normalizer.normalize(nfkc, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(nfd.length());
    for (int i = 0; i < nfd.length(); ) {
      int c = nfd.codePointAt(i);
      i += Character.charCount(c);
      int t = Character.getType(c);
      if (t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK || isInvisible(c)) {
        continue;
      }
      String lower = new String(Character.toChars(c)).toLowerCase(Locale.ROOT);
      for (int j = 0; j < lower.length(); j++) {
        char l = lower.charAt(j);
        if (Character.getType(l) == Character.NON_SPACING_MARK) {
          continue;
        }
        out.append(lookAlike(l));
      }
    }
    return out.toString();
  }

  /** Latin letters that Cyrillic, Greek and IPA characters imitate, plus letters spelt with two. */
  private static String lookAlike(char c) {
    switch (c) {
      // Cyrillic
      case 'а': return "a";
      case 'в': return "b";
      case 'е': case 'ё': case 'є': return "e";
      case 'к': return "k";
      case 'м': return "m";
      case 'н': return "h";
      case 'о': return "o";
      case 'р': return "p";
      case 'с': return "c";
      case 'т': return "t";
      case 'у': case 'ү': return "y";
      case 'х': return "x";
      case 'ѕ': return "s";
      case 'і': case 'ї': return "i";
      case 'ј': return "j";
      case 'ԁ': return "d";
      case 'һ': return "h";
      case 'ԛ': return "q";
      case 'ԝ': return "w";
      case 'ь': return "b";
      // Greek
      case 'α': return "a";
      case 'β': return "b";
      case 'ε': return "e";
      case 'η': return "n";
      case 'ι': return "i";
      case 'κ': return "k";
      case 'ν': return "v";
      case 'ο': return "o";
      case 'ρ': return "p";
      case 'τ': return "t";
      case 'υ': return "u";
      case 'χ': return "x";
      case 'γ': return "y";
      case 'ω': return "w";
      // Small capitals ("ɪɢɴᴏʀᴇ"): NFKC keeps them
      case '\u1D00': return "a";
      case '\u0299': return "b";
      case '\u1D04': return "c";
      case '\u1D05': return "d";
      case '\u1D07': return "e";
      case '\uA730': return "f";
      case '\u0262': return "g";
      case '\u029C': return "h";
      case '\u026A': return "i";
      case '\u1D0A': return "j";
      case '\u1D0B': return "k";
      case '\u029F': return "l";
      case '\u1D0D': return "m";
      case '\u0274': return "n";
      case '\u1D0F': return "o";
      case '\u1D18': return "p";
      case '\uA7AF': return "q";
      case '\u0280': return "r";
      case '\uA731': return "s";
      case '\u1D1B': return "t";
      case '\u1D1C': return "u";
      case '\u1D20': return "v";
      case '\u1D21': return "w";
      case '\u028F': return "y";
      case '\u1D22': return "z";
      // Latin variants and IPA look-alikes
      case 'ı': case 'ɩ': return "i";
      case 'ɑ': return "a";
      case 'ɡ': return "g";
      case 'օ': return "o";
      case 'ß': return "ss";
      case 'æ': return "ae";
      case 'œ': return "oe";
      case 'ø': return "o";
      case 'đ': return "d";
      case 'ł': return "l";
      case 'ŀ': return "l";
      case 'ħ': return "h";
      case 'þ': return "th";
      case '\u2018': case '\u2019': case '\u201b': case '\u2032': case '`': case '\u00b4': return "'";
      case '\u201c': case '\u201d': case '\u201e': case '\u2033': case '\u00ab': case '\u00bb': return "\"";
      case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u2015': case '\u2212':
        return "-";
      default: return String.valueOf(c);
    }
  }
}
