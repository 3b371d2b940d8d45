package dev.agentguard.itest.host;

import dev.agentguard.AgentTool;

/** The annotation sits on the interface; implementations are guarded. */
public interface Mailer {
  @AgentTool("send_email")
  String send(String to, String subject);
}
