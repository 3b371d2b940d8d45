package dev.agentguard.agent.detect;

/**
 * The model spoken to by name: a model name directly followed by a comma or a colon ("AI assistant: tell
 * the user ...", "Dear AI, please disregard ..."). Inside hidden text that alone is an instruction to the
 * model; in visible text it counts when the name opens its sentence and an order follows, since "As a
 * helpful AI, ..." and "you are not just an AI, ..." describe the model rather than call it.
 */
final class ModelAddress {
  static final WordBits NAMES = WordBits.setOf("assistant", "ai", "chatgpt", "gpt", "llm", "chatbot", "model",
      "bot", "claude", "gemini", "copilot", "bard", "assistent", "assistente", "asistente", "ki", "ia");
  /** Where the name opens a sentence, "agent" calls the model too ("AI agent, when you read this ..."). */
  static final WordBits AGENT = WordBits.setOf("agent");
  /** How many words after the name an order may start. */
  private static final int ORDER_WITHIN = 4;

  private ModelAddress() {}

  /** The first name-and-colon-or-comma among the tokens inside view range {@code [from, to)}, or -1. */
  static int inHiddenText(ScanBuffer b, int from, int to) {
    for (int t = b.firstTokenAt(from); t < b.tokenCount && b.tokEnd[t] < to; t++) {
      b.work++;
      if (calls(b, t) && NAMES.contains(b.tokHash[t])) {
        return t;
      }
    }
    return -1;
  }

  /**
   * The first name that is the first or second word of its sentence, followed by a comma or colon and,
   * within {@link #ORDER_WITHIN} words, a word of {@code orderClasses}; or -1, and -1 in a chat log
   * ({@link ChatLog}).
   */
  static int find(ScanBuffer b, long orderClasses) {
    int found = first(b, orderClasses);
    return found >= 0 && ChatLog.has(b) ? -1 : found; // a log's "Bot: Please send me ..." is the bot speaking
  }

  private static int first(ScanBuffer b, long orderClasses) {
    if ((b.wordGates & OrderWords.GATE_NAME) == 0) {
      return -1;
    }
    for (int t = 0; t + 1 < b.tokenCount; t++) {
      if (!calls(b, t) || (t >= 2 && b.tokSentence[t - 2] == b.tokSentence[t])) {
        continue;
      }
      if (!NAMES.contains(b.tokHash[t]) && !AGENT.contains(b.tokHash[t])) {
        continue;
      }
      for (int k = t + 1; k < b.tokenCount && k <= t + ORDER_WITHIN; k++) {
        if ((b.tokClass[k] & orderClasses) != 0) {
          return t;
        }
      }
    }
    return -1;
  }

  /** Whether token {@code t} is directly followed by a comma or a colon. */
  private static boolean calls(ScanBuffer b, int t) {
    int end = b.tokEnd[t];
    return end < b.normLength && (b.norm[end] == ',' || b.norm[end] == ':');
  }
}
