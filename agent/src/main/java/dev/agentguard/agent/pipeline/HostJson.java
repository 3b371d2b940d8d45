package dev.agentguard.agent.pipeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.stream.BaseStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.introspect.VisibilityChecker;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.type.ReferenceType;
import tools.jackson.databind.util.TokenBuffer;

/**
 * A host object as JSON, seen the way the AI frameworks show it to the model, so the guards, the schema
 * and the audit record see every string a model could have written or will read. Getters alone are not
 * enough: LangChain4j binds tool arguments to fields and renders tool results from fields of any
 * visibility, so a class with private fields and no getters would otherwise be an empty object, its text
 * out of every guard's sight. Hence:
 *
 * <ul>
 *   <li>fields of any visibility count, next to getters, for the host's own classes; the platform's classes
 *       ({@code java.*}, loaded by the boot or platform loader) keep their getters, as their fields are
 *       closed to reflection and no framework renders them;
 *   <li>the host's own {@code @JsonIgnore} and {@code @JsonProperty} count, as the host's Jackson applies them;
 *   <li>JSON trees of other libraries (Jackson 2, Gson, org.json, Jakarta JSON-P) are the JSON they hold,
 *       not their Java structure;
 *   <li>when a getter throws, the object is rendered from its fields alone (reading a field runs no host
 *       code), and only when that fails too does it become a placeholder naming its type;
 *   <li>what can be read only once (a {@code Stream}, an {@code Iterator}, an {@code Iterable} such as a
 *       {@code DirectoryStream} that Jackson would iterate) is never read: a placeholder naming its type
 *       stands in for it, because reading it here would leave the tool, or the tool's caller, nothing to read;
 *   <li>a value nested more than {@link #MAX_DEPTH} levels deep, which is also how a value that refers to
 *       itself ends, is not rendered at all: it becomes {@link ArgumentsJson.Unreadable}, which the guards
 *       that must read it refuse rather than pass unread.
 * </ul>
 */
final class HostJson {
  /** Types whose {@code toString()} is the JSON text they hold, by name: the host may have none of them. */
  private static final Set<String> FOREIGN_TREES = Set.of(
      hostJackson("databind", "JsonNode"),
      "com.google.gson.JsonElement",
      "org.json.JSONObject",
      "org.json.JSONArray",
      "jakarta.json.JsonValue",
      "javax.json.JsonValue");

  /**
   * The deepest nesting rendered. A model's JSON is a few levels deep; deeper is a cycle or an attempt to
   * hide text, and rendering on would risk the host thread's stack.
   */
  static final int MAX_DEPTH = 100;

  private static final JsonMapper WITH_GETTERS = mapper(false);

  static {
    // The first failure initialises Jackson's exception classes. Were that to happen deep in a host's
    // stack and overflow it, the classes would stay broken for the JVM's life: fail once here instead.
    Object tooDeep = "";
    for (int i = 0; i <= MAX_DEPTH; i++) {
      tooDeep = List.of(tooDeep);
    }
    try {
      render(WITH_GETTERS, tooDeep);
    } catch (RuntimeException expected) {
      // the exception classes are loaded now
    }
  }

  /** Built only when a getter first fails. */
  private static final class FieldsOnly {
    static final JsonMapper MAPPER = mapper(true);
  }

  private HostJson() {}

  /**
   * A class name in the host's own Jackson. Built at run time: the agent jar relocates its Jackson, and the
   * shade plugin rewrites every string constant that names a class under {@code com.fasterxml.jackson},
   * which would turn this name into the agent's own copy.
   */
  private static String hostJackson(String pkg, String simpleName) {
    return String.join(".", "com", "fasterxml", "jackson", pkg, simpleName);
  }

  /** Getters and fields, as the frameworks render an object. */
  static JsonMapper mapper() {
    return WITH_GETTERS;
  }

  /**
   * {@code value} as JSON; never throws. When neither getters nor fields render it: {@link
   * ArgumentsJson.Unreadable} if it nests too deep (or refers to itself), which the guards refuse, since text
   * can hide in there; otherwise (a field closed to reflection, a class that fails to load) a placeholder
   * naming its type, as the host's own types decide that, not what a model writes.
   */
  static JsonNode toTree(Object value) {
    try {
      return render(WITH_GETTERS, value);
    } catch (RuntimeException | StackOverflowError | LinkageError withGetters) {
      try {
        return render(FieldsOnly.MAPPER, value);
      } catch (RuntimeException | StackOverflowError | LinkageError fieldsToo) {
        String type = value.getClass().getName();
        return tooDeep(withGetters) || tooDeep(fieldsToo) ? new ArgumentsJson.Unreadable(type)
            : JsonNodeFactory.instance.stringNode("<unrenderable " + type + ">");
      }
    }
  }

  /** Whether {@code failure}, or what Jackson wrapped in it, is the depth limit or the stack's. */
  private static boolean tooDeep(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TooDeep || t instanceof StackOverflowError) {
        return true;
      }
    }
    return false;
  }

  /**
   * What {@code mapper.valueToTree} does (the value's tokens into a buffer, the buffer read as a tree), with
   * the nesting bounded as it is written: Jackson's own write limit does not apply to its token buffer.
   */
  private static JsonNode render(JsonMapper mapper, Object value) {
    TokenBuffer tokens = TokenBuffer.forGeneration();
    mapper.writeValue(new DepthLimited(tokens), value);
    try (JsonParser p = tokens.asParser()) {
      return mapper.readTree(p);
    }
  }

  /** Thrown past {@link #MAX_DEPTH}: without a stack trace, since a cycle in a host's data is no bug here. */
  private static final class TooDeep extends RuntimeException {
    TooDeep() {
      super("nested more than " + MAX_DEPTH + " levels deep", null, false, false);
    }
  }

  /** A generator that refuses to open a level past {@link #MAX_DEPTH}. */
  private static final class DepthLimited extends JsonGeneratorDelegate {
    DepthLimited(JsonGenerator tokens) {
      super(tokens);
    }

    private void opening() {
      if (streamWriteContext().getNestingDepth() >= MAX_DEPTH) {
        throw new TooDeep();
      }
    }

    @Override
    public JsonGenerator writeStartArray() throws JacksonException {
      opening();
      return super.writeStartArray();
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue) throws JacksonException {
      opening();
      return super.writeStartArray(forValue);
    }

    @Override
    public JsonGenerator writeStartArray(Object forValue, int size) throws JacksonException {
      opening();
      return super.writeStartArray(forValue, size);
    }

    @Override
    public JsonGenerator writeStartObject() throws JacksonException {
      opening();
      return super.writeStartObject();
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue) throws JacksonException {
      opening();
      return super.writeStartObject(forValue);
    }

    @Override
    public JsonGenerator writeStartObject(Object forValue, int size) throws JacksonException {
      opening();
      return super.writeStartObject(forValue, size);
    }
  }

  private static JsonMapper mapper(boolean fieldsOnly) {
    SimpleModule trees = new SimpleModule("agentguard-foreign-json-trees") {
      @Override
      public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addSerializers(new ForeignTrees());
        context.addSerializers(new SingleUse());
      }
    };
    JsonMapper.Builder b = JsonMapper.builder()
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(SerializationFeature.FAIL_ON_SELF_REFERENCES)
        .annotationIntrospector(new HostFieldsVisible())
        .addModule(trees);
    if (fieldsOnly) {
      b.changeDefaultVisibility(v -> v.withGetterVisibility(Visibility.NONE).withIsGetterVisibility(Visibility.NONE));
    }
    return b.build();
  }

  /** The platform's own classes: their private fields are closed to reflection and meant to be. */
  static boolean isPlatformClass(Class<?> c) {
    ClassLoader loader = c.getClassLoader();
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }

  /**
   * Fields of any visibility count for the host's classes. The host's own Jackson annotations are read by
   * name, as the agent's Jackson is relocated and would not see them: a member marked {@code @JsonIgnore}
   * is left out (a framework neither shows it to the model nor binds it from the model's JSON, and it is
   * often a secret), and {@code @JsonProperty("name")} names the property as the model and the tool's
   * schema know it.
   */
  private static final class HostFieldsVisible extends JacksonAnnotationIntrospector {
    private static final String HOST_JSON_IGNORE = hostJackson("annotation", "JsonIgnore");
    private static final String HOST_JSON_PROPERTY = hostJackson("annotation", "JsonProperty");

    @Override
    public VisibilityChecker findAutoDetectVisibility(MapperConfig<?> config, AnnotatedClass ac,
        VisibilityChecker checker) {
      VisibilityChecker v = super.findAutoDetectVisibility(config, ac, checker);
      return isPlatformClass(ac.getRawType()) ? v : v.withFieldVisibility(Visibility.ANY);
    }

    @Override
    public boolean hasIgnoreMarker(MapperConfig<?> config, AnnotatedMember m) {
      if (super.hasIgnoreMarker(config, m)) {
        return true;
      }
      Annotation ignore = hostAnnotation(m, HOST_JSON_IGNORE);
      return ignore != null && !Boolean.FALSE.equals(valueOf(ignore)); // @JsonIgnore(false) cancels one
    }

    @Override
    public PropertyName findNameForSerialization(MapperConfig<?> config, Annotated a) {
      PropertyName own = super.findNameForSerialization(config, a);
      if (own != null) {
        return own;
      }
      Annotation property = hostAnnotation(a, HOST_JSON_PROPERTY);
      if (property == null) {
        return null;
      }
      return valueOf(property) instanceof String name && !name.isEmpty() ? PropertyName.construct(name)
          : PropertyName.USE_DEFAULT;
    }

    private static Annotation hostAnnotation(Annotated a, String type) {
      AnnotatedElement element = a.getAnnotated();
      if (element == null) {
        return null;
      }
      for (Annotation an : element.getAnnotations()) {
        if (an.annotationType().getName().equals(type)) {
          return an;
        }
      }
      return null;
    }

    private static Object valueOf(Annotation a) {
      try {
        return a.annotationType().getMethod("value").invoke(a);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }

  /** Whether {@code c} or one of its supertypes is a JSON tree of another library. */
  static boolean isForeignTree(Class<?> c) {
    for (Class<?> t = c; t != null && t != Object.class; t = t.getSuperclass()) {
      if (FOREIGN_TREES.contains(t.getName())) {
        return true;
      }
      for (Class<?> i : t.getInterfaces()) {
        if (isForeignTree(i)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Finds {@link ForeignTreeSerializer} for JSON trees, whatever shape (map, list, bean) Jackson gives them. */
  private static final class ForeignTrees implements Serializers {
    private static ValueSerializer<?> of(JavaType type) {
      return isPlatformClass(type.getRawClass()) || !isForeignTree(type.getRawClass()) ? null
          : ForeignTreeSerializer.INSTANCE;
    }

    @Override
    public ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
        BeanDescription.Supplier beanDesc, JsonFormat.Value format) {
      return of(type);
    }

    @Override
    public ValueSerializer<?> findCollectionSerializer(SerializationConfig config, CollectionType type,
        BeanDescription.Supplier beanDesc, JsonFormat.Value format,
        TypeSerializer elementTypeSerializer, ValueSerializer<Object> elementValueSerializer) {
      return of(type);
    }


    @Override
    public ValueSerializer<?> findMapSerializer(SerializationConfig config, MapType type,
        BeanDescription.Supplier beanDesc, JsonFormat.Value format,
        ValueSerializer<Object> keySerializer, TypeSerializer elementTypeSerializer,
        ValueSerializer<Object> elementValueSerializer) {
      return of(type);
    }
  }

  /**
   * Finds {@link UnreadSerializer} for sources that can be read once. An {@code Iterable} that is no
   * collection is one only where Jackson would iterate it, that is where it has no properties: the host's
   * own iterable classes with fields render as objects, as before. A {@code Path} (an iterable of its names)
   * keeps Jackson's own rendering; foreign JSON trees are found first.
   */
  private static final class SingleUse implements Serializers {
    @Override
    public ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
        BeanDescription.Supplier beanDesc, JsonFormat.Value format) {
      Class<?> c = type.getRawClass();
      if (BaseStream.class.isAssignableFrom(c) || Iterator.class.isAssignableFrom(c)
          || Spliterator.class.isAssignableFrom(c) || Enumeration.class.isAssignableFrom(c)) {
        return UnreadSerializer.INSTANCE;
      }
      if (Iterable.class.isAssignableFrom(c) && !Collection.class.isAssignableFrom(c)
          && !Path.class.isAssignableFrom(c) && !isForeignTree(c) && beanDesc.get().findProperties().isEmpty()) {
        return UnreadSerializer.INSTANCE;
      }
      return null;
    }

    @Override
    public ValueSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
        BeanDescription.Supplier beanDesc, JsonFormat.Value format, TypeSerializer contentTypeSerializer,
        ValueSerializer<Object> contentValueSerializer) {
      return findSerializer(config, type, beanDesc, format); // Jackson types streams and iterators as references
    }
  }

  /** Writes a placeholder that names the type of a source it must not read. */
  private static final class UnreadSerializer extends ValueSerializer<Object> {
    static final UnreadSerializer INSTANCE = new UnreadSerializer();

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
      gen.writeString("<unread " + value.getClass().getName() + ": can be read only once>");
    }
  }

  /**
   * Writes a foreign JSON tree as the JSON its {@code toString()} holds (each of those libraries prints its
   * tree as JSON); a text that does not parse is written as a string, so it is still seen.
   */
  private static final class ForeignTreeSerializer extends ValueSerializer<Object> {
    static final ForeignTreeSerializer INSTANCE = new ForeignTreeSerializer();

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
      String json = value.toString();
      JsonNode tree;
      try {
        tree = WITH_GETTERS.readTree(json);
      } catch (JacksonException notJson) {
        tree = null;
      }
      if (tree == null || tree.isMissingNode()) {
        tree = JsonNodeFactory.instance.stringNode(json);
      }
      gen.writeTree(tree);
    }
  }
}
