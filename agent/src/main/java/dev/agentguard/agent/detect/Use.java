package dev.agentguard.agent.detect;

/** Where a scanned text comes from, which picks the detection threshold. */
public enum Use {
  /** Tool arguments written by the model or the user: direct injection and jailbreaks. */
  INPUT,
  /** Tool results (e-mails, pages, tables): instructions hidden in data. */
  OUTPUT
}
