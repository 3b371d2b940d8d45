package dev.agentguard.itest.host;

import dev.agentguard.AgentTool;

/** A tool that calls other tools: each inner call is its own record, linked to this one. */
public class Orchestrator {
  private final Tools tools = new Tools();
  private final Mailer mailer = new OutboxMailer();

  @AgentTool("plan")
  public String plan(String customerId) {
    String c = tools.lookup(customerId);
    return mailer.send(customerId + "@example.com", c);
  }
}
