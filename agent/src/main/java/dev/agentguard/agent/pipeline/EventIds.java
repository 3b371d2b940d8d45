package dev.agentguard.agent.pipeline;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique event ids without a random draw per call: a random 64-bit prefix per JVM and a counter,
 * shaped as a UUID string. Uniqueness, not secrecy, is what they need.
 */
public final class EventIds {
  private final long prefix;
  private final long salt;
  private final AtomicLong counter = new AtomicLong();

  public EventIds() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    this.prefix = (random.nextLong() & ~0xF000L) | 0x8000L; // version 8 (custom) in the UUID layout
    this.salt = random.nextLong();
  }

  public String next() {
    long n = counter.incrementAndGet();
    return new UUID(prefix, (salt + n) & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
  }
}
