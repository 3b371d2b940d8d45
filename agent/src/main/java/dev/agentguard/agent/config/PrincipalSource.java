package dev.agentguard.agent.config;

/**
 * One entry of {@code agentguard.principal.sources}: where the calling user is looked up ({@code context},
 * {@code mdc:KEY}, {@code baggage:KEY}); the first source that yields a user wins.
 *
 * @param key the MDC or baggage key; {@code null} for {@link Kind#CONTEXT}
 */
public record PrincipalSource(Kind kind, String key) {
  /** Where the user comes from. */
  public enum Kind {
    CONTEXT,
    MDC,
    BAGGAGE
  }
}
