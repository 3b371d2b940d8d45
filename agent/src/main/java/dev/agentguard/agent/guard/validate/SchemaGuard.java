package dev.agentguard.agent.guard.validate;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.Schema;
import dev.agentguard.ReasonCode;
import dev.agentguard.agent.pipeline.Decision;
import dev.agentguard.agent.pipeline.Guard;
import dev.agentguard.agent.pipeline.ArgumentsJson;
import dev.agentguard.agent.pipeline.Invocation;
import dev.agentguard.agent.pipeline.Refusals;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates the call's arguments, as the JSON object of parameter name to value, against the tool's
 * schema. The refusal says which argument and what was expected, in words an LLM can act on; it never
 * repeats the schema or an argument's value (which may be secret). An argument that could not be rendered
 * as JSON ({@link ArgumentsJson#isUnreadable}) is refused before validation: nothing in it could be checked.
 */
public final class SchemaGuard implements Guard {
  private static final int MAX_PROBLEMS = 3;
  /** Formats are assertions here: "`to[0]` must be an e-mail address" is the point of a tool schema. */
  private static final ExecutionConfig EXECUTION = ExecutionConfig.builder().formatAssertionsEnabled(true).build();

  private final SchemaCatalog catalog;

  public SchemaGuard(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public String name() {
    return "schema";
  }

  /** A tool with no schema configured is not checked, nor named in the record. */
  @Override
  public boolean appliesTo(Invocation invocation) {
    return catalog.schemaFor(invocation.tool().name()) != null;
  }

  @Override
  public Decision check(Invocation invocation) {
    Schema schema = catalog.schemaFor(invocation.tool().name());
    if (schema == null) {
      return Decision.ALLOW;
    }
    String unreadable = unreadableParameter(invocation.argumentsJson());
    if (unreadable != null) {
      return Refusals.unreadableArgument(invocation.tool().name(), unreadable);
    }
    List<Error> errors = schema.validate(invocation.argumentsJson(), ctx -> ctx.setExecutionConfig(EXECUTION));
    if (errors.isEmpty()) {
      return Decision.ALLOW;
    }
    List<String> problems = SchemaMessages.explainAll(errors);
    StringBuilder msg = new StringBuilder("The arguments for tool '").append(invocation.tool().name())
        .append("' are invalid: ");
    for (int i = 0; i < Math.min(MAX_PROBLEMS, problems.size()); i++) {
      if (i > 0) {
        msg.append("; ");
      }
      msg.append(problems.get(i));
    }
    if (problems.size() > MAX_PROBLEMS) {
      msg.append("; and ").append(problems.size() - MAX_PROBLEMS).append(" more problem(s)");
    }
    msg.append(". Correct the arguments and call the tool again.");
    return Decision.block(ReasonCode.SCHEMA_INVALID, msg.toString());
  }

  /** The first parameter whose value could not be rendered, so that nothing in it can be validated; or null. */
  private static String unreadableParameter(ObjectNode arguments) {
    for (Map.Entry<String, JsonNode> e : arguments.properties()) {
      if (ArgumentsJson.isUnreadable(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }
}
