package dev.agentguard.agent.audit;

import dev.agentguard.agent.json.CanonicalJson;
import dev.agentguard.agent.json.StrictJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The sidecar {@code <active file>.head}: the last durable record ({@code seq}, {@code hash}) and the first seq
 * of the active file, rewritten atomically after every fsync'd batch. It is what makes the removal of whole
 * trailing (or leading) lines detectable: the chain itself cannot tell a shorter log from a complete one.
 * With an HMAC key it carries a MAC over its other fields, so it cannot be rewritten to match a cut log
 * without the key (an old copy can still be put back; keep copies elsewhere if that matters).
 *
 * <p>Format, one line: {@code {"firstSeq":1,"seq":42,"hash":"<hex>","alg":"SHA-256","mac":null}}.
 */
record AuditHead(long firstSeq, long seq, String hash, String alg, String mac) {

  static Path pathFor(Path logFile) {
    return logFile.resolveSibling(logFile.getFileName() + ".head");
  }

  static AuditHead create(long firstSeq, long seq, String hash, ChainHash chain) {
    AuditHead unsigned = new AuditHead(firstSeq, seq, hash, chain.algorithm(), null);
    String mac = ChainHash.HMAC_SHA_256.equals(chain.algorithm()) ? chain.of(unsigned.signedBytes()) : null;
    return new AuditHead(firstSeq, seq, hash, chain.algorithm(), mac);
  }

  /** True when the MAC matches under {@code chain}'s key (always true for a plain SHA-256 head). */
  boolean macValid(ChainHash chain) {
    if (!ChainHash.HMAC_SHA_256.equals(alg)) {
      return true;
    }
    return ChainHash.same(mac, chain.of(signedBytes()));
  }

  /** The canonical JSON of every field but the MAC (keys sorted, as RFC 8785 would). */
  private byte[] signedBytes() {
    StringBuilder sb = new StringBuilder(160).append("{\"alg\":");
    CanonicalJson.writeString(sb, alg);
    sb.append(",\"firstSeq\":").append(firstSeq).append(",\"hash\":");
    CanonicalJson.writeString(sb, hash);
    sb.append(",\"seq\":").append(seq).append('}');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads the head file, or null if there is none.
   *
   * @throws IOException if it exists but cannot be read or is not a head file (the message says why)
   */
  static AuditHead read(Path headFile) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(headFile);
    } catch (NoSuchFileException e) {
      return null;
    }
    try {
      Map<String, Object> n = StrictJson.scalars(bytes, 0, bytes.length);
      Object firstSeq = n.get("firstSeq");
      Object seq = n.get("seq");
      Object hash = n.get("hash");
      Object alg = n.get("alg");
      Object mac = n.get("mac");
      if (firstSeq instanceof Long first && seq instanceof Long last
          && hash instanceof String h && ChainHash.isHash(h)
          && (ChainHash.SHA_256.equals(alg) || ChainHash.HMAC_SHA_256.equals(alg))
          && (mac == null || mac == StrictJson.NULL || mac instanceof String)) {
        return new AuditHead(first, last, h, (String) alg, mac instanceof String m ? m : null);
      }
    } catch (JacksonException e) {
      // fall through to the one error below
    }
    throw new IOException("head file " + headFile + " is not a valid audit head");
  }

  /** Replaces the head file atomically: write a temporary sibling, fsync it, rename it over. */
  void write(Path headFile) throws IOException {
    // Built by hand: the writer thread needs no object mapper for this.
    StringBuilder sb = new StringBuilder(200).append("{\"firstSeq\":").append(firstSeq).append(",\"seq\":")
        .append(seq).append(",\"hash\":");
    CanonicalJson.writeString(sb, hash);
    sb.append(",\"alg\":");
    CanonicalJson.writeString(sb, alg);
    sb.append(",\"mac\":");
    CanonicalJson.writeString(sb, mac);
    byte[] bytes = sb.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    Path tmp = headFile.resolveSibling(headFile.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
    try {
      Files.move(tmp, headFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, headFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
