package dev.agentguard.agent.detect;

/**
 * One finding of the injection detector: a rule family, the rule's name and its span as UTF-16
 * offsets into the ORIGINAL scanned string (end exclusive), so a guard can cut it out.
 */
public record Signal(String family, String name, int start, int end) {
  /** The family of the text model's signal, whose span is the window it scored rather than a phrase. */
  public static final String TEXT_MODEL_FAMILY = "classifier";
}
