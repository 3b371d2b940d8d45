package dev.agentguard.agent.detect;

/**
 * An order to keep something from "the user": "Do not tell the user", "you must not mention this to the
 * user", "never inform the user that ...", "don't let the user know". An assistant's user is "the user";
 * a shop's is "the customer", so "do not tell the customer the discount code" is left alone. Only an order
 * counts: "do not", "don't", "never" or a modal ("must not") before the verb, so a description
 * such as "the app does not notify the user" or "runs without notifying the user" does not fire. One pass
 * over the tokens; "No se lo digas al usuario" counts too, since a negation that opens its sentence is
 * an order.
 */
final class Concealment {
  /** Words that are an order not to do something by themselves. */
  private static final long[] NEGATED_ORDER = Lexicon.wordHashes("dont", "never", "nie", "niemals", "jamais",
      "nunca", "mai", "ne");
  private static final long[] NOT = Lexicon.wordHashes("not", "nicht", "pas", "no", "non", "nao");
  /** Words before "not" that make it an order: "do not", "must not", "please do not". */
  private static final long[] ORDER_BEFORE_NOT = Lexicon.wordHashes("do", "must", "should", "shall", "will",
      "may", "darfst", "sollst", "please");
  private static final long[] TELL = Lexicon.wordHashes("tell", "inform", "notify", "mention", "alert", "warn",
      "report", "disclose", "reveal", "let", "surface", "show", "sagen", "sag", "informieren", "benachrichtigen",
      "erwahnen", "erwahne", "dire", "dites", "informer", "informez", "prevenir", "prevenez", "digas", "decir",
      "informes", "informar", "menciones", "dirlo", "informare", "informi", "avvisare", "contar", "conte");
  private static final long[] USER = Lexicon.wordHashes("user", "users", "benutzer", "nutzer", "utilisateur",
      "utilisateurs", "usuario", "usuarios", "utente", "utenti");
  static final int USER_WITHIN = 4;
  /** "No se lo digas", "ne le dites pas": the verb may come a few words after the negation. */
  static final int VERB_WITHIN = 3;

  private Concealment() {}

  /** The negation's token, or -1. */
  static int find(ScanBuffer b) {
    for (int t = 0; t + 2 < b.tokenCount; t++) {
      long h = b.tokHash[t];
      boolean first = t == 0 || b.tokSentence[t - 1] != b.tokSentence[t];
      boolean order = Lexicon.containsHash(NEGATED_ORDER, h)
          || (Lexicon.containsHash(NOT, h) && (first || Lexicon.containsHash(ORDER_BEFORE_NOT, b.tokHash[t - 1])));
      if (!order) {
        continue;
      }
      for (int v = t + 1; v <= t + VERB_WITHIN && v < b.tokenCount && b.tokSentence[v] == b.tokSentence[t]; v++) {
        b.work++;
        if (Lexicon.containsHash(TELL, b.tokHash[v]) && userFollows(b, v)) {
          return t;
        }
      }
    }
    return -1;
  }

  private static boolean userFollows(ScanBuffer b, int v) {
    for (int k = v + 1; k <= v + USER_WITHIN && k < b.tokenCount && b.tokSentence[k] == b.tokSentence[v]; k++) {
      if (Lexicon.containsHash(USER, b.tokHash[k])) {
        return true;
      }
    }
    return false;
  }
}
