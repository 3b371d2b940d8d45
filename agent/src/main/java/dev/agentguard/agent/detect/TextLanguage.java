package dev.agentguard.agent.detect;

/**
 * Whether a text is in a language the text model has learned both ways. The development prompts hold
 * English and German attacks and benign prompts side by side, but French, Spanish, Italian and Portuguese
 * almost only as attacks and Chinese almost only as benign requests; so the model learned the language
 * itself as evidence (a French question about a router password scored 0.97 with no rule firing, a Chinese
 * jailbreak 0.001 with two). For a text in such a language {@link InjectionDetector} keeps the text model's
 * part of the score inside a narrow band and lets the rules, written for every language, decide.
 *
 * <p>The language is told by its most common short words (articles, pronouns, prepositions), counted over
 * the text's tokens, and by the share of Chinese or Japanese tokens. It is only asked for when the text
 * model's part falls outside the band, so most texts never pay for it.
 */
final class TextLanguage {
  private static final WordBits WORDS = new WordBits(9);

  // One bit per language (a word common to several carries several), for reading the lists; what counts is
  // whether a word is English or German, or only of the others.
  private static final int ENGLISH = 1;
  private static final int GERMAN = 1 << 1;
  private static final int FRENCH = 1 << 2;
  private static final int SPANISH = 1 << 3;
  private static final int ITALIAN = 1 << 4;
  private static final int PORTUGUESE = 1 << 5;
  private static final int DUTCH = 1 << 6;
  /** The languages the development data holds as attacks and as benign text alike. */
  private static final int MODELLED = ENGLISH | GERMAN;

  /** Chinese or Japanese when at least this share of the tokens is. */
  private static final double CJK_SHARE = 0.6;
  /** Another language when at least this many of its words, and twice as many as English and German ones. */
  private static final int MIN_WORDS = 2;

  static {
    define(ENGLISH, "the", "and", "is", "are", "of", "to", "you", "your", "what", "how", "with", "this", "that", "for",
        "it", "in", "on", "my", "be", "can", "i", "do", "was", "have", "not", "we", "they", "will", "would", "there");
    define(GERMAN, "der", "die", "das", "und", "ist", "nicht", "ich", "du", "ein", "eine", "einen", "zu", "mit", "wie",
        "fur", "auf", "den", "dem", "was", "wer", "sie", "es", "im", "mir", "mich", "bitte", "sind", "auch", "oder",
        "kannst", "ich", "wir", "bei", "aus", "von", "sich");
    define(FRENCH, "le", "la", "les", "des", "est", "une", "un", "pour", "que", "qui", "dans", "pas", "vous", "je",
        "comment", "mon", "ma", "avec", "sur", "quel", "quelle", "au", "aux", "ce", "cette", "et", "il", "ne", "nous",
        "du", "de", "ou", "mes", "votre", "sont", "peux", "suis");
    define(SPANISH, "el", "la", "los", "las", "que", "y", "en", "una", "un", "por", "para", "es", "como", "mi", "lo",
        "del", "con", "se", "al", "de", "puedo", "cual", "esta", "este", "mis", "tu", "usted", "pero", "muy", "son");
    define(ITALIAN, "il", "di", "che", "per", "un", "una", "e", "non", "sono", "della", "delle", "dei", "come",
        "qual", "tra", "anche", "questo", "questa", "mi", "del", "gli", "le", "la", "nel", "nella", "con", "sul",
        "perche", "ho", "ci", "si", "da", "alla", "lo");
    define(PORTUGUESE, "o", "os", "as", "de", "que", "e", "do", "da", "dos", "das", "em", "um", "uma", "para", "com",
        "nao", "por", "se", "mais", "como", "voce", "meu", "minha", "sua", "seu", "ao", "foi", "sao");
    define(DUTCH, "de", "het", "een", "en", "van", "is", "dat", "niet", "ik", "je", "op", "te", "voor", "met",
        "zijn", "wat", "hoe", "er", "naar", "mijn", "jij", "u", "ook", "kan", "wordt", "bij", "deze", "aan");
  }

  private TextLanguage() {}

  private static void define(int language, String... words) {
    WORDS.add(language, words);
  }

  /**
   * Whether the text model has learned the language of {@code b}'s text both ways: true for English,
   * German and a text whose language these words cannot tell (code, tables, a few words); false for
   * Chinese or Japanese and for a clear French, Spanish, Italian, Portuguese or Dutch.
   */
  static boolean modelled(ScanBuffer b) {
    int known = 0;
    int other = 0;
    int cjk = 0;
    for (int t = 0; t < b.tokenCount; t++) {
      b.work++;
      if ((b.tokFlags[t] & Tokenizer.FLAG_CJK) != 0) {
        cjk++;
        continue;
      }
      int languages = WORDS.of(b.tokHash[t]);
      if (languages == 0 || ((languages & MODELLED) != 0 && (languages & ~MODELLED) != 0)) {
        continue; // a word of both kinds ("die", "es", "is") tells nothing
      }
      if ((languages & MODELLED) != 0) {
        known++;
      } else {
        other++;
      }
    }
    if (b.tokenCount > 0 && cjk >= CJK_SHARE * b.tokenCount) {
      return false;
    }
    return other < MIN_WORDS || other < 2 * known;
  }
}
