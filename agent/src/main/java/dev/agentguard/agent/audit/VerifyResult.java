package dev.agentguard.agent.audit;

/**
 * The outcome of {@link AuditVerifier#verify}.
 *
 * @param ok true if every record and link checked out
 * @param firstBadSeq the first seq at which the chain fails, or null when ok (or when the failure concerns the
 *     key or the head file rather than a record)
 * @param message one line: what was checked, or what is wrong and where (file and line)
 * @param records how many records verified before the end or the first failure
 */
public record VerifyResult(boolean ok, Long firstBadSeq, String message, long records) {

  static VerifyResult intact(long records) {
    return new VerifyResult(true, null, records + " records, chain intact", records);
  }

  static VerifyResult failed(Long firstBadSeq, String message, long records) {
    return new VerifyResult(false, firstBadSeq, message, records);
  }
}
