package dev.agentguard.agent.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of the audit writer (SPEC §5 {@code agentguard.audit.*}), resolved by the config layer.
 *
 * @param file the active log file; rotated files sit next to it as {@code <file>.1}, {@code <file>.2}, ...
 * @param hmacKey HMAC-SHA256 key for the chain, or null for plain SHA-256
 * @param maxFileSizeBytes rotate before the active file would grow past this; 0 or less never rotates
 * @param fsyncAlways fsync after every record instead of once per batch
 * @param queueCapacity records that may wait for the writer thread before {@code append} blocks
 */
public record AuditConfig(Path file, byte[] hmacKey, long maxFileSizeBytes, boolean fsyncAlways,
    int queueCapacity) {

  public static final long DEFAULT_MAX_FILE_SIZE = 100L * 1024 * 1024;
  public static final int DEFAULT_QUEUE_CAPACITY = 8192;

  public AuditConfig {
    Objects.requireNonNull(file, "file");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("audit queue capacity must be at least 1, was " + queueCapacity);
    }
    if (hmacKey != null && hmacKey.length == 0) {
      throw new IllegalArgumentException("the audit HMAC key is empty");
    }
  }

  /** The SPEC defaults for {@code file}: plain SHA-256, 100 MB files, batched fsync. */
  public static AuditConfig defaults(Path file) {
    return new AuditConfig(file, null, DEFAULT_MAX_FILE_SIZE, false, DEFAULT_QUEUE_CAPACITY);
  }

  public AuditConfig withHmacKey(byte[] key) {
    return new AuditConfig(file, key, maxFileSizeBytes, fsyncAlways, queueCapacity);
  }

  /**
   * Reads an HMAC key file ({@code agentguard.audit.hmac-key-file}): its bytes, less trailing CR/LF so that
   * {@code echo secret > key} and the same key without a newline agree. The agent and {@code audit verify}
   * both read keys here, so they always agree. Use at least 32 random bytes.
   *
   * @throws IOException if the file cannot be read or holds no key ("it is empty": the caller names the file)
   */
  public static byte[] readHmacKey(Path keyFile) throws IOException {
    byte[] raw = Files.readAllBytes(keyFile);
    int end = raw.length;
    while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
      end--;
    }
    if (end == 0) {
      throw new IOException("it is empty");
    }
    return Arrays.copyOf(raw, end);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditConfig c && file.equals(c.file) && Arrays.equals(hmacKey, c.hmacKey)
        && maxFileSizeBytes == c.maxFileSizeBytes && fsyncAlways == c.fsyncAlways
        && queueCapacity == c.queueCapacity;
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, Arrays.hashCode(hmacKey), maxFileSizeBytes, fsyncAlways, queueCapacity);
  }

  @Override
  public String toString() {
    // Never print the key itself.
    return "AuditConfig[file=" + file + ", hmac=" + (hmacKey != null) + ", maxFileSizeBytes="
        + maxFileSizeBytes + ", fsyncAlways=" + fsyncAlways + ", queueCapacity=" + queueCapacity + "]";
  }
}
