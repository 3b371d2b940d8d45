package dev.agentguard.samples.supportdesk;

import dev.agentguard.AgentTool;
import dev.agentguard.Redact;
import dev.agentguard.Risk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Support case notes per customer; delete_records erases them for a right-to-erasure request. */
public final class CaseRecords {

  /** One erasure, kept for the compliance log; the reason may hold personal details. */
  public record Erasure(String customerId, int deleted, String reason) {}

  private final ConcurrentMap<String, List<String>> notesByCustomer = new ConcurrentHashMap<>();
  private final List<Erasure> erasures = new CopyOnWriteArrayList<>();

  /** Adds a case note; host code, not a tool. */
  public void addNote(String customerId, String note) {
    notesByCustomer.computeIfAbsent(customerId, id -> new CopyOnWriteArrayList<>()).add(note);
  }

  public List<String> notesOf(String customerId) {
    List<String> notes = notesByCustomer.get(customerId);
    return notes == null ? List.of() : List.copyOf(notes);
  }

  /** Deletes every case note of a customer and returns how many there were. */
  @AgentTool(value = "delete_records", description = "Delete all case records of a customer",
      risk = Risk.CRITICAL)
  public int deleteRecords(String customerId, @Redact String reason) {
    if (customerId == null || customerId.isBlank()) {
      throw new IllegalArgumentException("A customer id is required.");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("An erasure needs a reason for the compliance log.");
    }
    List<String> removed = notesByCustomer.remove(customerId);
    int deleted = removed == null ? 0 : removed.size();
    erasures.add(new Erasure(customerId, deleted, reason));
    return deleted;
  }

  public List<Erasure> erasures() {
    return new ArrayList<>(erasures);
  }
}
