package dev.agentguard.agent;

import dev.agentguard.agent.audit.AuditConfig;
import dev.agentguard.agent.audit.AuditRecord;
import dev.agentguard.agent.audit.AuditWriter;
import dev.agentguard.agent.bootstrap.Dispatch;
import dev.agentguard.agent.config.AuditSettings;
import dev.agentguard.agent.config.ConfigError;
import dev.agentguard.agent.config.ConfigSources;
import dev.agentguard.agent.config.IoReason;
import dev.agentguard.agent.config.Mode;
import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.detect.InvalidPatternsException;
import dev.agentguard.agent.guard.authz.PermissionGuard;
import dev.agentguard.agent.guard.injection.Detectors;
import dev.agentguard.agent.guard.injection.InjectionInputGuard;
import dev.agentguard.agent.guard.injection.InjectionOutputGuard;
import dev.agentguard.agent.guard.validate.SchemaCatalog;
import dev.agentguard.agent.guard.validate.SchemaGuard;
import dev.agentguard.agent.guard.killswitch.ToolEnabledGuard;
import dev.agentguard.agent.instrument.Installer;
import dev.agentguard.agent.pipeline.ActivePolicy;
import dev.agentguard.agent.pipeline.OutputGuard;
import dev.agentguard.agent.pipeline.OutputPipeline;
import dev.agentguard.agent.pipeline.AuditSink;
import dev.agentguard.agent.pipeline.Guard;
import dev.agentguard.agent.pipeline.Pipeline;
import dev.agentguard.agent.pipeline.PrincipalResolver;
import dev.agentguard.agent.pipeline.ToolCallInterceptor;
import dev.agentguard.agent.pipeline.ToolRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wires one agent: loads the policy, builds the pipeline, installs the instrumentation and the audit
 * writer (started on the first guarded call, so JVM start-up pays only for Byte Buddy).
 */
public final class AgentRuntime {
  private static final String VERSION = AgentRuntime.class.getPackage().getImplementationVersion();

  private static final String BYTE_BUDDY_SAFE = "dev.agentguard.shaded.net.bytebuddy.safe";

  private AgentRuntime() {}

  static void start(String agentArgs, Instrumentation inst, boolean attached) {
    Policy policy = Policy.load(ConfigSources.fromJvm(agentArgs));
    if (policy.mode() == Mode.OFF && !policy.broken()) {
      announce(policy, policy.errors(), attached);
      return; // guards nothing: leave every class as it is
    }
    ActivePolicy activated = activate(policy);
    announce(policy, activated.errors(), attached);
    AtomicReference<ActivePolicy> active = new AtomicReference<>(activated);
    // Our relocated Byte Buddy needs no sun.misc.Unsafe (advice only, nothing injected); without this JDK 24+
    // prints deprecation warnings into the host's output. The property name is relocated with Byte Buddy.
    if (System.getProperty(BYTE_BUDDY_SAFE) == null) {
      System.setProperty(BYTE_BUDDY_SAFE, "true");
    }
    ToolRegistry registry = new ToolRegistry();
    AuditSink audit = new LazyAuditSink(policy.audit());
    ToolCallInterceptor interceptor = new ToolCallInterceptor(registry, active::get, audit);
    Dispatch.install(interceptor);
    recordInFlightAtShutdown(interceptor, audit);
    warmUpInBackground(activated, audit);
    Installer.install(inst, policy.configuredMethods(), registry, attached);
  }

  /**
   * At JVM shutdown, every call still running (or whose future is still pending) gets its record: the JVM
   * stops those threads without running the rest of the call. The audit writer's own hook may have closed
   * the log already; records appended after that are written by the appending thread.
   */
  private static void recordInFlightAtShutdown(ToolCallInterceptor interceptor, AuditSink audit) {
    Thread hook = new Thread(() -> {
      try {
        if (interceptor.recordInFlight() > 0) {
          audit.flush();
        }
      } catch (Throwable e) {
        System.err.println("[agentguard] cannot record the calls still running at shutdown: " + e);
      }
    }, "agentguard-in-flight");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException | SecurityException e) {
      // attached while the JVM shuts down, or not allowed: calls still running then are not recorded
    }
  }

  /**
   * Opens the audit log, renders a sample record (written nowhere) and loads and runs the detector on a
   * second thread while Byte Buddy initialises on this one, so neither the first tool call nor the writer
   * draining at exit pays for loading them. A failing step only means that the first call loads it lazily
   * (and reports the problem itself); the other steps still run.
   */
  private static void warmUpInBackground(ActivePolicy active, AuditSink audit) {
    Thread t = new Thread(() -> {
      for (Runnable step : List.<Runnable>of(audit::available, AuditWriter::warmUpRendering, active.warmUp())) {
        try {
          step.run();
        } catch (Throwable ignored) {
          // the first guarded call will load what it needs
        }
      }
    }, "agentguard-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /**
   * Builds everything a policy needs, in SPEC §4 order: kill switch, schema validation, injection scan,
   * permissions; then the output guards. Problems found here (a schema that does not parse or is no valid
   * JSON Schema, a bad extra pattern) are activation errors: guarded tools fail closed as for any policy
   * error. {@code check-config} calls this too, so it reports exactly what the agent would refuse to run.
   */
  public static ActivePolicy activate(Policy policy) {
    List<ConfigError> errors = new ArrayList<>();
    SchemaCatalog schemas = SchemaCatalog.load(policy);
    errors.addAll(schemas.errors());
    Detectors detectors = detectors(policy, errors);
    errors.sort(Comparator.comparingInt(ConfigError::line)); // the properties file's order, as Policy.load's

    List<Guard> guards = new ArrayList<>();
    guards.add(new ToolEnabledGuard());
    guards.add(new SchemaGuard(schemas));
    guards.add(new InjectionInputGuard(policy.injectionInput(), detectors));
    guards.add(new PermissionGuard(policy.defaultPolicy()));
    List<OutputGuard> output = new ArrayList<>();
    output.add(new InjectionOutputGuard(policy.injectionOutput(), detectors));
    return new ActivePolicy(policy, new Pipeline(guards, policy.mode()), new OutputPipeline(output, policy.mode()),
        new PrincipalResolver(policy.principalSources()), List.copyOf(errors), detectors::warmUp);
  }

  /** The detectors with the patterns file's lines; every line that does not compile is an error of its own. */
  private static Detectors detectors(Policy policy, List<ConfigError> errors) {
    Path file = policy.injectionPatternsFile();
    if (file == null) {
      return Detectors.of(List.of(), policy.injectionThresholds());
    }
    String key = "agentguard.injection.patterns-file";
    String where = "patterns file " + file;
    try {
      return Detectors.of(Files.readAllLines(file, StandardCharsets.UTF_8), policy.injectionThresholds());
    } catch (CharacterCodingException e) {
      errors.add(policy.error(key, where + " is not UTF-8 text"));
    } catch (IOException e) {
      errors.add(policy.error(key, "cannot read " + where + ": " + IoReason.of(e, file)));
    } catch (InvalidPatternsException e) {
      for (String problem : e.problems()) {
        errors.add(policy.error(key, where + ", " + problem));
      }
    } catch (IllegalArgumentException e) {
      errors.add(policy.error(key, where + ": " + e.getMessage()));
    }
    return Detectors.of(List.of(), policy.injectionThresholds());
  }

  private static void announce(Policy policy, List<ConfigError> errors, boolean attached) {
    String source = policy.configFile() == null ? "defaults" : policy.configFile();
    System.err.println("[agentguard] AgentGuard " + (VERSION == null ? "" : VERSION + " ")
        + (attached ? "attached" : "started") + ": mode " + policy.mode().name().toLowerCase()
        + ", policy " + source + " (" + policy.tools().size() + " tool sections), audit log "
        + policy.audit().file().toAbsolutePath().normalize());
    if (!errors.isEmpty()) {
      System.err.println("[agentguard] the policy has " + errors.size() + " error(s); guarded tools are "
          + (policy.failureMode().name().equals("OPEN") ? "let through (failure-mode=open)"
              : "refused with POLICY_ERROR") + " until it is fixed:");
      for (ConfigError e : errors) {
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

    private volatile long retryAfterNanos;

    @Override
    public void append(AuditRecord record) {
      AuditWriter w = writer;
      if (w == null) {
        w = open();
      }
      w.append(record);
    }

    @Override
    public boolean available() {
      AuditWriter w = writer;
      if (w != null) {
        return !w.failing();
      }
      if (System.nanoTime() < retryAfterNanos) {
        return false;
      }
      try {
        open();
        return true;
      } catch (RuntimeException e) {
        System.err.println("[agentguard] audit log " + settings.file() + " cannot be opened: " + e.getMessage()
            + "; guarded calls are refused until it can (failure-mode=closed)");
        retryAfterNanos = System.nanoTime() + 5_000_000_000L;
        return false;
      }
    }

    @Override
    public void flush() {
      AuditWriter w = writer;
      if (w != null) {
        w.flush(FLUSH_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    }

    /** A shutdown does not wait longer than this for its last records (a failing disk retries that long). */
    private static final long FLUSH_WAIT_SECONDS = 5;

    /** The writer registers its own shutdown hook, which drains every queued record. */
    private synchronized AuditWriter open() {
      if (writer == null) {
        writer = AuditWriter.open(new AuditConfig(settings.file(), hmacKey(settings),
            settings.maxFileSizeBytes(), settings.fsyncAlways(), 65_536));
      }
      return writer;
    }

    private static byte[] hmacKey(AuditSettings settings) {
      if (settings.hmacKeyFile() == null) {
        return null;
      }
      Path file = settings.hmacKeyFile();
      try {
        return AuditConfig.readHmacKey(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read agentguard.audit.hmac-key-file " + file + ": "
            + IoReason.of(e, file), e);
      }
    }
  }
}
