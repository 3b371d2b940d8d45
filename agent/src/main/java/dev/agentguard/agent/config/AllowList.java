package dev.agentguard.agent.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@code allow.users/roles/orgs} list: names, {@code *} for anyone, {@code !name} for an explicit denial.
 * A denial wins over everything else, so {@code *,!mallory} admits everyone but mallory. Names compare
 * exactly (case matters: identities are the host's).
 */
public final class AllowList {
  private final Set<String> allowed;
  private final Set<String> denied;
  private final boolean anyone;
  private final String text;

  private AllowList(Set<String> allowed, Set<String> denied, boolean anyone, String text) {
    this.allowed = allowed;
    this.denied = denied;
    this.anyone = anyone;
    this.text = text;
  }

  /**
   * Parses a comma list; an empty list admits nobody.
   *
   * @throws IllegalArgumentException for an entry that is just {@code !}
   */
  public static AllowList parse(String commaList) {
    List<String> entries = Values.parseList(commaList);
    Set<String> allowed = new LinkedHashSet<>();
    Set<String> denied = new LinkedHashSet<>();
    boolean anyone = false;
    for (String e : entries) {
      if (e.startsWith("!")) {
        String name = e.substring(1).trim();
        if (name.isEmpty()) {
          throw new IllegalArgumentException("'!' must be followed by the name to deny, as in *,!mallory");
        }
        denied.add(name);
      } else if (e.equals("*")) {
        anyone = true;
      } else {
        allowed.add(e);
      }
    }
    // "!*" denies everyone: it simply leaves nothing admitted.
    boolean denyAll = denied.contains("*");
    return new AllowList(Set.copyOf(allowed), Set.copyOf(denied), anyone && !denyAll,
        String.join(",", entries));
  }

  /** False if {@code value} is denied (or null and not covered by {@code *}); true if {@code *} or listed. */
  public boolean admits(String value) {
    if (value == null) {
      return anyone;
    }
    if (denied.contains(value) || denied.contains("*")) {
      return false;
    }
    return anyone || allowed.contains(value);
  }

  /** False if ANY of {@code values} is denied; otherwise true if any is admitted (or {@code *} is listed). */
  public boolean admitsAny(Collection<String> values) {
    if (denied.contains("*")) {
      return false;
    }
    boolean admitted = anyone;
    for (String v : values) {
      if (v == null) {
        continue;
      }
      if (denied.contains(v)) {
        return false;
      }
      admitted |= allowed.contains(v);
    }
    return admitted;
  }

  @Override
  public String toString() {
    return text;
  }
}
