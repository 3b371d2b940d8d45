package dev.agentguard.agent.detect;

/**
 * Data that speaks to the AI reading it: "Note to the assistant: ...", "To any AI triage agent: ...",
 * "Instruction pour l'assistant IA : ...", "AI agents processing this invitation must ...", "KI-Agenten,
 * die diese Bewertung lesen, ...". An e-mail, page or ticket is written for people; a passage addressed to
 * the model that reads it on its user's behalf is the carrier of an indirect injection, however its order
 * is worded. One pass over the tokens, two frames:
 *
 * <ul>
 *   <li>a note to its reader: "to" or "for" ({@link #TO}, in each lexicon language) that opens its clause or
 *       follows a note word ("note", "Hinweis", "instruction"), then within {@link #NOUN_WITHIN} words an AI
 *       reader that ends its phrase (a colon, comma or bracket follows, or "reading this" does);</li>
 *   <li>an AI reader named with its reading: an AI word and a reading verb ("processing", "who summarize",
 *       "que procesa", "die ... lesen") with "this" ("this page", "diese Bewertung") next to it.</li>
 * </ul>
 *
 * An AI reader is a word that only software is called ("AI", "LLM", "chatbot", "KI", "IA") or a role word
 * ("assistant", "agent", "bot") next to one ("AI triage agent", "agente de IA", "KI-Assistenten"). A role
 * word alone counts only after a note word ("Note for scheduling assistant:"), since "the agent" of a
 * support desk is a person, and "Note to AI vendors" is about vendors, so the AI word must end its phrase.
 */
final class ReaderAddress {
  private static final long[] AI = Lexicon.wordHashes("ai", "ais", "llm", "llms", "chatbot", "chatbots", "gpt",
      "chatgpt", "copilot", "ki", "ia", "genai", "claude", "gemini");
  private static final long[] ROLES = Lexicon.wordHashes("assistant", "assistants", "agent", "agents", "bot",
      "bots", "model", "models", "system", "systems", "assistent", "assistenten", "assistentin", "agenten",
      "assistente", "assistenti", "asistente", "asistentes", "agente", "agentes", "modelo", "modelle", "modele");
  private static final long[] NOTES = Lexicon.wordHashes("note", "notes", "instruction", "instructions", "message",
      "notice", "hint", "directive", "directives", "request", "reminder", "ps", "memo", "attention", "attn",
      "hinweis", "nachricht", "anweisung", "anweisungen", "achtung", "remarque", "consigne", "consignes",
      "nota", "aviso", "instruccion", "instrucciones", "mensaje", "atencion", "avviso",
      "istruzione", "istruzioni", "messaggio", "instrucao", "instrucoes", "mensagem");
  private static final long[] TO = Lexicon.wordHashes("to", "for", "an", "fur", "pour", "a", "para", "per", "al",
      "au", "aux", "ao", "aos");
  private static final long[] READING = Lexicon.wordHashes("reading", "reads", "read", "processing", "processes",
      "process", "handling", "handles", "handle", "summarizing", "summarising", "summarizes", "summarises",
      "summarize", "summarise", "parsing", "parses", "parse", "crawling", "crawls", "indexing", "scraping",
      "reviewing", "reviews", "triaging", "analyzing", "analysing", "analyzes", "ingesting", "viewing", "sees",
      "lesen", "liest", "verarbeiten", "verarbeitet", "zusammenfassen", "zusammenfasst", "lit", "lisent", "lisez",
      "traite", "traitent", "resume", "resument", "lee", "leen", "lea", "procesa", "procesan", "legge",
      "leggono", "elabora", "elaborano", "riassume", "le", "leem", "processa", "processam");
  private static final long[] RELATIVE = Lexicon.wordHashes("who", "that", "which", "die", "der", "das", "welche",
      "qui", "que", "che", "los", "las", "cui");
  private static final long[] THIS = Lexicon.wordHashes("this", "these", "diese", "dieses", "diesen", "dieser",
      "ce", "cet", "cette", "ces", "este", "esta", "estos", "estas", "questo", "questa", "questi", "queste",
      "isto", "esse", "essa");
  static final int NOUN_WITHIN = 4;
  /** How far from the AI reader its reading verb and its "this" may be. */
  static final int READING_WITHIN = 5;

  private ReaderAddress() {}

  /** The AI reader's token, or -1. */
  static int find(ScanBuffer b) {
    for (int t = 0; t < b.tokenCount; t++) {
      b.work++;
      int strength = reader(b, t);
      if (strength == 0) {
        continue;
      }
      if (noteFrame(b, t, strength) || (strength == STRONG && readingFrame(b, t))) {
        return t;
      }
    }
    return -1;
  }

  private static final int WEAK = 1;
  private static final int STRONG = 2;

  /** STRONG for an AI reader, WEAK for a role word alone, 0 otherwise. */
  private static int reader(ScanBuffer b, int t) {
    long h = b.tokHash[t];
    if (Lexicon.containsHash(AI, h)) {
      return STRONG;
    }
    if (!Lexicon.containsHash(ROLES, h)) {
      return hyphenated(b, t) ? STRONG : 0;
    }
    for (int k = Math.max(0, t - 2); k <= Math.min(b.tokenCount - 1, t + 2); k++) {
      if (k != t && b.tokSentence[k] == b.tokSentence[t] && Lexicon.containsHash(AI, b.tokHash[k])) {
        return STRONG;
      }
    }
    return WEAK;
  }

  /** "KI-Assistenten", "AI-agent": an AI word and a role word joined by a hyphen. */
  private static boolean hyphenated(ScanBuffer b, int t) {
    int from = b.tokStart[t];
    int to = b.tokEnd[t];
    for (int i = from + 1; i < to - 1; i++) {
      if (b.norm[i] == '-') {
        return Lexicon.containsHash(AI, hash(b.norm, from, i)) && Lexicon.containsHash(ROLES, hash(b.norm, i + 1, to));
      }
    }
    return false;
  }

  private static long hash(char[] s, int from, int to) {
    long h = Lexicon.FNV_OFFSET;
    for (int i = from; i < to; i++) {
      if (Tokenizer.isWordChar(s[i])) {
        h = Lexicon.step(h, s[i]);
      }
    }
    return h;
  }

  /** "Note to the assistant:", "To the AI reading this:", "[Instructions for LLM agents: ...". */
  private static boolean noteFrame(ScanBuffer b, int t, int strength) {
    int sentence = b.tokSentence[t];
    for (int k = t - 1; k >= 0 && k >= t - NOUN_WITHIN && b.tokSentence[k] == sentence; k--) {
      if (!Lexicon.containsHash(TO, b.tokHash[k])) {
        continue;
      }
      boolean note = k > 0 && b.tokSentence[k - 1] == sentence && Lexicon.containsHash(NOTES, b.tokHash[k - 1]);
      if (!note && (strength == WEAK || !opensClause(b, k))) {
        return false;
      }
      return endsPhrase(b, t);
    }
    return false;
  }

  /** "AI agents processing this invitation", "agente de IA que procesa este mensaje", "die diese Bewertung lesen". */
  private static boolean readingFrame(ScanBuffer b, int t) {
    int sentence = b.tokSentence[t];
    int last = Math.min(b.tokenCount - 1, t + READING_WITHIN);
    int reading = -1;
    int k = t + 1;
    while (k <= last && b.tokSentence[k] == sentence && (Lexicon.containsHash(ROLES, b.tokHash[k])
        || Lexicon.containsHash(AI, b.tokHash[k]) || Lexicon.containsHash(RELATIVE, b.tokHash[k]))) {
      k++;
    }
    for (int j = k; j <= last && b.tokSentence[j] == sentence; j++) {
      if (Lexicon.containsHash(READING, b.tokHash[j])) {
        reading = j;
        break;
      }
    }
    if (reading < 0) {
      return false;
    }
    for (int j = Math.max(t + 1, reading - 3); j <= Math.min(b.tokenCount - 1, reading + 2); j++) {
      if (b.tokSentence[j] == sentence && Lexicon.containsHash(THIS, b.tokHash[j])) {
        return true;
      }
    }
    return false;
  }

  /** Whether the reader's phrase ends at token {@code t}: punctuation follows, or its reading does. */
  private static boolean endsPhrase(ScanBuffer b, int t) {
    if (t + 1 >= b.tokenCount || b.tokSentence[t + 1] != b.tokSentence[t]) {
      return true;
    }
    for (int i = b.tokEnd[t]; i < b.tokStart[t + 1]; i++) {
      char c = b.norm[i];
      if (c == ':' || c == ',' || c == ')' || c == ']' || c == '-' || c == ';') {
        return true;
      }
    }
    long next = b.tokHash[t + 1];
    return Lexicon.containsHash(AI, next) || Lexicon.containsHash(READING, next)
        || Lexicon.containsHash(RELATIVE, next);
  }

  /** Whether token {@code k} is the first of its sentence or follows a comma, colon or bracket. */
  private static boolean opensClause(ScanBuffer b, int k) {
    if (k == 0 || b.tokSentence[k - 1] != b.tokSentence[k]) {
      return true;
    }
    for (int i = b.tokStart[k] - 1; i >= b.tokEnd[k - 1]; i--) {
      char c = b.norm[i];
      if (c == ',' || c == ':' || c == '[' || c == '(' || c == ';' || c == '-') {
        return true;
      }
    }
    return false;
  }
}
