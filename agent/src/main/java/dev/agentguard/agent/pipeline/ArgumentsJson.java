package dev.agentguard.agent.pipeline;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The one place arguments become JSON (by parameter name) and the one place they are redacted for
 * anything written out. Host objects are rendered as the AI frameworks render them ({@link HostJson}).
 */
public final class ArgumentsJson {
  /** What a redacted value is replaced with, everywhere. */
  public static final String REDACTED = "[REDACTED]";

  private ArgumentsJson() {}

  /**
   * What stands in for a value that could not be rendered: nested more than {@link HostJson#MAX_DEPTH}
   * levels deep or referring to itself. A string in the audit record; a guard that must read the value finds
   * it with {@link #isUnreadable} and refuses, as nothing inside it was seen.
   */
  public static final class Unreadable extends StringNode {
    Unreadable(String type) {
      super("<unrenderable " + type + ">");
    }
  }

  /** Whether {@code node} stands for a value that could not be rendered (see {@link Unreadable}). */
  public static boolean isUnreadable(JsonNode node) {
    return node instanceof Unreadable;
  }

  /** How a refusal names the limit an unreadable value broke, for the caller to fix. */
  public static final String UNREADABLE_WHY = "it refers to itself or is nested more than " + HostJson.MAX_DEPTH
      + " levels deep";

  static ObjectNode toJson(ToolMethod tool, Object[] args) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    List<String> names = tool.parameterNames();
    for (int i = 0; i < args.length; i++) {
      String name = i < names.size() ? names.get(i) : "arg" + i;
      node.set(name, valueToTree(args[i]));
    }
    return node;
  }

  /** A copy with every redacted parameter (annotation or {@code redact.params}) replaced. */
  static ObjectNode redacted(ToolMethod tool, Set<String> redactParams, ObjectNode unredacted) {
    ObjectNode copy = unredacted.deepCopy();
    List<String> names = tool.parameterNames();
    for (int i = 0; i < names.size(); i++) {
      if (tool.isRedacted(i) || redactParams.contains(names.get(i))) {
        if (copy.has(names.get(i))) {
          copy.put(names.get(i), REDACTED);
        }
      }
    }
    return copy;
  }

  /** Arguments whose value cannot change after the call, so rendering can wait for the writer thread. */
  static boolean allImmutable(Object[] args) {
    for (Object a : args) {
      if (!(a == null || a instanceof String || a instanceof Number && a.getClass().getName().startsWith("java.lang.")
          || a instanceof Boolean || a instanceof Character || a instanceof Enum<?>)) {
        return false;
      }
    }
    return true;
  }

  /**
   * One value as JSON, as the AI frameworks render it ({@link HostJson}); a value that cannot be rendered
   * becomes {@link Unreadable}, naming its type. Never throws.
   */
  public static JsonNode valueToTree(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    // Plain values directly: most tool arguments are, and the mapper (hundreds of classes) can wait.
    if (value == null) {
      return f.nullNode();
    } else if (value instanceof String s) {
      return f.stringNode(s);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return f.numberNode(((Number) value).intValue());
    } else if (value instanceof Long l) {
      return f.numberNode(l);
    } else if (value instanceof Double d) {
      return f.numberNode(d);
    } else if (value instanceof Float fl) {
      return f.numberNode(fl);
    } else if (value instanceof Boolean b) {
      return f.booleanNode(b);
    } else if (value instanceof Character c) {
      return f.stringNode(c.toString());
    } else if (value instanceof java.math.BigDecimal bd) {
      return f.numberNode(bd);
    } else if (value instanceof Enum<?> e) {
      return f.stringNode(e.name());
    }
    return HostJson.toTree(value);
  }
}
