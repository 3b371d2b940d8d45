package dev.agentguard.itest.host;

import dev.agentguard.AgentTool;

/** Annotation on a superclass method; the subclass overrides it and calls super. */
public class BaseReport {
  @AgentTool("export_report")
  public String export(String name) {
    return "report:" + name;
  }
}
