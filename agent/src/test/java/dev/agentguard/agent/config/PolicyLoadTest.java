package dev.agentguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.Risk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoadTest {
  private static final String UNSUPPORTED = "is not supported by this AgentGuard build yet; remove it or upgrade";

  @TempDir
  Path dir;

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("agentguard.properties"), content);
  }

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static Policy load(String args, Properties props, Map<String, String> env) {
    return Policy.load(ConfigSources.of(args, props, env));
  }

  private Policy loadFile(String content) throws IOException {
    return Policy.load(ConfigSources.fileOnly(file(content)));
  }

  private static List<String> messages(Policy p) {
    return p.errors().stream().map(ConfigError::toString).collect(Collectors.toList());
  }

  private static ConfigError onlyError(Policy p) {
    assertEquals(1, p.errors().size(), messages(p).toString());
    return p.errors().get(0);
  }

  // ---- defaults ----

  @Test
  void defaultsWithNoSourcesAtAll() {
    Policy p = load(null, new Properties(), Map.of("HOSTNAME", "box1"));
    assertFalse(p.broken(), messages(p).toString());
    assertEquals(Mode.ENFORCE, p.mode());
    assertEquals(FailureMode.CLOSED, p.failureMode());
    assertEquals(DefaultPolicy.ALLOW, p.defaultPolicy());
    assertEquals("box1-" + ProcessHandle.current().pid(), p.agentId());
    assertEquals(List.of(new PrincipalSource(PrincipalSource.Kind.CONTEXT, null)), p.principalSources());
    assertEquals(new AuditSettings(Path.of("./agentguard-audit.jsonl"), null, 100L << 20, false), p.audit());
    assertEquals(Set.of("langchain4j", "spring-ai", "mcp"), p.frameworks());
    assertEquals("block", p.injectionInput());
    assertEquals("flag", p.injectionOutput());
    assertNull(p.injectionPatternsFile());
    assertTrue(p.tools().isEmpty());
    assertTrue(p.configuredMethods().isEmpty());
    assertNull(p.configFile());
    assertEquals("enforce", p.raw("agentguard.mode"));
    assertEquals("file", p.raw("agentguard.store"));
    assertNull(p.raw("agentguard.tool.x.risk"));
  }

  @Test
  void agentIdWithoutHostnameVariableIsStillHostPlusPid() {
    Policy p = load(null, new Properties(), Map.of());
    assertTrue(p.agentId().endsWith("-" + ProcessHandle.current().pid()), p.agentId());
    assertFalse(p.agentId().startsWith("-"));
  }

  // ---- a full file ----

  @Test
  void everySupportedKeyIsModelled() throws IOException {
    Path key = Files.writeString(dir.resolve("hmac.key"), "k");
    Path patterns = Files.writeString(dir.resolve("patterns.txt"), "ignore previous");
    Path schema = Files.writeString(dir.resolve("send_email.json"), "{}");
    Policy p = loadFile(String.join("\n",
        "agentguard.mode=monitor",
        "agentguard.failure-mode=open",
        "agentguard.default-policy=deny",
        "agentguard.agent-id=support-bot-1",
        "agentguard.frameworks=mcp",
        "agentguard.principal.sources=mdc:userId, context",
        "agentguard.audit.file=" + dir.resolve("audit.jsonl"),
        "agentguard.audit.hmac-key-file=" + key,
        "agentguard.audit.max-file-size=64MB",
        "agentguard.audit.fsync=always",
        "agentguard.injection.input=flag",
        "agentguard.injection.output=redact",
        "agentguard.injection.patterns-file=" + patterns,
        "agentguard.tool.send_email.method=com.acme.mail.MailService#send(java.lang.String,java.lang.String)",
        "agentguard.tool.send_email.enabled=false",
        "agentguard.tool.send_email.risk=high",
        "agentguard.tool.send_email.allow.users=*,!mallory",
        "agentguard.tool.send_email.allow.roles=support",
        "agentguard.tool.send_email.allow.orgs=acme",
        "agentguard.tool.send_email.redact.params=body,subject",
        "agentguard.tool.send_email.schema=file:" + schema,
        "agentguard.tool.send_email.injection.input=off",
        "agentguard.tool.send_email.injection.output=block",
        "agentguard.tool.send_email.idempotent=true",
        "agentguard.tool.lookup.risk=LOW"));
    assertFalse(p.broken(), messages(p).toString());
    assertEquals(Mode.MONITOR, p.mode());
    assertEquals(FailureMode.OPEN, p.failureMode());
    assertEquals(DefaultPolicy.DENY, p.defaultPolicy());
    assertEquals("support-bot-1", p.agentId());
    assertEquals(Set.of("mcp"), p.frameworks());
    assertEquals(List.of(new PrincipalSource(PrincipalSource.Kind.MDC, "userId"),
        new PrincipalSource(PrincipalSource.Kind.CONTEXT, null)), p.principalSources());
    assertEquals(new AuditSettings(dir.resolve("audit.jsonl"), key, 64L << 20, true), p.audit());
    assertEquals("flag", p.injectionInput());
    assertEquals("redact", p.injectionOutput());
    assertEquals(patterns, p.injectionPatternsFile());

    assertEquals(List.of("lookup", "send_email"), List.copyOf(p.tools().keySet()));
    ToolPolicy t = p.tool("send_email");
    assertEquals("send_email", t.name());
    assertTrue(t.method().matchesType("com.acme.mail.MailService"));
    assertFalse(t.enabled());
    assertEquals(Risk.HIGH, t.risk());
    assertTrue(t.users().admits("alice"));
    assertFalse(t.users().admits("mallory"));
    assertTrue(t.roles().admitsAny(List.of("support")));
    assertTrue(t.orgs().admits("acme"));
    assertEquals(Set.of("body", "subject"), t.redactParams());
    assertEquals("file:" + schema, t.schema());
    assertEquals("off", t.injectionInput());
    assertEquals("block", t.injectionOutput());
    assertEquals(Boolean.TRUE, t.idempotent());
    assertEquals(List.of(t), p.configuredMethods());

    ToolPolicy lookup = p.tool("lookup");
    assertEquals(Risk.LOW, lookup.risk());
    assertTrue(lookup.enabled());
    assertNull(lookup.method());
    assertNull(lookup.users());
    assertNull(lookup.idempotent());
    assertNull(lookup.injectionInput());
    assertTrue(lookup.redactParams().isEmpty());
    assertNull(p.tool("nope"));
    assertEquals(p.audit().file().toString(), p.raw("agentguard.audit.file"));
  }

  // ---- precedence ----

  @Test
  void precedenceAcrossAllFiveSources() throws IOException {
    Path f = file("agentguard.agent-id=from-file\nagentguard.tool.t.risk=low\n");
    Map<String, String> env = Map.of("AGENTGUARD_CONFIG", f.toString(), "AGENTGUARD_AGENT_ID", "from-env",
        "HOSTNAME", "host");
    Properties sys = props("agentguard.agent-id", "from-props");
    assertEquals("from-args", load("agent-id=from-args", sys, env).agentId());
    assertEquals("from-props", load(null, sys, env).agentId());
    assertEquals("from-env", load(null, new Properties(), env).agentId());
    Policy fileOnly = load(null, new Properties(), Map.of("AGENTGUARD_CONFIG", f.toString(), "HOSTNAME", "host"));
    assertEquals("from-file", fileOnly.agentId());
    assertEquals(f.toString(), fileOnly.configFile());
    assertEquals("host-" + ProcessHandle.current().pid(), load(null, new Properties(), Map.of("HOSTNAME", "host")).agentId());
    Policy all = load("agent-id=from-args", sys, env);
    assertFalse(all.broken(), messages(all).toString());
    assertEquals("from-args", all.raw("agentguard.agent-id"));
    assertEquals(Risk.LOW, all.tool("t").risk(), "keys set only in the file still apply");
  }

  @Test
  void configFileIsNamedByTheHighestSource() throws IOException {
    Path a = Files.writeString(dir.resolve("a.properties"), "agentguard.mode=monitor\n");
    Path b = Files.writeString(dir.resolve("b.properties"), "agentguard.mode=off\n");
    Path c = Files.writeString(dir.resolve("c.properties"), "agentguard.default-policy=deny\n");
    Map<String, String> env = Map.of("AGENTGUARD_CONFIG", c.toString());
    Policy byArgs = load("config=" + a, props("agentguard.config", b.toString()), env);
    assertEquals(Mode.MONITOR, byArgs.mode());
    assertEquals(DefaultPolicy.ALLOW, byArgs.defaultPolicy(), "only one file is read");
    assertEquals(a.toString(), byArgs.configFile());
    assertEquals(Mode.OFF, load(null, props("agentguard.config", b.toString()), env).mode());
    assertEquals(DefaultPolicy.DENY, load(null, new Properties(), env).defaultPolicy());
  }

  @Test
  void aBadValueInAnOverriddenSourceIsStillReported() throws IOException {
    Path f = file("agentguard.mode=sometimes\n");
    Policy p = load("mode=monitor", props("agentguard.config", f.toString()), Map.of());
    assertEquals(Mode.MONITOR, p.mode());
    ConfigError e = onlyError(p);
    assertEquals(f + ":1: agentguard.mode: 'sometimes' is not one of enforce, monitor, off", e.toString());
  }

  @Test
  void aBadWinningValueFallsBackToTheDefaultAndBreaksThePolicy() throws IOException {
    Policy p = loadFile("agentguard.mode=sometimes\nagentguard.tool.x.risk=extreme\n");
    assertTrue(p.broken());
    assertEquals(Mode.ENFORCE, p.mode());
    assertNotNull(p.tool("x"), "the tool section still exists");
    assertNull(p.tool("x").risk());
    assertEquals("extreme", p.raw("agentguard.tool.x.risk"));
  }

  // ---- agent arguments ----

  @Test
  void agentArgumentsWithAndWithoutPrefixAndCommaContinuation() {
    Policy p = load("mode=monitor,tool.refund.allow.users=alice,bob, carol,agentguard.failure-mode=open,"
        + "tool.refund.redact.params=iban,card", new Properties(), Map.of());
    assertFalse(p.broken(), messages(p).toString());
    assertEquals(Mode.MONITOR, p.mode());
    assertEquals(FailureMode.OPEN, p.failureMode());
    ToolPolicy t = p.tool("refund");
    assertTrue(t.users().admits("alice") && t.users().admits("bob") && t.users().admits("carol"));
    assertEquals(Set.of("iban", "card"), t.redactParams());
    assertEquals("alice,bob, carol", p.raw("agentguard.tool.refund.allow.users"));
  }

  @Test
  void agentArgumentsConfigNamesTheFile() throws IOException {
    Path f = file("agentguard.default-policy=deny\n");
    Policy p = load("config=" + f, new Properties(), Map.of());
    assertEquals(DefaultPolicy.DENY, p.defaultPolicy());
    assertEquals(f.toString(), p.configFile());
  }

  @Test
  void agentArgumentErrors() {
    Policy p = load("nonsense,mode=off,mode=monitor,=x", new Properties(), Map.of());
    assertEquals(List.of(
            "agent arguments: nonsense: expected key=value",
            "agent arguments: agentguard.mode: given twice in the agent arguments; keep one",
            "agent arguments: (empty key): '=x' has no key before '='"),
        messages(p));
  }

  // ---- environment ----

  @Test
  void environmentMapsRelaxedNamesToKeys() {
    Policy p = load(null, new Properties(), Map.of(
        "AGENTGUARD_FAILURE_MODE", "open",
        "AGENTGUARD_AUDIT_MAX_FILE_SIZE", "1GB",
        "AGENTGUARD_DEFAULTPOLICY", "deny",
        "AGENTGUARD_PRINCIPAL_SOURCES", "baggage:enduser.id",
        "PATH", "/usr/bin",
        "agentguard_mode", "monitor"));
    assertFalse(p.broken(), messages(p).toString());
    assertEquals(FailureMode.OPEN, p.failureMode());
    assertEquals(1L << 30, p.audit().maxFileSizeBytes());
    assertEquals(DefaultPolicy.DENY, p.defaultPolicy());
    assertEquals(Mode.MONITOR, p.mode());
    assertEquals(PrincipalSource.Kind.BAGGAGE, p.principalSources().get(0).kind());
  }

  @Test
  void environmentPerToolTakesTheLongestKeySuffixAndMatchesKnownToolNames() throws IOException {
    Path f = file("agentguard.tool.sendEmail.risk=high\n");
    Map<String, String> env = new HashMap<>();
    env.put("AGENTGUARD_CONFIG", f.toString());
    env.put("AGENTGUARD_TOOL_SEND_EMAIL_ALLOW_USERS", "bob");
    env.put("AGENTGUARD_TOOL_MY_TOOL_RISK", "critical");
    env.put("AGENTGUARD_TOOL_REFUND_RATE_LIMIT_PER", "user");
    env.put("AGENTGUARD_TOOL_FETCH_INJECTION_OUTPUT", "block");
    Policy p = load(null, new Properties(), env);
    assertFalse(p.broken(), messages(p).toString());
    assertTrue(p.tool("sendEmail").users().admits("bob"), "relaxed match against the file's tool name");
    assertEquals(Risk.HIGH, p.tool("sendEmail").risk());
    assertEquals(Risk.CRITICAL, p.tool("my_tool").risk(), "unknown names are lower-cased");
    assertEquals("user", p.raw("agentguard.tool.refund.rate-limit.per"), "rate-limit.per beats a tool 'refund_rate'");
    assertEquals("block", p.tool("fetch").injectionOutput());
  }

  @Test
  void environmentVariableThatMapsToNothingIsAnErrorNamingIt() {
    Policy p = load(null, new Properties(), Map.of("AGENTGUARD_FAILUR_MODE", "open", "AGENTGUARD_COLOUR", "red",
        "AGENTGUARD_TOOL_X", "1"));
    assertEquals(List.of(
            "environment: AGENTGUARD_COLOUR: matches no AgentGuard key",
            "environment: AGENTGUARD_FAILUR_MODE: matches no AgentGuard key; did you mean AGENTGUARD_FAILURE_MODE?",
            "environment: AGENTGUARD_TOOL_X: matches no AgentGuard key"),
        messages(p));
  }

  @Test
  void environmentValueErrorsNameTheVariable() {
    Policy p = load(null, new Properties(), Map.of("AGENTGUARD_MODE", "loud"));
    assertEquals("env AGENTGUARD_MODE: agentguard.mode: 'loud' is not one of enforce, monitor, off",
        onlyError(p).toString());
  }

  @Test
  void twoVariablesForOneKeyIsAnError() {
    Policy p = load(null, new Properties(), Map.of("AGENTGUARD_FAILURE_MODE", "open", "AGENTGUARD_FAILUREMODE", "open"));
    assertTrue(onlyError(p).message().contains("also set by AGENTGUARD_FAILUREMODE"), messages(p).toString());
  }

  // ---- system properties ----

  @Test
  void onlyAgentguardSystemPropertiesAreRead() {
    Policy p = load(null, props("agentguard.mode", "off", "java.version", "17", "agentguard.moed", "x"), Map.of());
    assertEquals(Mode.OFF, p.mode());
    assertEquals("system properties: agentguard.moed: unknown key; did you mean agentguard.mode?",
        onlyError(p).toString());
  }

  // ---- validation ----

  @Test
  void badValueNamesFileLineKeyAndAllowedValues() throws IOException {
    Path f = file("# refunds\n\nagentguard.tool.refund.risk=extreme\n");
    ConfigError e = onlyError(load(null, props("agentguard.config", f.toString()), Map.of()));
    assertEquals(new ConfigError("agentguard.tool.refund.risk", f.toString(), 3,
        "'extreme' is not one of low, medium, high, critical"), e);
    assertEquals(f + ":3: agentguard.tool.refund.risk: 'extreme' is not one of low, medium, high, critical",
        e.toString());
  }

  @Test
  void allErrorsAreReportedInLineOrder() throws IOException {
    Policy p = loadFile(String.join("\n",
        "agentguard.mode=loud",
        "agentguard.audit.max-file-size=lots",
        "agentguard.tool.a.enabled=yes",
        "agentguard.tool.a.method=not a pattern",
        "agentguard.tool.b.allow.role=x",
        "agentguard.principal.sources=header:x",
        "agentguard.audit.hmac-key-file=" + dir.resolve("missing.key"),
        "agentguard.tool.c.schema=file:" + dir.resolve("missing.json"),
        "agentguard.injection.patterns-file=" + dir.resolve("missing.txt")));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), p.errors().stream().map(ConfigError::line).toList(),
        messages(p).toString());
    assertTrue(p.configuredMethods().isEmpty(), "a malformed method= configures nothing");
    assertTrue(p.errors().get(6).message().startsWith("file not found: "), p.errors().get(6).message());
  }

  @Test
  void unknownKeysGetAHintWhenAKnownKeyIsClose() throws IOException {
    Policy p = loadFile(String.join("\n",
        "agentguard.tool.refund.allow.role=finance",
        "agentguard.failure-mod=open",
        "agentguard.tools.refund.risk=low",
        "mode=monitor",
        "agentguard.completely.different=1",
        "agentguard.tool.refund.sandbox.file.read=/tmp/*"));
    assertEquals(List.of(
            "unknown key; did you mean agentguard.tool.refund.allow.roles?",
            "unknown key; did you mean agentguard.failure-mode?",
            "unknown key; did you mean agentguard.tool.refund.risk?",
            "unknown key; did you mean agentguard.mode?",
            "unknown key",
            "unknown key; did you mean agentguard.tool.refund.sandbox.files.read?"),
        p.errors().stream().map(ConfigError::message).toList());
    assertTrue(p.tools().isEmpty(), "unknown keys make no tool section");
  }

  @Test
  void duplicateKeyInTheFileNamesBothLines() throws IOException {
    Policy p = loadFile("agentguard.mode=monitor\nagentguard.tool.x.risk=low\nagentguard.mode=enforce\n");
    ConfigError e = onlyError(p);
    assertEquals("agentguard.mode", e.key());
    assertEquals(3, e.line());
    assertEquals("defined twice, on line 1 and again on line 3; keep one", e.message());
  }

  @Test
  void missingConfigFileIsAnErrorOnAgentguardConfig() {
    Path missing = dir.resolve("nope.properties");
    Policy p = load(null, props("agentguard.config", missing.toString()), Map.of());
    ConfigError e = onlyError(p);
    assertEquals("agentguard.config", e.key());
    assertEquals("system properties", e.source());
    assertTrue(e.message().contains("no such file"), e.message());
    assertEquals(missing.toString(), p.configFile());
    assertEquals(Mode.ENFORCE, p.mode());

    ConfigError fromEnv = onlyError(load(null, new Properties(), Map.of("AGENTGUARD_CONFIG", missing.toString())));
    assertEquals("env AGENTGUARD_CONFIG", fromEnv.source());
    ConfigError directory = onlyError(load(null, props("agentguard.config", dir.toString()), Map.of()));
    assertTrue(directory.message().contains("directory"), directory.message());
  }

  @Test
  void theFileCannotNameAnotherFile() throws IOException {
    ConfigError e = onlyError(loadFile("agentguard.config=other.properties\n"));
    assertEquals("agentguard.config", e.key());
    assertEquals(1, e.line());
  }

  @Test
  void toolNamesWithDotsAndSpaces() {
    Policy p = load("tool.mail.send.risk=low", new Properties(), Map.of());
    assertEquals(Risk.LOW, p.tool("mail.send").risk());
    Policy spaced = load(null, props("agentguard.tool.two words.risk", "low"), Map.of());
    assertTrue(onlyError(spaced).message().contains("must not contain spaces"), messages(spaced).toString());
    Policy wildcard = load(null, props("agentguard.tool.*.allow.users", "alice"), Map.of());
    assertTrue(onlyError(wildcard).message().contains("no wildcard sections"), messages(wildcard).toString());
    assertTrue(wildcard.tools().isEmpty());
  }

  @Test
  void anEmptyConfigReferenceIsReportedOnce() {
    Policy p = load("config=", new Properties(), Map.of());
    assertEquals("agent arguments: agentguard.config: no value; expected a file path", onlyError(p).toString());
    assertNull(p.configFile());
  }

  // ---- keys of features not built yet ----

  @Test
  void notYetSupportedKeysAreRejected() throws IOException {
    Policy p = loadFile(String.join("\n",
        "agentguard.tool.refund.timeout=10s",
        "agentguard.tool.refund.rate-limit=50/1h",
        "agentguard.console.port=8080",
        "agentguard.approval.webhook=https://hooks.acme.com/x",
        "agentguard.rule.big.when=args.amount > 1000",
        "agentguard.anomaly.cost.threshold=5",
        "agentguard.pii.output=redact",
        "agentguard.store=redis",
        "agentguard.tool.refund.sandbox.network=allow"));
    List<String> m = messages(p);
    assertEquals(9, m.size(), m.toString());
    assertEquals(dir.resolve("agentguard.properties") + ":1: agentguard.tool.refund.timeout: "
        + "agentguard.tool.refund.timeout " + UNSUPPORTED, m.get(0));
    for (ConfigError e : p.errors()) {
      assertTrue(e.message().equals(e.key() + " " + UNSUPPORTED), e.toString());
    }
    assertNotNull(p.tool("refund"), "the section exists even though its keys are refused");
  }

  @Test
  void notYetSupportedKeysWithABadValueGetBothErrors() throws IOException {
    Policy p = loadFile("agentguard.tool.refund.timeout=soon\n");
    assertEquals(List.of(
            "'soon' is not a duration (a whole number and a unit: 500ms, 30s, 5m, 1h or 1d)",
            "agentguard.tool.refund.timeout " + UNSUPPORTED),
        p.errors().stream().map(ConfigError::message).toList());
  }

  @Test
  void defaultAndOffValuesOfNotYetSupportedKeysAreAccepted() throws IOException {
    Policy p = loadFile(String.join("\n",
        "agentguard.console.port=0",
        "agentguard.console.bind=127.0.0.1",
        "agentguard.otel.enabled=false",
        "agentguard.audit.otel-logs=false",
        "agentguard.pii.app-logs=FALSE",
        "agentguard.pii.output=off",
        "agentguard.store=file",
        "agentguard.store.dir=agentguard-state",
        "agentguard.approval.mode=block",
        "agentguard.approval.timeout=60m",
        "agentguard.sandbox.default=allow",
        "agentguard.risk.high.approval=none",
        "agentguard.frameworks=langchain4j,spring-ai",
        "agentguard.tool.refund.journal=false",
        "agentguard.tool.refund.journal.ttl=1d",
        "agentguard.tool.refund.retry.max-attempts=1",
        "agentguard.tool.refund.rate-limit.per=user",
        "agentguard.tool.refund.approval=none",
        "agentguard.tool.refund.pii.output=off"));
    assertFalse(p.broken(), messages(p).toString());
    assertEquals(Set.of("langchain4j", "spring-ai"), p.frameworks());
    Policy on = loadFile("agentguard.otel.enabled=true\nagentguard.frameworks=\n");
    assertFalse(on.broken(), messages(on).toString());
    assertEquals(Set.of(), on.frameworks(), "an empty list turns every framework off");
  }

  @Test
  void aSyntaxErrorInANotYetSupportedKeyIsStillASyntaxError() throws IOException {
    Policy p = loadFile("agentguard.console.port=http\n");
    assertTrue(p.errors().get(0).message().contains("'http' is not a whole number from 0 to 65535"),
        messages(p).toString());
  }

  // ---- method= ----

  @Test
  void configuredMethodsAreTheToolsWithAValidMethod() throws IOException {
    Policy p = loadFile(String.join("\n",
        "agentguard.tool.a.method=com.acme.A#run",
        "agentguard.tool.b.risk=low",
        "agentguard.tool.c.method=com.acme.C#call(int,..)"));
    assertFalse(p.broken(), messages(p).toString());
    assertEquals(List.of("a", "c"), p.configuredMethods().stream().map(ToolPolicy::name).toList());
    assertTrue(p.tool("c").method().matchesMethod("call", List.of("int", "long")));
  }

  @Test
  void checkConfigSourcesIgnoreTheProcessEnvironment() throws IOException {
    Path f = file("agentguard.mode=monitor\n");
    Policy p = Policy.load(ConfigSources.fileOnly(f));
    assertEquals(Mode.MONITOR, p.mode());
    assertEquals(f.toString(), p.configFile());
    ConfigError missing = onlyError(Policy.load(ConfigSources.fileOnly(dir.resolve("none.properties"))));
    assertEquals(dir.resolve("none.properties").toString(), missing.source());
    assertEquals("agentguard.config", missing.key());
  }

  @Test
  void loadingFromTheRealJvmNeverThrows() {
    Policy p = Policy.load(ConfigSources.fromJvm("mode=monitor"));
    assertEquals(Mode.MONITOR, p.mode());
  }
}
