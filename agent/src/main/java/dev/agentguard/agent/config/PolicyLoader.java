package dev.agentguard.agent.config;

import dev.agentguard.Risk;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link Policy} from {@link ConfigSources}: reads the sources, finds the properties file, checks
 * every entry of every source against the key table ({@link Keys}), applies precedence (agent arguments,
 * system properties, environment, file, defaults) and turns the winning values into the policy model.
 * Every problem becomes a {@link ConfigError}; nothing is thrown.
 */
final class PolicyLoader {
  static final String SYSTEM_PROPERTIES = "system properties";
  private static final String UNSUPPORTED = " is not supported by this AgentGuard build yet; remove it or upgrade";

  /** One entry that names a known key, with its parsed value ({@code null} if the value is invalid). */
  private record Setting(ConfigEntry entry, Keys.Match match, Object value) {}

  private final ConfigSources sources;
  private final List<ConfigError> errors = new ArrayList<>();

  private PolicyLoader(ConfigSources sources) {
    this.sources = sources;
  }

  static Policy load(ConfigSources sources) {
    try {
      return new PolicyLoader(sources).run();
    } catch (Throwable t) { // a bug here must not take the host down: refuse tools instead (broken policy)
      return fallback(t);
    }
  }

  private Policy run() {
    List<ConfigEntry> args = AgentArguments.parse(sources.agentArgs(), errors);
    List<ConfigEntry> props = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.systemProperties().entrySet()) {
      props.add(new ConfigEntry(e.getKey(), e.getValue(), SYSTEM_PROPERTIES, 0));
    }
    ConfigEntry fileRef = fileReference(args, props);
    List<ConfigEntry> file = fileRef == null ? List.of() : readFile(fileRef);
    List<ConfigEntry> env = EnvironmentMapping.map(sources.environment(), namesIn(args, props, file), errors);

    Map<String, Setting> effective = new LinkedHashMap<>();
    for (List<ConfigEntry> source : List.of(args, props, env, file)) { // highest precedence first
      for (ConfigEntry e : source) {
        Setting s = check(e, source == file);
        if (s != null) {
          effective.putIfAbsent(e.key(), s);
        }
      }
    }
    if (errors.size() > 1) {
      // One bad file reference can be reported by both the file reader and the key check: say it once.
      List<ConfigError> distinct = new ArrayList<>(new LinkedHashSet<>(errors));
      errors.clear();
      errors.addAll(distinct);
      errors.sort(Comparator.comparingInt(PolicyLoader::rank).thenComparingInt(ConfigError::line));
    }
    String configFile = fileRef == null ? null : Values.trim(fileRef.value());
    return build(effective, configFile == null || configFile.isEmpty() ? null : configFile);
  }

  /** The entry naming the properties file: agent arguments, system property, environment, or check-config. */
  private ConfigEntry fileReference(List<ConfigEntry> args, List<ConfigEntry> props) {
    for (List<ConfigEntry> source : List.of(args, props)) {
      for (ConfigEntry e : source) {
        if (e.key().equals(Keys.CONFIG)) {
          return e;
        }
      }
    }
    for (Map.Entry<String, String> v : sources.environment().entrySet()) {
      if (EnvironmentMapping.isConfigVariable(v.getKey())) {
        return new ConfigEntry(Keys.CONFIG, v.getValue(), "env ".concat(v.getKey()), 0);
      }
    }
    if (sources.file() != null) {
      return new ConfigEntry(Keys.CONFIG, sources.file().toString(), sources.file().toString(), 0);
    }
    return null;
  }

  private List<ConfigEntry> readFile(ConfigEntry fileRef) {
    Path path;
    try {
      path = Values.parsePath(fileRef.value());
    } catch (IllegalArgumentException e) {
      errors.add(fileRef.error(e.getMessage()));
      return List.of();
    }
    String fileSource = Values.trim(fileRef.value());
    String text;
    try {
      text = PropertiesFile.read(path);
    } catch (IOException | SecurityException e) {
      errors.add(fileRef.error("cannot read " + path + ": "
          + (e instanceof IOException io ? IoReason.of(io, path) : e.getMessage())));
      return List.of();
    }
    return PropertiesFile.parse(text, fileSource, errors);
  }

  /** Per family prefix, the names the sources spell out (relaxed form to name), for the environment mapping. */
  private static Map<String, Map<String, String>> namesIn(List<ConfigEntry> args, List<ConfigEntry> props,
      List<ConfigEntry> file) {
    Map<String, Map<String, String>> names = new HashMap<>();
    for (List<ConfigEntry> source : List.of(args, props, file)) {
      for (ConfigEntry e : source) {
        Keys.Match m = Keys.lookup(e.key());
        if (m != null && m.name() != null) {
          Map<String, String> family = names.get(m.spec().prefix());
          if (family == null) {
            family = new HashMap<>();
            names.put(m.spec().prefix(), family);
          }
          family.putIfAbsent(Keys.relaxed(m.name()), m.name());
        }
      }
    }
    return names;
  }

  /** Checks one entry: known key, sensible name, valid value, supported (or inert). Null if the key is unusable. */
  private Setting check(ConfigEntry e, boolean fromFile) {
    Keys.Match m = Keys.lookup(e.key());
    if (m == null) {
      String hint = Keys.suggest(e.key());
      errors.add(e.error("unknown key" + (hint == null ? "" : "; did you mean " + hint + "?")));
      return null;
    }
    if (m.name() != null && (!isName(m.name()) || m.name().indexOf('*') >= 0)) {
      errors.add(e.error("the name " + Values.quote(m.name()) + " must not contain spaces, control characters "
          + "or * (there are no wildcard sections; agentguard.default-policy covers tools without one)"));
      return null;
    }
    if (fromFile && e.key().equals(Keys.CONFIG)) {
      errors.add(e.error("a properties file cannot name the file to load; set -Dagentguard.config=... or "
          + "AGENTGUARD_CONFIG instead"));
      return null;
    }
    KeySpec spec = m.spec();
    Object value = null;
    try {
      value = spec.parse(e.value());
    } catch (RuntimeException bad) { // IllegalArgumentException by contract; anything else is still a bad value
      errors.add(e.error(bad.getMessage() != null ? bad.getMessage()
          : Values.quote(Values.trim(e.value())) + " is not valid (" + bad.getClass().getSimpleName() + ")"));
    }
    if (!spec.supported() && (value == null || !spec.isInert(value))) {
      errors.add(e.error(e.key() + UNSUPPORTED));
    }
    return new Setting(e, m, value);
  }

  private static boolean isName(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (Character.isWhitespace(name.charAt(i)) || Character.isISOControl(name.charAt(i))) {
        return false;
      }
    }
    return !name.isEmpty();
  }

  /** Errors are listed source by source in precedence order, the file's by line. */
  private static int rank(ConfigError e) {
    String s = e.source();
    if (s.equals(AgentArguments.SOURCE)) {
      return 0;
    }
    if (s.equals(SYSTEM_PROPERTIES)) {
      return 1;
    }
    if (s.equals(EnvironmentMapping.SOURCE) || s.startsWith("env ")) {
      return 2;
    }
    return 3;
  }

  private Policy build(Map<String, Setting> effective, String configFile) {
    Map<String, String> raw = new HashMap<>();
    Map<String, ConfigEntry> origins = new HashMap<>();
    Map<String, Map<String, Object>> toolValues = new TreeMap<>();
    for (Setting s : effective.values()) {
      raw.put(s.entry().key(), Values.trim(s.entry().value()));
      origins.put(s.entry().key(), s.entry());
      if (s.match().spec().prefix().equals(Keys.TOOL_PREFIX)) {
        Map<String, Object> values = toolValues.get(s.match().name());
        if (values == null) {
          values = new HashMap<>();
          toolValues.put(s.match().name(), values);
        }
        if (s.value() != null) {
          values.put(s.match().spec().suffix(), s.value());
        }
      }
    }
    for (KeySpec k : Keys.ALL) {
      if (!k.templated() && k.defaultValue() != null) {
        raw.putIfAbsent(k.prefix(), k.defaultValue());
      }
    }
    String agentId = (String) value(effective, "agentguard.agent-id");
    if (agentId == null) {
      agentId = defaultAgentId(sources.hostName());
      raw.put("agentguard.agent-id", agentId);
    }

    Map<String, ToolPolicy> tools = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> t : toolValues.entrySet()) {
      tools.put(t.getKey(), tool(t.getKey(), t.getValue()));
    }

    @SuppressWarnings("unchecked")
    List<PrincipalSource> principals = (List<PrincipalSource>) value(effective, "agentguard.principal.sources");
    @SuppressWarnings("unchecked")
    Set<String> frameworks = (Set<String>) value(effective, "agentguard.frameworks");
    AuditSettings audit = new AuditSettings((Path) value(effective, "agentguard.audit.file"),
        (Path) value(effective, "agentguard.audit.hmac-key-file"),
        (Long) value(effective, "agentguard.audit.max-file-size"),
        "always".equals(value(effective, "agentguard.audit.fsync")));
    return new Policy(
        constant(Mode.values(), value(effective, "agentguard.mode")),
        constant(FailureMode.values(), value(effective, "agentguard.failure-mode")),
        constant(DefaultPolicy.values(), value(effective, "agentguard.default-policy")),
        agentId, principals, audit, frameworks,
        (String) value(effective, "agentguard.injection.input"),
        (String) value(effective, "agentguard.injection.output"),
        (Path) value(effective, "agentguard.injection.patterns-file"),
        new InjectionThresholds((Double) value(effective, "agentguard.injection.input-threshold"),
            (Double) value(effective, "agentguard.injection.output-threshold")),
        Collections.unmodifiableMap(tools), errors, configFile, raw, origins);
  }

  private static ToolPolicy tool(String name, Map<String, Object> v) {
    Object redact = v.get("redact.params");
    Object documents = v.get("injection.documents");
    Object risk = v.get("risk");
    Object enabled = v.get("enabled");
    return new ToolPolicy(name, (MethodPattern) v.get("method"), enabled == null || (Boolean) enabled,
        risk == null ? null : constant(Risk.values(), risk),
        (AllowList) v.get("allow.users"), (AllowList) v.get("allow.roles"), (AllowList) v.get("allow.orgs"),
        redact == null ? Set.of() : new LinkedHashSet<>(strings(redact)),
        (String) v.get("schema"), (String) v.get("injection.input"), (String) v.get("injection.output"),
        documents == null ? Set.of() : new LinkedHashSet<>(strings(documents)),
        new InjectionThresholds((Double) v.get("injection.input-threshold"), (Double) v.get("injection.output-threshold")),
        (Boolean) v.get("idempotent"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return (List<String>) list;
  }

  /** The winning valid value of a global key, else its parsed default, else null. */
  private static Object value(Map<String, Setting> effective, String key) {
    Setting s = effective.get(key);
    if (s != null && s.value() != null) {
      return s.value();
    }
    KeySpec k = Keys.global(key);
    return k.defaultValue() == null ? null : k.parse(k.defaultValue());
  }

  /** The enum constant for a parsed choice ({@code "enforce"} to ENFORCE), without Enum.valueOf's reflection. */
  private static <E extends Enum<E>> E constant(E[] constants, Object choice) {
    for (E c : constants) {
      if (c.name().equalsIgnoreCase((String) choice)) {
        return c;
      }
    }
    throw new IllegalStateException("no constant for " + choice); // the key table and the enums disagree
  }

  /** Host name (from HOSTNAME or /etc/hostname, never DNS: this runs in premain) + "-" + pid. */
  static String defaultAgentId(String hostNameFromEnv) {
    String host = hostNameFromEnv == null ? "" : hostNameFromEnv.trim();
    if (host.isEmpty()) {
      try (BufferedReader r = Files.newBufferedReader(Path.of("/etc/hostname"), StandardCharsets.UTF_8)) {
        String first = r.readLine();
        host = first == null ? "" : first.trim();
      } catch (IOException | RuntimeException e) {
        host = "";
      }
    }
    if (host.isEmpty() || !isName(host)) {
      host = "localhost";
    }
    return host.concat("-").concat(Long.toString(pid()));
  }

  /** Reads /proc/self on Linux (about 2 ms) before ProcessHandle (about 15 ms of premain, measured on JDK 17). */
  private static long pid() {
    try {
      return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
    } catch (IOException | RuntimeException notLinux) {
      return ProcessHandle.current().pid();
    }
  }

  /** The policy for a loader bug: defaults, and one error so that the policy counts as broken. */
  private static Policy fallback(Throwable t) {
    List<ConfigError> errors = List.of(new ConfigError(Keys.CONFIG, "agentguard", 0,
        "internal error while loading the configuration (" + t.getClass().getSimpleName()
            + (t.getMessage() == null ? "" : ": " + t.getMessage()) + "); please report it"));
    String agentId;
    try {
      agentId = defaultAgentId(null);
    } catch (Throwable again) {
      agentId = "localhost";
    }
    return new Policy(Mode.ENFORCE, FailureMode.CLOSED, DefaultPolicy.ALLOW, agentId,
        List.of(new PrincipalSource(PrincipalSource.Kind.CONTEXT, null)),
        new AuditSettings(Path.of("./agentguard-audit.jsonl"), null, 100L << 20, false),
        Set.of("langchain4j", "spring-ai", "mcp"), "block", "flag", null, InjectionThresholds.NONE, Map.of(), errors,
        null, Map.of(), Map.of());
  }
}
