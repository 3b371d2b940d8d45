package dev.agentguard.agent.config;

/**
 * The injection detector's score thresholds an operator set ({@code injection.input-threshold},
 * {@code injection.output-threshold}, globally or per tool): a scanned text counts as an injection when its
 * score reaches the threshold of its use. {@code null} for a use the operator left alone, where the
 * threshold shipped with the detector's model applies.
 */
public record InjectionThresholds(Double input, Double output) {
  /** Nothing set. */
  public static final InjectionThresholds NONE = new InjectionThresholds(null, null);

  /** Whether neither threshold is set. */
  public boolean isEmpty() {
    return input == null && output == null;
  }

  /** These thresholds, with {@code fallback}'s for a use not set here. */
  public InjectionThresholds or(InjectionThresholds fallback) {
    return new InjectionThresholds(input != null ? input : fallback.input, output != null ? output : fallback.output);
  }
}
