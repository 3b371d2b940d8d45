package dev.agentguard.agent.detect;

/**
 * Whether a text is a chat log: a line opens with the turn of a person ("User:", "Customer:", "Kunde:",
 * "Utilisateur :"). In a log, "Bot: Please send me your order number" is the bot speaking to that person,
 * not the text speaking to the AI that reads it, so the finders that take a colon after a model's name as a
 * call to it ({@link ModelAddress}, {@link ReaderAddress}'s labels) do not count there.
 */
final class ChatLog {
  private static final WordBits PEOPLE = WordBits.setOf("user", "human", "customer", "client", "caller", "visitor",
      "guest", "me", "kunde", "kundin", "benutzer", "nutzer", "utilisateur", "cliente", "usuario", "utente", "klant",
      "gebruiker", "用户", "客户");

  private ChatLog() {}

  /** Whether a line (a sentence, or a bracket or bullet in one) opens with a person's name and a colon. */
  static boolean has(ScanBuffer b) {
    for (int t = 0; t < b.tokenCount; t++) {
      b.work++;
      if (b.opensClause(t, "[(-*#>|") && b.colonAfter(t) && PEOPLE.contains(b.tokHash[t])) {
        return true;
      }
    }
    return false;
  }
}
