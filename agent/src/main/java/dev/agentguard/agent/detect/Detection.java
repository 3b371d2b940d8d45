package dev.agentguard.agent.detect;

import java.util.List;

/**
 * The verdict on one text: {@code detected} when {@code score} reaches the threshold of the
 * {@link Use}; {@code start}/{@code end} locate the strongest finding in the original text, -1/-1 if
 * there is none.
 */
public record Detection(boolean detected, double score, List<Signal> signals, int start, int end) {
  public Detection {
    signals = List.copyOf(signals);
  }

  static final Detection CLEAN = new Detection(false, 0.0, List.of(), -1, -1);
}
