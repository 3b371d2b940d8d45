package dev.agentguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysTest {
  /** Every key SPEC §5 documents, with a sample name where the key has one. */
  private static final List<String> SPEC_KEYS = List.of(
      "mode", "failure-mode", "default-policy", "agent-id", "frameworks", "principal.sources", "audit.file",
      "audit.hmac-key-file", "audit.max-file-size", "audit.fsync", "store", "store.dir", "store.redis.uri",
      "console.port", "console.bind", "console.user.ops.token-sha256", "console.user.ops.roles", "approval.mode",
      "approval.timeout", "approval.webhook", "injection.input", "injection.output", "injection.patterns-file",
      "pii.output", "pii.types", "risk.low.approval", "risk.medium.approval", "risk.high.approval",
      "risk.critical.approval", "rule.r1.when", "rule.r1.action", "anomaly.spend.window", "otel.enabled",
      "audit.otel-logs", "pii.app-logs", "halt-file", "sandbox.default",
      "tool.t.method", "tool.t.enabled", "tool.t.risk", "tool.t.allow.users", "tool.t.allow.roles",
      "tool.t.allow.orgs", "tool.t.approval", "tool.t.approval.quorum", "tool.t.approval.roles", "tool.t.schema",
      "tool.t.rate-limit", "tool.t.rate-limit.per", "tool.t.concurrency", "tool.t.cost", "tool.t.budget",
      "tool.t.budget.per", "tool.t.timeout", "tool.t.circuit-breaker.failure-rate",
      "tool.t.circuit-breaker.min-calls", "tool.t.circuit-breaker.open-for", "tool.t.retry.max-attempts",
      "tool.t.retry.backoff", "tool.t.redact.params", "tool.t.idempotent", "tool.t.journal", "tool.t.journal.ttl",
      "tool.t.fallback", "tool.t.injection.input", "tool.t.injection.output", "tool.t.pii.output",
      "tool.t.sandbox.network", "tool.t.sandbox.files.read", "tool.t.sandbox.files.write",
      "tool.t.sandbox.files.delete", "tool.t.sandbox.exec", "tool.t.sandbox.sql.tables",
      "tool.t.sandbox.sql.operations", "tool.t.sandbox.sql.max-rows", "tool.t.sandbox.max-allocation");

  private static final Set<String> BUILT = Set.of(
      "mode", "failure-mode", "default-policy", "agent-id", "frameworks", "principal.sources", "audit.file",
      "audit.hmac-key-file", "audit.max-file-size", "audit.fsync", "injection.input", "injection.output",
      "injection.patterns-file", "tool.t.method", "tool.t.enabled", "tool.t.risk", "tool.t.allow.users",
      "tool.t.allow.roles", "tool.t.allow.orgs", "tool.t.redact.params", "tool.t.schema", "tool.t.injection.input",
      "tool.t.injection.output", "tool.t.idempotent");

  @Test
  void everySpecKeyIsKnownAndOnlyTheBuiltOnesAreSupported() {
    for (String k : SPEC_KEYS) {
      Keys.Match m = Keys.lookup("agentguard." + k);
      assertNotNull(m, k);
      assertEquals(BUILT.contains(k), m.spec().supported(), k);
    }
  }

  @Test
  void theDocumentsKeyBeyondTheSpecIsSupported() {
    Keys.Match m = Keys.lookup("agentguard.tool.t.injection.documents");
    assertEquals("tool.<name>.injection.documents", m.spec().template().substring("agentguard.".length()));
    assertTrue(m.spec().supported());
    assertEquals(List.of("body", "attachments"), m.spec().parse("body, attachments"));
  }

  @Test
  void detectorThresholdsAreScoresFromOneHundredthToOne() {
    for (String key : List.of("agentguard.injection.input-threshold", "agentguard.injection.output-threshold",
        "agentguard.tool.t.injection.input-threshold", "agentguard.tool.t.injection.output-threshold")) {
      Keys.Match m = Keys.lookup(key);
      assertTrue(m.spec().supported(), key);
      assertEquals(0.9, m.spec().parse(" 0.9 "));
      assertEquals(1.0, m.spec().parse("1"));
      assertEquals(0.01, m.spec().parse("0.01"));
      for (String bad : List.of("0", "1.5", "0.005", "high", "0.9.1", "-0.5", "", "1e-1")) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.spec().parse(bad), bad);
        assertTrue(e.getMessage().contains("a score from 0.01 to 1"), e.getMessage());
      }
    }
  }

  @Test
  void familiesResolveTheName() {
    assertEquals("refund", Keys.lookup("agentguard.tool.refund.approval.roles").name());
    assertEquals("tool.<name>.approval.roles".length() + "agentguard.".length(),
        Keys.lookup("agentguard.tool.refund.approval.roles").spec().template().length());
    assertEquals("a.b", Keys.lookup("agentguard.tool.a.b.sandbox.sql.max-rows").name());
    assertEquals("spend", Keys.lookup("agentguard.anomaly.spend.max.cost").name());
    assertNull(Keys.lookup("agentguard.tool.risk"), "a family key needs a name");
    assertNull(Keys.lookup("agentguard.anomaly.spend"));
    assertNull(Keys.lookup("agentguard.tool.x.nope"));
  }

  @Test
  void relaxedFormsOfGlobalKeysAreUnambiguous() {
    Set<String> seen = new HashSet<>();
    for (KeySpec k : Keys.ALL) {
      if (!k.templated()) {
        assertTrue(seen.add(Keys.relaxed(k.prefix())), k.prefix());
      }
    }
  }

  @Test
  void everyDefaultAndInertValuePassesItsOwnSyntax() {
    for (KeySpec k : Keys.ALL) {
      if (k.defaultValue() != null && !k.defaultValue().startsWith("./")) {
        k.parse(k.defaultValue());
      }
      for (String v : k.inertValues()) {
        assertTrue(k.isInert(k.parse(v)), k.template() + "=" + v);
      }
      assertTrue(!k.supported() || k.inertValues().isEmpty(), "supported keys need no inert values: " + k.template());
    }
  }

  @Test
  void editDistanceCountsSwapsAsOne() {
    assertEquals(0, Keys.distance("mode", "mode"));
    assertEquals(1, Keys.distance("mode", "mdoe"));
    assertEquals(1, Keys.distance("mode", "mod"));
    assertEquals(2, Keys.distance("failure-mode", "failur.mode"));
    assertEquals(4, Keys.distance("", "mode"));
  }

  @Test
  void suggestions() {
    assertEquals("agentguard.audit.fsync", Keys.suggest("agentguard.audit.fsnyc"));
    assertEquals("agentguard.tool.x.allow.users", Keys.suggest("agentguard.tool.x.allow.user"));
    assertEquals("agentguard.tool.x.circuit-breaker.open-for", Keys.suggest("agentguard.tool.x.circuitbreaker.openfor"));
    assertEquals("agentguard.tool.refund.risk", Keys.suggest("tool.refund.risk"));
    assertNull(Keys.suggest("agentguard.something.else.entirely"));
  }
}
