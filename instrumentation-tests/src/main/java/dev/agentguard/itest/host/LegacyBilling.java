package dev.agentguard.itest.host;

/** Code that cannot be annotated: named as tools in the properties file with wildcards. */
public class LegacyBilling {
  public String sendInvoice(String customerId, int amount) {
    return "invoice:" + customerId + ":" + amount;
  }

  public String sendReminder(String customerId) {
    return "reminder:" + customerId;
  }

  public static String archive(String customerId) {
    return "archived:" + customerId;
  }

  public String status(String customerId) {
    return "status:" + customerId;
  }
}
