package dev.agentguard.agent.guard.injection;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Visits every string inside a JSON tree: values at any depth and object keys. */
final class TextValues {
  interface Visitor {
    /** @return false to stop the walk */
    boolean visit(String path, String text);
  }

  private TextValues() {}

  static boolean walk(String path, JsonNode node, Visitor v) {
    if (node == null) {
      return true;
    }
    if (node.isString()) {
      return v.visit(path, node.asString());
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (!walk(path + "[" + i + "]", node.get(i), v)) {
          return false;
        }
      }
      return true;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (!v.visit(p, e.getKey()) || !walk(p, e.getValue(), v)) {
          return false;
        }
      }
    }
    return true;
  }
}
