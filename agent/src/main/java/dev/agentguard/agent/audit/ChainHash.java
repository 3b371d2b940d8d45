package dev.agentguard.agent.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The link function of the audit chain (SPEC §7): {@code hash = H(prevHash + canonical record)}, with H either
 * SHA-256 or HMAC-SHA256 under the configured key. Not thread-safe: one per writer or verifier.
 */
final class ChainHash {
  static final String GENESIS = "0".repeat(64);
  static final String SHA_256 = "SHA-256";
  static final String HMAC_SHA_256 = "HMAC-SHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest digest;
  private final Mac mac;

  ChainHash(byte[] hmacKeyOrNull) {
    try {
      if (hmacKeyOrNull == null) {
        digest = MessageDigest.getInstance("SHA-256");
        mac = null;
      } else {
        digest = null;
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hmacKeyOrNull, "HmacSHA256"));
      }
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime ships both algorithms; reaching this means a broken JRE.
      throw new IllegalStateException("this JVM lacks SHA-256/HmacSHA256", e);
    }
  }

  /** {@link #SHA_256} or {@link #HMAC_SHA_256}, as recorded in the head file. */
  String algorithm() {
    return mac == null ? SHA_256 : HMAC_SHA_256;
  }

  /** Lower-case hex of H(prevHash as ASCII + canonical record as UTF-8). */
  String link(String prevHash, byte[] canonicalRecord) {
    byte[] prev = prevHash.getBytes(StandardCharsets.US_ASCII);
    if (mac == null) {
      digest.update(prev);
      return HEX.formatHex(digest.digest(canonicalRecord));
    }
    mac.update(prev);
    return HEX.formatHex(mac.doFinal(canonicalRecord));
  }

  /** Starts one link: H(prevHash + ...), fed by {@link #update} and ended by {@link #finish}. */
  void begin(String prevHash) {
    byte[] prev = prevHash.getBytes(StandardCharsets.US_ASCII);
    if (mac == null) {
      digest.reset();
      digest.update(prev);
    } else {
      mac.reset();
      mac.update(prev);
    }
  }

  void update(byte[] bytes, int offset, int length) {
    if (mac == null) {
      digest.update(bytes, offset, length);
    } else {
      mac.update(bytes, offset, length);
    }
  }

  void update(byte b) {
    if (mac == null) {
      digest.update(b);
    } else {
      mac.update(b);
    }
  }

  /** Lower-case hex of the link begun by {@link #begin}. */
  String finish() {
    return HEX.formatHex(mac == null ? digest.digest() : mac.doFinal());
  }

  /** H over {@code bytes} alone (used for the head file's MAC). */
  String of(byte[] bytes) {
    return mac == null ? HEX.formatHex(digest.digest(bytes)) : HEX.formatHex(mac.doFinal(bytes));
  }

  static boolean isHash(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Constant-time comparison, so a verifier timing does not leak how much of a MAC matched. */
  static boolean same(String a, String b) {
    return a != null && b != null && MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
