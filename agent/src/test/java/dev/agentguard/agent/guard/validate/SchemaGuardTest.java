package dev.agentguard.agent.guard.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.pipeline.Decision;
import dev.agentguard.agent.pipeline.Fixtures;
import dev.agentguard.agent.pipeline.Principal;
import dev.agentguard.agent.pipeline.ToolMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaGuardTest {
  static final String SEND = """
      {"$schema": "https://json-schema.org/draft/2020-12/schema",
       "type": "object",
       "properties": {
         "to": {"type": "array", "items": {"type": "string", "format": "email"}, "minItems": 1},
         "subject": {"type": "string", "maxLength": 20},
         "priority": {"enum": ["low", "high"]},
         "amount": {"type": "number", "minimum": 0, "maximum": 100}
       },
       "required": ["to", "subject"],
       "additionalProperties": false}
      """;

  @TempDir Path dir;

  private Decision check(String schema, List<String> params, Object... args) throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, schema);
    Policy p = Fixtures.policy("agentguard.tool.send.schema=file:" + file);
    SchemaCatalog catalog = SchemaCatalog.load(p);
    assertEquals(List.of(), catalog.errors());
    ToolMethod tool = Fixtures.tool("send", params, Set.of());
    return new SchemaGuard(catalog).check(Fixtures.invocation(p, tool, Principal.ANONYMOUS, args));
  }

  @Test
  void validArgumentsPass() throws Exception {
    assertFalse(check(SEND, List.of("to", "subject"), List.of("a@example.com"), "hi").blocked());
  }

  @Test
  void eachProblemNamesTheArgumentAndWhatWasExpected() throws Exception {
    Decision d = check(SEND, List.of("to", "subject"), List.of("a@example.com", "not-an-email"), "hi");
    assertEquals("SCHEMA_INVALID", d.reason());
    assertTrue(d.message().contains("`to[1]` must be an e-mail address"), d.message());
    assertFalse(d.message().contains("not-an-email"), "never repeats the value");

    assertTrue(check(SEND, List.of("to"), List.of("a@example.com")).message().contains("`subject` is required"));
    assertTrue(check(SEND, List.of("to", "subject", "cc"), List.of("a@example.com"), "s", "x").message()
        .contains("`cc` is not an accepted argument"));
    assertTrue(check(SEND, List.of("to", "subject"), "a@example.com", "s").message()
        .contains("`to` must be an array"));
    assertTrue(check(SEND, List.of("to", "subject", "priority"), List.of("a@example.com"), "s", "urgent")
        .message().contains("`priority` must be one of"));
    assertTrue(check(SEND, List.of("to", "subject", "amount"), List.of("a@example.com"), "s", 500)
        .message().contains("`amount` must be at most 100"));
    assertTrue(check(SEND, List.of("to", "subject"), List.of("a@example.com"), "a subject that is far too long")
        .message().contains("`subject` must be at most 20 characters long"));
  }

  @Test
  void nestedObjectsAndDraft7() throws Exception {
    String draft7 = """
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
         "properties": {"address": {"type": "object", "required": ["city"],
                                    "properties": {"city": {"type": "string"}}}}}
        """;
    Decision d = check(draft7, List.of("address"), Map.of("street", "Main St"));
    assertTrue(d.message().contains("`address.city` is required"), d.message());
    assertFalse(check(draft7, List.of("address"), Map.of("city", "Oslo")).blocked());
  }

  @Test
  void aSchemaThatDoesNotParseNamesFileAndPosition() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\n  \"type\": \"object\",\n  \"properties\": {\n}");
    SchemaCatalog catalog = SchemaCatalog.load(Fixtures.policy("agentguard.tool.send.schema=file:" + file));
    assertEquals(1, catalog.errors().size());
    String error = catalog.errors().get(0).toString();
    assertTrue(error.contains("agentguard.tool.send.schema") && error.contains("broken.json")
        && error.contains("line 4"), error);
  }

  @Test
  void aClasspathSchemaThatIsMissingIsAnError() {
    SchemaCatalog.SchemaLoadException e = assertThrows(SchemaCatalog.SchemaLoadException.class,
        () -> SchemaCatalog.compile("classpath:/no/such/schema.json"));
    assertTrue(e.getMessage().contains("not on the application's class path"), e.getMessage());
  }
}
