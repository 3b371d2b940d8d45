package dev.agentguard.agent.config;

import java.time.Duration;

/** A parsed rate such as {@code 50/1h}: at most {@code permits} calls per {@code period}. */
public record Rate(long permits, Duration period) {}
