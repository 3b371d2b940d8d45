package dev.agentguard.agent.guard.validate;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.Map;

/**
 * Turns one validation error into a sentence about one argument: "`to[0]` must be an e-mail address".
 * Values the caller sent are never repeated: they may be secrets or injected text.
 */
final class SchemaMessages {
  private static final Map<String, String> FORMATS = Map.ofEntries(
      Map.entry("email", "an e-mail address"),
      Map.entry("idn-email", "an e-mail address"),
      Map.entry("date", "a date like 2026-01-31"),
      Map.entry("date-time", "a date and time like 2026-01-31T09:30:00Z"),
      Map.entry("time", "a time like 09:30:00Z"),
      Map.entry("duration", "an ISO 8601 duration like PT30M"),
      Map.entry("uri", "an absolute URI"),
      Map.entry("uri-reference", "a URI reference"),
      Map.entry("hostname", "a host name"),
      Map.entry("ipv4", "an IPv4 address"),
      Map.entry("ipv6", "an IPv6 address"),
      Map.entry("uuid", "a UUID"));

  private SchemaMessages() {}

  static String explain(Error e) {
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    String at = path(e);
    switch (keyword) {
      case "required":
        return "`" + join(at, e.getProperty() != null ? e.getProperty() : arg(args, 0)) + "` is required";
      case "additionalProperties":
      case "unevaluatedProperties":
        return "`" + join(at, e.getProperty() != null ? e.getProperty() : arg(args, 0))
            + "` is not an accepted argument; leave it out";
      case "type":
        return "`" + at + "` must be " + article(arg(args, 1)) + " (got " + arg(args, 0) + ")";
      case "format":
        String format = arg(args, 0);
        return "`" + at + "` must be " + FORMATS.getOrDefault(format, "a valid " + format);
      case "enum":
        return "`" + at + "` must be one of " + arg(args, 0);
      case "const":
        return "`" + at + "` must be exactly " + arg(args, 0);
      case "minimum":
        return "`" + at + "` must be at least " + arg(args, 0);
      case "maximum":
        return "`" + at + "` must be at most " + arg(args, 0);
      case "exclusiveMinimum":
        return "`" + at + "` must be greater than " + arg(args, 0);
      case "exclusiveMaximum":
        return "`" + at + "` must be less than " + arg(args, 0);
      case "minLength":
        return "`" + at + "` must be at least " + arg(args, 0) + " characters long";
      case "maxLength":
        return "`" + at + "` must be at most " + arg(args, 0) + " characters long";
      case "minItems":
        return "`" + at + "` must have at least " + arg(args, 0) + " item(s)";
      case "maxItems":
        return "`" + at + "` must have at most " + arg(args, 0) + " item(s)";
      case "pattern":
        return "`" + at + "` does not have the expected form";
      case "uniqueItems":
        return "`" + at + "` must not repeat items";
      case "multipleOf":
        return "`" + at + "` must be a multiple of " + arg(args, 0);
      default:
        return "`" + at + "` is not acceptable (" + keyword + ")";
    }
  }

  /** The instance location as {@code to[0]} or {@code address.city}; the whole argument object is "arguments". */
  private static String path(Error e) {
    NodePath p = e.getInstanceLocation();
    if (p == null || p.getNameCount() == 0) {
      return "arguments";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.getNameCount(); i++) {
      Object element = p.getElement(i);
      if (element instanceof Integer index) {
        sb.append('[').append(index).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(element);
      }
    }
    return sb.toString();
  }

  private static String join(String at, String property) {
    return at.equals("arguments") ? property : at + "." + property;
  }

  private static String arg(Object[] args, int i) {
    return i < args.length && args[i] != null ? String.valueOf(args[i]) : "?";
  }

  private static String article(String type) {
    switch (type) {
      case "integer":
        return "an integer";
      case "array":
        return "an array";
      case "object":
        return "an object";
      default:
        return "a " + type;
    }
  }
}
