package dev.agentguard.agent.detect;

/**
 * Word flooding: one word repeated many times in a row ("cake cake cake ..."), which pushes the
 * instructions out of the model's attention or makes it diverge from them. Found on the token stream:
 * a run of at least {@link #MIN_RUN} identical words, each with a letter (a column of zeros in a table is
 * data, not flooding). One pass over the tokens.
 */
final class RepeatedWords {
  static final int MIN_RUN = 8;

  private RepeatedWords() {}

  /** The token index where the first long enough run starts, or -1. */
  static int find(ScanBuffer b) {
    int runStart = 0;
    for (int t = 1; t < b.tokenCount; t++) {
      if (b.tokHash[t] != b.tokHash[runStart] || (b.tokFlags[t] & Tokenizer.FLAG_NUMBER) != 0) {
        runStart = t;
      } else if (t - runStart + 1 >= MIN_RUN) {
        return runStart;
      }
    }
    return -1;
  }
}
