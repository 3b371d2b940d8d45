package dev.agentguard.agent.guard.validate;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.agentguard.agent.config.ConfigError;
import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.config.ToolPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads and compiles every {@code agentguard.tool.<name>.schema} once, when a policy is activated, so a
 * call only validates. Drafts 7 and 2020-12 (by {@code $schema}; 2020-12 when absent). A schema that
 * cannot be read or parsed is a configuration error naming the file and the position.
 */
public final class SchemaCatalog {
  /** Loaded only when some tool has a schema: JVM start-up does not pay for the validator otherwise. */
  private static final class Holder {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  }

  private final Map<String, Schema> byTool;
  private final List<ConfigError> errors;

  private SchemaCatalog(Map<String, Schema> byTool, List<ConfigError> errors) {
    this.byTool = Collections.unmodifiableMap(byTool);
    this.errors = List.copyOf(errors);
  }

  public static SchemaCatalog load(Policy policy) {
    Map<String, Schema> byTool = new HashMap<>();
    List<ConfigError> errors = new ArrayList<>();
    for (ToolPolicy tool : policy.tools().values()) {
      String ref = tool.schema();
      if (ref == null) {
        continue;
      }
      String key = "agentguard.tool." + tool.name() + ".schema";
      try {
        byTool.put(tool.name(), compile(ref));
      } catch (SchemaLoadException e) {
        errors.add(new ConfigError(key, policy.configFile() == null ? "config" : policy.configFile(), 0,
            e.getMessage()));
      }
    }
    return new SchemaCatalog(byTool, errors);
  }

  /** The compiled schema for a tool, or null when it has none. */
  public Schema schemaFor(String tool) {
    return byTool.get(tool);
  }

  public List<ConfigError> errors() {
    return errors;
  }

  static Schema compile(String ref) throws SchemaLoadException {
    String text = read(ref);
    JsonNode node;
    try {
      node = Holder.JSON.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new SchemaLoadException(describe(ref) + " is not valid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
          + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new SchemaLoadException(describe(ref) + " must hold a JSON object (a JSON Schema)");
    }
    try {
      Schema schema = Holder.REGISTRY.getSchema(node);
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      throw new SchemaLoadException(describe(ref) + " is not a usable JSON Schema: " + e.getMessage());
    }
  }

  private static String read(String ref) throws SchemaLoadException {
    if (ref.startsWith("file:")) {
      Path path = Paths.get(ref.substring("file:".length()));
      try {
        return Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new SchemaLoadException("cannot read schema file " + path + ": " + e.getMessage());
      }
    }
    if (ref.startsWith("classpath:")) {
      String resource = ref.substring("classpath:".length());
      String name = resource.startsWith("/") ? resource.substring(1) : resource;
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      if (cl == null) {
        cl = ClassLoader.getSystemClassLoader();
      }
      try (InputStream in = cl.getResourceAsStream(name)) {
        if (in == null) {
          throw new SchemaLoadException("schema " + ref + " is not on the application's class path");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new SchemaLoadException("cannot read schema " + ref + ": " + e.getMessage());
      }
    }
    throw new SchemaLoadException("schema reference '" + ref + "' must start with classpath: or file:");
  }

  private static String describe(String ref) {
    return "schema " + ref;
  }

  /** A schema that cannot be used; the message names the file and, for JSON errors, the position. */
  static final class SchemaLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    SchemaLoadException(String message) {
      super(message);
    }
  }
}
