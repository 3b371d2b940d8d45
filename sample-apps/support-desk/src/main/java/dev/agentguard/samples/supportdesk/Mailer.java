package dev.agentguard.samples.supportdesk;

import dev.agentguard.AgentTool;
import dev.agentguard.Risk;

/**
 * The port the agent sends e-mail through. The tool annotation sits on this interface, not on the
 * implementation, so the demo exercises AgentGuard's hierarchy matching.
 */
public interface Mailer {

  /** Sends one e-mail and returns its message id. */
  @AgentTool(value = "send_email", description = "Send an e-mail to a customer", risk = Risk.MEDIUM)
  String send(String to, String subject, String body);
}
