package dev.agentguard.agent.guard.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.agent.config.ConfigError;
import dev.agentguard.agent.config.ConfigSources;
import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.pipeline.Fixtures;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading the tools' schemas when a policy is activated: a schema that cannot be used is one error naming the
 * key, the properties file's line that set it and what is wrong (where in the schema file, where in the
 * schema), in one line.
 */
class SchemaCatalogTest {
  @TempDir Path dir;

  /** The one error of loading {@code schema} as tool {@code send}'s, set on line 2 of a properties file. */
  private String error(String schema) throws Exception {
    Path file = Files.writeString(dir.resolve("s.json"), schema);
    return error("file:" + file, null);
  }

  private String error(String ref, ClassLoader classPath) throws Exception {
    Path props = Files.writeString(dir.resolve("agentguard.properties"),
        "agentguard.mode=enforce\nagentguard.tool.send.schema=" + ref + "\n");
    Policy policy = Policy.load(ConfigSources.fileOnly(props));
    assertEquals(List.of(), policy.errors());
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    SchemaCatalog catalog;
    try {
      if (classPath != null) {
        t.setContextClassLoader(classPath);
      }
      catalog = SchemaCatalog.load(policy);
    } finally {
      t.setContextClassLoader(before);
    }
    assertEquals(1, catalog.errors().size(), catalog.errors().toString());
    ConfigError e = catalog.errors().get(0);
    assertEquals("agentguard.tool.send.schema", e.key());
    assertEquals(2, e.line());
    String line = e.toString();
    String prefix = props + ":2: agentguard.tool.send.schema: ";
    assertTrue(line.startsWith(prefix), line);
    assertFalse(line.contains("\n") || line.contains("\tat "), "one line, never a stack trace: " + line);
    return line.substring(prefix.length());
  }

  @Test
  void aSchemaThatDoesNotParseNamesThePropertiesLineAndThePositionInTheSchemaFile() throws Exception {
    String e = error("{\n  \"type\": \"object\",\n  \"properties\": {\n}");
    assertTrue(e.startsWith("schema file:" + dir.resolve("s.json") + " is not valid JSON at line 4, column "), e);
    assertTrue(e.endsWith("expected close marker for Object"), "nothing of the library's own settings: " + e);
  }

  @Test
  void aSchemaMustBeAJsonObject() throws Exception {
    assertTrue(error("[1, 2]").endsWith("s.json must hold a JSON object (a JSON Schema), not an array"));
    assertTrue(error("\"text\"").endsWith("s.json must hold a JSON object (a JSON Schema), not a string"));
    assertTrue(error("  \n").endsWith("s.json is empty; it must hold a JSON object (a JSON Schema)"));
  }

  @Test
  void aClasspathSchemaIsLookedUpOnTheApplicationsClassPath() throws Exception {
    Files.createDirectories(dir.resolve("app/schemas"));
    Files.writeString(dir.resolve("app/schemas/send.json"), "{\"type\": \"object\"}");
    try (URLClassLoader app = new URLClassLoader(new URL[] {dir.resolve("app").toUri().toURL()}, null)) {
      assertEquals("schema classpath:/schemas/missing.json is not on the application's class path",
          error("classpath:/schemas/missing.json", app));
      Path props = Files.writeString(dir.resolve("ok.properties"), "agentguard.tool.send.schema=classpath:/schemas/send.json\n");
      ClassLoader before = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(app);
      try {
        SchemaCatalog found = SchemaCatalog.load(Policy.load(ConfigSources.fileOnly(props)));
        assertEquals(List.of(), found.errors());
        assertNotNull(found.schemaFor("send"));
      } finally {
        Thread.currentThread().setContextClassLoader(before);
      }
    }
  }

  @Test
  void aSchemaThatIsNoValidJsonSchemaSaysWhereAndWhatIsWrong() throws Exception {
    assertEquals("schema file:" + dir.resolve("s.json") + " is not a valid JSON Schema (draft 2020-12): "
            + "/properties/text/type: \"nonsense\" is not a JSON Schema type (array, boolean, integer, null, number, "
            + "object or string)",
        error("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"nonsense\"}}}"));
  }

  @Test
  void eachDraftIsCheckedAgainstItsOwnMetaSchema() throws Exception {
    String draft7 = error("""
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
         "properties": {"a": {"type": ["string", "bogus"]}, "b": {"pattern": "(["}},
         "required": "a"}
        """);
    assertTrue(draft7.endsWith(" is not a valid JSON Schema (draft 7): /required: must be an array (got string); "
        + "/properties/a/type/1: \"bogus\" is not a JSON Schema type (array, boolean, integer, null, number, object "
        + "or string); /properties/b/pattern: \"([\" is not a valid regular expression"), draft7);
    assertTrue(error("{\"$schema\": \"http://example.com/my-draft\", \"type\": \"object\"}").endsWith(
        " is not a valid JSON Schema: /$schema: \"http://example.com/my-draft\" names no JSON Schema draft "
            + "AgentGuard knows; use \"https://json-schema.org/draft/2020-12/schema\" or "
            + "\"http://json-schema.org/draft-07/schema#\""));
  }

  @Test
  void aSchemaTheValidatorCannotCompileSaysWhyInOneLine() throws Exception {
    assertTrue(error("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"}}}")
        .endsWith(" is not a usable JSON Schema: Reference /$defs/missing cannot be resolved"));
  }

  @Test
  void manyProblemsAreCountedNotDumped() throws Exception {
    String e = error("""
        {"type": "object", "properties": {"a": {"minLength": -1}, "b": {"maxLength": "five"},
          "c": {"type": "text"}, "d": {"type": "word"}, "e": {"format": 12,
          "description": "a long description that must never be repeated in an error line"}}}
        """);
    assertTrue(e.endsWith("/properties/a/minLength: must be at least 0 (got -1); "
        + "/properties/b/maxLength: must be an integer (got string); "
        + "/properties/c/type: \"text\" is not a JSON Schema type (array, boolean, integer, null, number, object or "
        + "string); and 2 more problem(s)"), e);
    assertFalse(e.contains("long description"), e);
  }

  @Test
  void validSchemasOfBothDraftsLoad() throws Exception {
    Path send = Files.writeString(dir.resolve("send.json"), SchemaGuardTest.SEND);
    Path draft7 = Files.writeString(dir.resolve("d7.json"), """
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
         "properties": {"to": {"type": "string", "format": "email", "pattern": "^[^@\\\\s]+@[^@\\\\s]+$"}},
         "required": ["to"], "additionalProperties": false}
        """);
    SchemaCatalog catalog = SchemaCatalog.load(Fixtures.policy("agentguard.tool.send.schema=file:" + send,
        "agentguard.tool.d7.schema=file:" + draft7));
    assertEquals(List.of(), catalog.errors());
    assertNotNull(catalog.schemaFor("send"));
    assertNotNull(catalog.schemaFor("d7"));
  }

  @Test
  void anErrorOfAValueSetOutsideTheFileNamesItsSource() throws Exception {
    Path file = Files.writeString(dir.resolve("arr.json"), "[]");
    SchemaCatalog catalog = SchemaCatalog.load(Fixtures.policy("agentguard.tool.send.schema=file:" + file));
    assertEquals("system properties: agentguard.tool.send.schema: schema file:" + file
        + " must hold a JSON object (a JSON Schema), not an array", catalog.errors().get(0).toString());
  }
}
