package dev.agentguard;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is calling a tool, set by the host where it knows (a request filter, the agent loop) and read by
 * the guards on the same thread. Scopes nest; closing a scope restores the one it replaced.
 *
 * <pre>{@code
 * try (AgentContext.Scope s = AgentContext.builder().user("u-123").session("s-9").agent("support-bot")
 *         .org("acme").roles("support").open()) {
 *   ...
 * }
 * }</pre>
 */
public final class AgentContext {
  private static final ThreadLocal<AgentContext> CURRENT = new ThreadLocal<>();

  private final String user;
  private final String session;
  private final String agent;
  private final String org;
  private final List<String> roles;
  private final Map<String, Object> attributes;

  private AgentContext(Builder b) {
    this.user = b.user;
    this.session = b.session;
    this.agent = b.agent;
    this.org = b.org;
    this.roles = List.copyOf(b.roles);
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The innermost open context on this thread, or {@code null}. */
  public static AgentContext current() {
    return CURRENT.get();
  }

  public String user() {
    return user;
  }

  public String session() {
    return session;
  }

  public String agent() {
    return agent;
  }

  public String org() {
    return org;
  }

  public List<String> roles() {
    return roles;
  }

  public Map<String, Object> attributes() {
    return attributes;
  }

  /** Opens this context on the current thread until the returned scope is closed. */
  public Scope open() {
    AgentContext previous = CURRENT.get();
    CURRENT.set(this);
    return new Scope(this, previous);
  }

  @Override
  public String toString() {
    return "AgentContext{user=" + user + ", session=" + session + ", agent=" + agent + ", org=" + org
        + ", roles=" + roles + "}";
  }

  /** Restores the previous context when closed; closing twice is harmless. */
  public static final class Scope implements AutoCloseable {
    private final AgentContext context;
    private final AgentContext previous;
    private boolean closed;

    private Scope(AgentContext context, AgentContext previous) {
      this.context = context;
      this.previous = previous;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (CURRENT.get() == context) {
        if (previous == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(previous);
        }
      }
    }
  }

  public static final class Builder {
    private String user;
    private String session;
    private String agent;
    private String org;
    private List<String> roles = List.of();
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private Builder() {}

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder session(String session) {
      this.session = session;
      return this;
    }

    public Builder agent(String agent) {
      this.agent = agent;
      return this;
    }

    public Builder org(String org) {
      this.org = org;
      return this;
    }

    public Builder roles(String... roles) {
      this.roles = Arrays.asList(roles.clone());
      this.roles.forEach(r -> Objects.requireNonNull(r, "role"));
      return this;
    }

    /** Free-form facts for rules (for example {@code confidence}); {@code llmTokenUsage} lands in the audit record. */
    public Builder attribute(String name, Object value) {
      attributes.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    public AgentContext build() {
      return new AgentContext(this);
    }

    public Scope open() {
      return build().open();
    }
  }
}
