package dev.agentguard.samples.supportdesk;

import dev.agentguard.AgentTool;
import dev.agentguard.Risk;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The in-memory customer store behind lookup_customer and update_customer_email. */
public final class CustomerDirectory {
  private final ConcurrentMap<String, Customer> customers = new ConcurrentHashMap<>();

  /** Seeds or replaces a customer; host code, not a tool. */
  public void add(Customer customer) {
    customers.put(customer.id(), customer);
  }

  @AgentTool(value = "lookup_customer", description = "Look up a customer by id", risk = Risk.LOW,
      idempotent = true)
  public Customer lookupCustomer(String customerId) {
    Customer customer = customers.get(customerId);
    if (customer == null) {
      throw new IllegalArgumentException("No customer with id " + customerId + ".");
    }
    return customer;
  }

  /**
   * Changes a customer's e-mail address. The demo policy has no section for this tool on purpose:
   * {@code default-policy=deny} must refuse it.
   */
  @AgentTool(value = "update_customer_email", description = "Change a customer's e-mail address",
      risk = Risk.MEDIUM)
  public Customer updateCustomerEmail(String customerId, String newEmail) {
    if (newEmail == null || newEmail.indexOf('@') < 1 || newEmail.indexOf('@') == newEmail.length() - 1) {
      throw new IllegalArgumentException("Not an e-mail address: " + newEmail + ".");
    }
    Customer updated = customers.computeIfPresent(Objects.requireNonNull(customerId, "customerId"),
        (id, c) -> new Customer(id, c.name(), newEmail, c.tier()));
    if (updated == null) {
      throw new IllegalArgumentException("No customer with id " + customerId + ".");
    }
    return updated;
  }
}
