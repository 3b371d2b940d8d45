package dev.agentguard.agent.pipeline;

import java.util.List;
import java.util.Map;

/** Who is calling: from {@code AgentContext}, the host's MDC or baggage, else {@link #ANONYMOUS}. */
public record Principal(String user, String session, String agent, String org, List<String> roles,
    Map<String, Object> attributes) {
  public static final String ANONYMOUS_USER = "anonymous";
  public static final Principal ANONYMOUS = new Principal(ANONYMOUS_USER, null, null, null, List.of(), Map.of());
}
