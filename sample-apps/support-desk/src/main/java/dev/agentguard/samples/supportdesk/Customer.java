package dev.agentguard.samples.supportdesk;

/** A customer as the support desk knows it: what lookup_customer hands back to the agent. */
public record Customer(String id, String name, String email, String tier) {

  /** One line for the demo output. */
  public String summary() {
    return id + " " + name + " <" + email + ">, " + tier;
  }
}
