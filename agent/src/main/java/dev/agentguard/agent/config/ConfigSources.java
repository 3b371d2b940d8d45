package dev.agentguard.agent.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The raw inputs of a configuration load (agent arguments, {@code agentguard.*} system properties,
 * {@code AGENTGUARD_*} environment variables), captured once so that tests can inject them and
 * {@link Policy#load} reads nothing else from the JVM. Only the entries AgentGuard owns are kept.
 */
public final class ConfigSources {
  private final String agentArgs;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;
  private final String hostName;
  private final Path file;

  private ConfigSources(String agentArgs, Map<String, String> systemProperties, Map<String, String> environment,
      String hostName, Path file) {
    this.agentArgs = agentArgs;
    this.systemProperties = systemProperties;
    this.environment = environment;
    this.hostName = hostName;
    this.file = file;
  }

  /** The running JVM's agent arguments, system properties and environment. */
  public static ConfigSources fromJvm(String agentArgs) {
    Properties props;
    Map<String, String> env;
    try {
      props = System.getProperties();
    } catch (SecurityException e) {
      props = new Properties();
    }
    try {
      env = System.getenv();
    } catch (SecurityException e) {
      env = Map.of();
    }
    return of(agentArgs, props, env);
  }

  /** Explicit inputs; {@code sysProps} and {@code env} may hold anything, only AgentGuard's entries are read. */
  public static ConfigSources of(String agentArgs, Properties sysProps, Map<String, String> env) {
    Map<String, String> props = new TreeMap<>();
    if (sysProps != null) {
      for (String name : sysProps.stringPropertyNames()) {
        if (name.startsWith(Keys.PREFIX)) {
          props.put(name, sysProps.getProperty(name));
        }
      }
    }
    Map<String, String> vars = new TreeMap<>();
    String hostName = null;
    if (env != null) {
      for (Map.Entry<String, String> e : env.entrySet()) {
        if (e.getKey().regionMatches(true, 0, EnvironmentMapping.ENV_PREFIX, 0, EnvironmentMapping.ENV_PREFIX.length())) {
          vars.put(e.getKey(), e.getValue());
        }
      }
      hostName = env.get("HOSTNAME");
    }
    return new ConfigSources(agentArgs, Collections.unmodifiableMap(props), Collections.unmodifiableMap(vars),
        hostName, null);
  }

  /** Just this properties file and the defaults, as {@code check-config FILE} judges it. */
  public static ConfigSources fileOnly(Path file) {
    return new ConfigSources(null, Map.of(), Map.of(), null, file);
  }

  String agentArgs() {
    return agentArgs;
  }

  /** {@code agentguard.*} system properties, sorted by name. */
  Map<String, String> systemProperties() {
    return systemProperties;
  }

  /** {@code AGENTGUARD_*} variables, sorted by name. */
  Map<String, String> environment() {
    return environment;
  }

  /** {@code HOSTNAME} from the environment, or null. */
  String hostName() {
    return hostName;
  }

  /** The file given to {@link #fileOnly}, or null. */
  Path file() {
    return file;
  }
}
