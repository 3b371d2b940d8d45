package dev.agentguard.samples.supportdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.AgentTool;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** config/support-desk.properties stays in step with the sample: known keys only, real tool names. */
class PolicyFileTest {
  // Surefire runs with the module directory as working directory.
  static final Path POLICY = Path.of("../../config/support-desk.properties");

  private static final Set<String> GLOBAL_KEYS = Set.of("agentguard.mode", "agentguard.failure-mode",
      "agentguard.default-policy", "agentguard.agent-id", "agentguard.principal.sources", "agentguard.audit.file",
      "agentguard.audit.fsync");
  private static final Pattern TOOL_KEY = Pattern.compile(
      "agentguard\\.tool\\.([a-z_]+)\\.(enabled|risk|allow\\.users|allow\\.roles|allow\\.orgs|redact\\.params)");
  private static final List<Class<?>> TOOL_CLASSES = List.of(CustomerDirectory.class, Mailer.class,
      PaymentLedger.class, CaseRecords.class, ReportExporter.class);

  private static Properties policy;

  @BeforeAll
  static void load() throws Exception {
    policy = new Properties();
    try (InputStream in = Files.newInputStream(POLICY)) {
      policy.load(in);
    }
  }

  @Test
  void usesOnlyTheAgreedKeys() {
    List<String> unknown = new ArrayList<>();
    for (String key : policy.stringPropertyNames()) {
      if (!GLOBAL_KEYS.contains(key) && !TOOL_KEY.matcher(key).matches()) {
        unknown.add(key);
      }
    }
    assertEquals(List.of(), unknown);
    assertEquals("deny", policy.getProperty("agentguard.default-policy"));
    assertEquals("sample-apps/support-desk/target/support-desk-audit.jsonl",
        policy.getProperty("agentguard.audit.file"));
  }

  @Test
  void everyToolSectionNamesARealToolAndOnlyTheDefaultDenyDemoHasNone() {
    Set<String> inCode = new TreeSet<>();
    for (Class<?> type : TOOL_CLASSES) {
      for (Method m : type.getDeclaredMethods()) {
        AgentTool tool = m.getAnnotation(AgentTool.class);
        if (tool != null) {
          inCode.add(tool.value());
        }
      }
    }
    Set<String> inPolicy = new TreeSet<>();
    for (String key : policy.stringPropertyNames()) {
      Matcher m = TOOL_KEY.matcher(key);
      if (m.matches()) {
        inPolicy.add(m.group(1));
      }
    }

    assertTrue(inCode.containsAll(inPolicy), "policy names tools the sample lacks: " + inPolicy);
    Set<String> withoutSection = new TreeSet<>(inCode);
    withoutSection.removeAll(inPolicy);
    assertEquals(Set.of("update_customer_email"), withoutSection);
    assertEquals("false", policy.getProperty("agentguard.tool.issue_store_credit.enabled"));
  }

  @Test
  void riskTiersInThePolicyMatchTheAnnotations() {
    for (Class<?> type : TOOL_CLASSES) {
      for (Method m : type.getDeclaredMethods()) {
        AgentTool tool = m.getAnnotation(AgentTool.class);
        String configured = tool == null ? null : policy.getProperty("agentguard.tool." + tool.value() + ".risk");
        if (configured != null) {
          assertEquals(tool.risk().name().toLowerCase(java.util.Locale.ROOT), configured, tool.value());
        }
      }
    }
  }
}
