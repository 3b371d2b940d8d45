package dev.agentguard.samples.supportdesk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Mailer} that delivers into an in-memory outbox instead of an SMTP server. */
public final class OutboxMailer implements Mailer {

  /** One sent e-mail. */
  public record Email(String messageId, String to, String subject, String body) {}

  private final List<Email> outbox = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger(1);

  // Deliberately not annotated: the @AgentTool on Mailer.send must reach this method.
  @Override
  public String send(String to, String subject, String body) {
    if (to == null || to.indexOf('@') < 1 || to.indexOf('@') == to.length() - 1) {
      throw new IllegalArgumentException("Not an e-mail address: " + to + ".");
    }
    // A line break in a header would let the caller add headers of its own (Bcc:).
    if (subject == null || subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("The subject must be a single line.");
    }
    String messageId = String.format("M-%04d", nextId.getAndIncrement());
    outbox.add(new Email(messageId, to, subject, body == null ? "" : body));
    return messageId;
  }

  /** The e-mails sent so far, oldest first. */
  public List<Email> outbox() {
    return List.copyOf(outbox);
  }
}
