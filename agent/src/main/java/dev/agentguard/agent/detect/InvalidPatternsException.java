package dev.agentguard.agent.detect;

import java.util.List;

/**
 * Extra patterns that do not compile, every one of them, so that the operator fixes the file in one go:
 * each problem reads {@code line 3: invalid pattern '([': missing closing ]}.
 */
public final class InvalidPatternsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  InvalidPatternsException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per invalid pattern, in file order, each naming its 1-based line. */
  public List<String> problems() {
    return problems;
  }
}
