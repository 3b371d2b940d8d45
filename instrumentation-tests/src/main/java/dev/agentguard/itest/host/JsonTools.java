package dev.agentguard.itest.host;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import dev.agentguard.AgentTool;

/**
 * Tools as AI frameworks shape them: results that are the host's own JSON trees (Jackson 2, Gson), and an
 * argument bound to private fields with no getters (LangChain4j binds and renders tool objects by field).
 */
public class JsonTools {
  private static final ObjectMapper JACKSON2 = new ObjectMapper();

  /** A ticket as a framework builds it from the model's JSON: private fields, no getters. */
  public static final class Ticket {
    /** Named as the model and the tool's schema know it. */
    @JsonProperty("customer_id")
    private final String customerId;
    private final String title;
    private final String description;
    /** The host's own secret: its Jackson 2 would never render it, and neither may the agent. */
    @JsonIgnore
    private final String apiToken;

    public Ticket(String customerId, String title, String description, String apiToken) {
      this.customerId = customerId;
      this.title = title;
      this.description = description;
      this.apiToken = apiToken;
    }

    @Override
    public String toString() {
      return "Ticket[" + title + "]";
    }
  }

  @AgentTool("read_mail_json")
  public JsonNode readJson(String id) {
    ObjectNode mail = JACKSON2.createObjectNode();
    mail.put("from", "dana@example.com");
    mail.putObject("content").put("body", "evil".equals(id) ? Inbox.EVIL : Inbox.CLEAN);
    return mail;
  }

  @AgentTool("read_mail_gson")
  public JsonObject readGson(String id) {
    JsonObject mail = new JsonObject();
    mail.addProperty("from", "dana@example.com");
    mail.addProperty("body", "evil".equals(id) ? Inbox.EVIL : Inbox.CLEAN);
    return mail;
  }

  @AgentTool("file_ticket")
  public String file(Ticket ticket) {
    return "filed " + ticket;
  }
}
