package dev.agentguard.agent;

import dev.agentguard.agent.audit.AuditConfig;
import dev.agentguard.agent.audit.AuditRecord;
import dev.agentguard.agent.audit.AuditWriter;
import dev.agentguard.agent.bootstrap.Dispatch;
import dev.agentguard.agent.config.AuditSettings;
import dev.agentguard.agent.config.ConfigError;
import dev.agentguard.agent.config.ConfigSources;
import dev.agentguard.agent.config.Mode;
import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.guard.authz.PermissionGuard;
import dev.agentguard.agent.guard.killswitch.ToolEnabledGuard;
import dev.agentguard.agent.instrument.Installer;
import dev.agentguard.agent.pipeline.ActivePolicy;
import dev.agentguard.agent.pipeline.AuditSink;
import dev.agentguard.agent.pipeline.Guard;
import dev.agentguard.agent.pipeline.Pipeline;
import dev.agentguard.agent.pipeline.PrincipalResolver;
import dev.agentguard.agent.pipeline.ToolCallInterceptor;
import dev.agentguard.agent.pipeline.ToolRegistry;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wires one agent: loads the policy, builds the pipeline, installs the instrumentation and the audit
 * writer (started on the first guarded call, so JVM start-up pays only for Byte Buddy).
 */
public final class AgentRuntime {
  private static final String VERSION = AgentRuntime.class.getPackage().getImplementationVersion();

  private AgentRuntime() {}

  static void start(String agentArgs, Instrumentation inst, boolean attached) {
    Policy policy = Policy.load(ConfigSources.fromJvm(agentArgs));
    announce(policy, attached);
    if (policy.mode() == Mode.OFF && !policy.broken()) {
      return; // guards nothing: leave every class as it is
    }
    AtomicReference<ActivePolicy> active = new AtomicReference<>(activate(policy));
    ToolRegistry registry = new ToolRegistry();
    AuditSink audit = new LazyAuditSink(policy.audit());
    Dispatch.install(new ToolCallInterceptor(registry, active::get, audit));
    Installer.install(inst, policy.configuredMethods(), registry);
  }

  /** Builds the guards for a policy in SPEC §4 order. */
  public static ActivePolicy activate(Policy policy) {
    List<Guard> guards = new ArrayList<>();
    guards.add(new ToolEnabledGuard());
    guards.add(new PermissionGuard(policy.defaultPolicy()));
    return new ActivePolicy(policy, new Pipeline(guards), new PrincipalResolver(policy.principalSources()));
  }

  private static void announce(Policy policy, boolean attached) {
    String source = policy.configFile() == null ? "defaults" : policy.configFile();
    System.err.println("[agentguard] AgentGuard " + (VERSION == null ? "" : VERSION + " ")
        + (attached ? "attached" : "started") + ": mode " + policy.mode().name().toLowerCase()
        + ", policy " + source + " (" + policy.tools().size() + " tool sections), audit log "
        + policy.audit().file().toAbsolutePath().normalize());
    if (policy.broken()) {
      System.err.println("[agentguard] the policy has " + policy.errors().size() + " error(s); guarded tools are "
          + (policy.failureMode().name().equals("OPEN") ? "let through (failure-mode=open)"
              : "refused with POLICY_ERROR") + " until it is fixed:");
      for (ConfigError e : policy.errors()) {
        System.err.println("[agentguard]   " + e);
      }
    }
  }

  /** Opens the audit writer on the first record and closes it (draining everything) at JVM shutdown. */
  static final class LazyAuditSink implements AuditSink {
    private final AuditSettings settings;
    private volatile AuditWriter writer;

    LazyAuditSink(AuditSettings settings) {
      this.settings = settings;
    }

    @Override
    public void append(AuditRecord record) {
      AuditWriter w = writer;
      if (w == null) {
        w = open();
      }
      w.append(record);
    }

    private synchronized AuditWriter open() {
      if (writer == null) {
        AuditWriter w = AuditWriter.open(new AuditConfig(settings.file(), hmacKey(settings),
            settings.maxFileSizeBytes(), settings.fsyncAlways(), 65_536));
        try {
          Runtime.getRuntime().addShutdownHook(new Thread(w::close, "agentguard-audit-shutdown"));
        } catch (IllegalStateException shuttingDown) {
          // Already shutting down: appends after close are written synchronously, nothing is lost.
        }
        writer = w;
      }
      return writer;
    }

    private static byte[] hmacKey(AuditSettings settings) {
      if (settings.hmacKeyFile() == null) {
        return null;
      }
      try {
        return Files.readString(settings.hmacKeyFile()).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read agentguard.audit.hmac-key-file: " + e.getMessage());
      }
    }
  }
}
