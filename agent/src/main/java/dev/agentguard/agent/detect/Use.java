package dev.agentguard.agent.detect;

/** Where a scanned text comes from, which picks the detection threshold. */
public enum Use {
  /** Tool arguments written by the model or the user: direct injection and jailbreaks. */
  INPUT,
  /** Tool results (e-mails, pages, tables): instructions hidden in data. */
  OUTPUT;

  private static final int TABLE_PIPES = 6;
  private static final String[] HEADER_FIELDS = {"subject:", "from:", "to:", "date:", "email_from:", "received date:"};
  private static final String[] HTML_TAGS = {"<html", "<body", "<div", "<table", "<p>", "<p ", "<a ", "<br", "<span"};

  /**
   * The use for a text whose origin is unknown (the {@code scan} and {@code eval} commands without
   * {@code --use}): a text shaped like a document, with a code block, a table, mail header fields or HTML,
   * is judged as a tool result, since only an instruction inside it matters; anything else as a message.
   * The input guard does not guess: a jailbreak wrapped in a code fence must not buy the laxer scoring.
   * One pass over the text.
   */
  public static Use guess(String text) {
    if (text == null) {
      return INPUT;
    }
    int pipes = 0;
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '|' && ++pipes >= TABLE_PIPES) {
        return OUTPUT;
      }
      if (c == '`' && text.startsWith("```", i)) {
        return OUTPUT;
      }
      if (c == '<' && startsWithAny(text, i, HTML_TAGS)) {
        return OUTPUT;
      }
      if (lineStart && c != ' ' && c != '\t') {
        if (startsWithAny(text, i, HEADER_FIELDS)) {
          return OUTPUT;
        }
        lineStart = false;
      }
      if (c == '\n' || c == '|') {
        lineStart = true; // "SUBJECT: ...|EMAIL_FROM: ..." lists header fields on one line
      }
    }
    return INPUT;
  }

  private static boolean startsWithAny(String text, int at, String[] prefixes) {
    for (String p : prefixes) {
      if (text.regionMatches(true, at, p, 0, p.length())) {
        return true;
      }
    }
    return false;
  }
}
