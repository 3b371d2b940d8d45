package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starts one host JVM with the real agent jar and collects what it printed and wrote. */
public final class HostRun {
  public static final Path AGENT_JAR = Paths.get(System.getProperty("agentguard.test.agentJar",
      "../agent/target/agentguard-agent.jar")).toAbsolutePath().normalize();
  static final Path HOST_CLASSES = Paths.get(System.getProperty("agentguard.test.hostClasses",
      "target/classes")).toAbsolutePath();
  static final Path API_CLASSES = HOST_CLASSES.resolve("../../../annotations/target/classes").normalize();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public final int exitCode;
  public final String stdout;
  public final String stderr;
  public final Path auditFile;
  public final Map<String, String> results = new LinkedHashMap<>();

  private HostRun(int exitCode, String stdout, String stderr, Path auditFile) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.auditFile = auditFile;
    for (String line : stdout.split("\n")) {
      if (line.startsWith("RESULT ")) {
        String[] p = line.split(" ", 3);
        results.put(p[1], p.length > 2 ? p[2] : "");
      }
    }
  }

  /** A builder for one run. */
  public static Builder on(Path java, Path workDir) {
    return new Builder(java, workDir);
  }

  public static final class Builder {
    private final Path java;
    private final Path workDir;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> extraAgents = new ArrayList<>();
    private final List<String> hostLibraries = new ArrayList<>();
    private String config = "";
    private String agentArgs;
    private boolean withAgent = true;
    private boolean apiOnClasspath = true;

    private Builder(Path java, Path workDir) {
      this.java = java;
      this.workDir = workDir;
    }

    /** Properties file content; the audit file is set to the work dir unless given. */
    public Builder config(String properties) {
      this.config = properties;
      return this;
    }

    public Builder agentArgs(String args) {
      this.agentArgs = args;
      return this;
    }

    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    public Builder withoutAgent() {
      withAgent = false;
      return this;
    }

    /** Run the host without the annotations jar: the agent alone must supply the API classes. */
    public Builder withoutApiJar() {
      apiOnClasspath = false;
      return this;
    }

    /** Puts the jars that hold these classes (libraries of the test's own class path) on the host's. */
    public Builder hostLibraries(Class<?>... fromJarsOf) {
      for (Class<?> c : fromJarsOf) {
        try {
          hostLibraries.add(Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (java.net.URISyntaxException e) {
          throw new IllegalArgumentException(c.getName(), e);
        }
      }
      return this;
    }

    public Builder extraAgent(Path jar) {
      extraAgents.add("-javaagent:" + jar);
      return this;
    }

    public HostRun run(String... steps) throws IOException, InterruptedException {
      Files.createDirectories(workDir);
      Path audit = workDir.resolve("audit.jsonl");
      Path props = workDir.resolve("agentguard.properties");
      String content = config.contains("agentguard.audit.file") ? config
          : config + "\nagentguard.audit.file=" + audit.toString().replace("\\", "/") + "\n";
      Files.writeString(props, content);
      List<String> cmd = new ArrayList<>();
      cmd.add(java.toString());
      cmd.add("-Xshare:auto");
      if (withAgent) {
        cmd.add("-javaagent:" + AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs));
        cmd.add("-Dagentguard.config=" + props);
      }
      cmd.addAll(extraAgents);
      cmd.addAll(jvmArgs);
      cmd.add("-cp");
      List<String> classPath = new ArrayList<>(List.of(HOST_CLASSES.toString()));
      if (apiOnClasspath) {
        classPath.add(API_CLASSES.toString());
      }
      classPath.addAll(hostLibraries);
      cmd.add(String.join(File.pathSeparator, classPath));
      cmd.add("dev.agentguard.itest.host.Host");
      cmd.addAll(List.of(steps));
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("AGENTGUARD_"));
      Path out = workDir.resolve("stdout.txt");
      Path err = workDir.resolve("stderr.txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("host JVM did not finish in 120 s: " + cmd);
      }
      return new HostRun(p.exitValue(), Files.readString(out), Files.readString(err), audit);
    }
  }

  /** The run finished normally and Byte Buddy reported no transformation error. */
  public HostRun assertClean() {
    assertFalse(stderr.contains("[agentguard] instrumentation error"), "transformation error:\n" + stderr);
    assertFalse(stderr.contains("could not start"), "agent failed to start:\n" + stderr);
    assertFalse(stderr.contains("internal error"), "agent internal error:\n" + stderr);
    assertEquals(0, exitCode, "host exit code; stderr:\n" + stderr + "\nstdout:\n" + stdout);
    assertTrue(stdout.contains("DONE"), "host did not finish:\n" + stdout);
    return this;
  }

  public String result(String step) {
    String r = results.get(step);
    if (r == null) {
      fail("no RESULT for " + step + " in:\n" + stdout + "\nstderr:\n" + stderr);
    }
    return r;
  }

  public List<JsonNode> audit() throws IOException {
    List<JsonNode> records = new ArrayList<>();
    if (!Files.exists(auditFile)) {
      return records;
    }
    for (String line : Files.readAllLines(auditFile, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        records.add(JSON.readTree(line));
      }
    }
    return records;
  }

  public List<JsonNode> audit(String tool) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : audit()) {
      if (tool.equals(r.get("action").asString())) {
        out.add(r);
      }
    }
    return out;
  }

  /** Runs {@code java -jar agentguard-agent.jar args...} and returns exit code and output. */
  public static String[] cli(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(AGENT_JAR.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("CLI did not finish: " + cmd);
    }
    return new String[] {String.valueOf(p.exitValue()), out};
  }
}
