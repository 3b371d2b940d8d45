package dev.agentguard.itest.host;

/** Implements an annotated interface method without repeating the annotation. */
public class OutboxMailer implements Mailer {
  @Override
  public String send(String to, String subject) {
    return "sent:" + to;
  }
}
