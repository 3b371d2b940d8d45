package dev.agentguard.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ArgumentsJsonTest {
  record Card(String number, int cvc) {}

  @Test
  void argumentsByNameWithNestedValues() {
    ToolMethod t = Fixtures.tool("send", List.of("to", "meta"), Set.of());
    ObjectNode json = ArgumentsJson.toJson(t, new Object[] {List.of("a@x.io", "b@x.io"), Map.of("k", 1)});
    assertEquals("b@x.io", json.get("to").get(1).asString());
    assertEquals(1, json.get("meta").get("k").asInt());
  }

  @Test
  void redactionByAnnotationAndByNameReplacesWholeValues() {
    ToolMethod t = Fixtures.tool("pay", List.of("account", "card", "note"), Set.of(1));
    ObjectNode raw = ArgumentsJson.toJson(t, new Object[] {"acct-1", new Card("4111111111111111", 123), "secret"});
    ObjectNode red = ArgumentsJson.redacted(t, Set.of("note"), raw);
    assertEquals("acct-1", red.get("account").asString());
    assertEquals(ArgumentsJson.REDACTED, red.get("card").asString());
    assertEquals(ArgumentsJson.REDACTED, red.get("note").asString());
    assertFalse(red.toString().contains("4111"), red.toString());
    assertEquals("4111111111111111", raw.get("card").get("number").asString(), "the guards' copy is unchanged");
  }

  @Test
  void onlyValuesThatCannotChangeAreRenderedLater() {
    assertTrue(ArgumentsJson.allImmutable(new Object[] {"s", 1, 2L, true, 'c', null, Thread.State.NEW}));
    assertFalse(ArgumentsJson.allImmutable(new Object[] {new StringBuilder("x")}));
    assertFalse(ArgumentsJson.allImmutable(new Object[] {List.of("x")}));
  }
}
