package dev.agentguard.agent.config;

import java.nio.file.Path;

/**
 * The {@code agentguard.audit.*} settings the audit writer is opened with.
 *
 * @param hmacKeyFile the HMAC key for the hash chain, {@code null} for plain SHA-256
 * @param fsyncAlways {@code audit.fsync=always}; {@code false} means batch
 */
public record AuditSettings(Path file, Path hmacKeyFile, long maxFileSizeBytes, boolean fsyncAlways) {}
