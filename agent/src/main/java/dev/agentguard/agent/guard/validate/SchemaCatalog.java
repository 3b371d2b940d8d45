package dev.agentguard.agent.guard.validate;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import dev.agentguard.agent.config.ConfigError;
import dev.agentguard.agent.config.IoReason;
import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.config.ToolPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads and compiles every {@code agentguard.tool.<name>.schema} once, when a policy is activated, so a
 * call only validates. Drafts 7 and 2020-12 (by {@code $schema}; 2020-12 when absent). A schema that
 * cannot be read, does not parse (the error gives the position in the schema file), or is no valid JSON
 * Schema of its draft (checked against the draft's meta-schema) is a configuration error naming the key and
 * the properties file's line that set it.
 */
public final class SchemaCatalog {
  /** Loaded only when some tool has a schema: JVM start-up does not pay for the validator otherwise. */
  private static final class Holder {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  }

  /** A problem the validator reports in words of its own is cut here: one line, never the whole schema. */
  private static final int MAX_DETAIL = 200;

  private final Map<String, Schema> byTool;
  private final List<ConfigError> errors;

  private SchemaCatalog(Map<String, Schema> byTool, List<ConfigError> errors) {
    this.byTool = Collections.unmodifiableMap(byTool);
    this.errors = List.copyOf(errors);
  }

  /**
   * Compiles the schema of every tool that names one; each that cannot be used is one error. Resources of
   * {@code classpath:} references are looked up with the thread's context class loader (the application's).
   */
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
        errors.add(policy.error(key, e.getMessage()));
      } catch (RuntimeException | StackOverflowError e) { // a validator bug still fails closed, as an error
        errors.add(policy.error(key, describe(ref) + " cannot be loaded: " + detail(e)));
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
          + oneLine(withoutSource(e.getOriginalMessage())));
    }
    if (node == null || node.isMissingNode()) {
      throw new SchemaLoadException(describe(ref) + " is empty; it must hold a JSON object (a JSON Schema)");
    }
    if (!node.isObject()) {
      throw new SchemaLoadException(describe(ref) + " must hold a JSON object (a JSON Schema), not "
          + (node.isArray() ? "an array" : node.isNull() ? "null" : "a " + node.getNodeType().name()
              .toLowerCase(Locale.ROOT)));
    }
    Dialect dialect;
    try {
      dialect = MetaSchemaCheck.dialect(Holder.REGISTRY, node);
    } catch (IllegalArgumentException e) {
      throw new SchemaLoadException(describe(ref) + " is not a valid JSON Schema: " + e.getMessage());
    }
    String problems = MetaSchemaCheck.problems(Holder.REGISTRY, dialect, node);
    if (problems != null) {
      throw new SchemaLoadException(describe(ref) + " is not a valid JSON Schema (" + MetaSchemaCheck.name(dialect)
          + "): " + problems);
    }
    try {
      Schema schema = Holder.REGISTRY.getSchema(node);
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      throw new SchemaLoadException(describe(ref) + " is not a usable JSON Schema: " + detail(e));
    }
  }

  /** The validator's reason, one line: a wrapped exception's own message, never a stack trace. */
  private static String detail(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause
        && (cause.getMessage() == null || cause.getMessage().startsWith(cause.getCause().getClass().getName()))) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (message == null || message.isBlank()) {
      return cause.getClass().getSimpleName();
    }
    return cause == e ? oneLine(message) : cause.getClass().getSimpleName() + ": " + oneLine(message);
  }

  /**
   * Jackson's message without the parser's own account of where the open bracket was ("(start marker at
   * [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); byte offset: #UNKNOWN])"):
   * it names a setting of the bundled library, not the file, whose line and column the message gives already.
   */
  static String withoutSource(String message) {
    if (message == null) {
      return null;
    }
    int marker = message.indexOf(" (start marker at ");
    return marker < 0 ? message : message.substring(0, marker);
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    String line = (end < 0 ? message : message.substring(0, end)).strip().replaceAll("\\s+", " ");
    return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "..." : line;
  }

  private static String read(String ref) throws SchemaLoadException {
    if (ref.startsWith("file:")) {
      Path path = Paths.get(ref.substring("file:".length()));
      try {
        return Files.readString(path, StandardCharsets.UTF_8);
      } catch (CharacterCodingException e) {
        throw new SchemaLoadException("schema file " + path + " is not UTF-8 text");
      } catch (IOException e) {
        throw new SchemaLoadException("cannot read schema file " + path + ": " + IoReason.of(e, path));
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
        throw new SchemaLoadException("cannot read schema " + ref + ": " + IoReason.of(e));
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
