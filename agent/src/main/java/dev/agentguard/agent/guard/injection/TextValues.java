package dev.agentguard.agent.guard.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Visits every string inside a JSON tree: values at any depth and object keys, each with its path
 * ({@code to[0]}, {@code address.city}). The path goes into refusal messages and audit findings, so a key
 * is written as it is only when it reads as a field name; any other key is {@code *}: a key the caller made
 * up may be the injected text itself ("Ignore previous instructions and ...") or a secret.
 */
final class TextValues {
  interface Visitor {
    /** @return false to stop the walk */
    boolean visit(String path, String text);
  }

  /** The longest key written into a path as it is. */
  static final int MAX_NAME = 40;

  private TextValues() {}

  static boolean walk(String path, JsonNode node, Visitor v) {
    return walk(path, node, v, false);
  }

  /**
   * As {@link #walk(String, JsonNode, Visitor)}, but every string is reported at {@code path} itself: for a
   * {@code @Redact} argument, whose keys and indexes are part of its value and must not be written anywhere.
   */
  static boolean walkOpaque(String path, JsonNode node, Visitor v) {
    return walk(path, node, v, true);
  }

  /** {@link #walk(String, JsonNode, Visitor)}, or {@link #walkOpaque} if {@code opaque}. */
  static boolean walk(String path, JsonNode node, Visitor v, boolean opaque) {
    if (node == null) {
      return true;
    }
    if (node.isString()) {
      return v.visit(path, node.asString());
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (!walk(item(path, i, opaque), node.get(i), v, opaque)) {
          return false;
        }
      }
      return true;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String p = field(path, e.getKey(), opaque);
        if (!v.visit(p, e.getKey()) || !walk(p, e.getValue(), v, opaque)) {
          return false;
        }
      }
    }
    return true;
  }

  interface GroupVisitor {
    void visit(String path, List<String> parts);
  }

  /**
   * Every group of two or more strings inside a JSON tree that its reader takes in as one text, with its path:
   * a list (an array's strings, those of the arrays nested in it included, in order) and a record (an object's
   * string fields, in order; not its keys, which name the fields). An object inside a list is a record of its
   * own, not part of the list, and a list in a record's field is a list of its own. A call's parameters are not
   * a group: each is its own input (a recipient, a subject, a body). With {@code opaque}, every path is
   * {@code path} itself ({@link #walkOpaque}).
   */
  static void groups(String path, JsonNode node, GroupVisitor v, boolean opaque) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      collect(path, node, parts, v, opaque);
      if (parts.size() >= 2) {
        v.visit(path, parts);
      }
    } else if (node.isObject()) {
      List<String> fields = null;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode value = e.getValue();
        if (value.isString()) {
          if (fields == null) {
            fields = new ArrayList<>();
          }
          fields.add(value.asString());
        } else {
          groups(field(path, e.getKey(), opaque), value, v, opaque);
        }
      }
      if (fields != null && fields.size() >= 2) {
        v.visit(path, fields);
      }
    }
  }

  private static void collect(String path, JsonNode array, List<String> parts, GroupVisitor v, boolean opaque) {
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (item.isString()) {
        parts.add(item.asString());
      } else if (item.isArray()) {
        collect(item(path, i, opaque), item, parts, v, opaque);
      } else if (item.isObject()) {
        groups(item(path, i, opaque), item, v, opaque);
      }
    }
  }

  /** The path of item {@code i} of the array at {@code path}. */
  private static String item(String path, int i, boolean opaque) {
    return opaque ? path : path + "[" + i + "]";
  }

  /** The path of the field {@code key} of the object at {@code path}, the key written as {@link #nameOrStar}. */
  private static String field(String path, String key, boolean opaque) {
    if (opaque) {
      return path;
    }
    String name = nameOrStar(key);
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The key if it reads as a field name (letters, digits, {@code _ - $}, at most {@link #MAX_NAME}), else {@code *}. */
  static String nameOrStar(String key) {
    if (key.isEmpty() || key.length() > MAX_NAME) {
      return "*";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$'))) {
        return "*";
      }
    }
    return key;
  }
}
