package dev.agentguard;

/** Risk tier of a tool; drives approval and the audit record's {@code securityLevel}. */
public enum Risk {
  UNSET(1),
  LOW(2),
  MEDIUM(5),
  HIGH(7),
  CRITICAL(9);

  private final int securityLevel;

  Risk(int securityLevel) {
    this.securityLevel = securityLevel;
  }

  /** The 1-10 level written to the audit record. */
  public int securityLevel() {
    return securityLevel;
  }
}
