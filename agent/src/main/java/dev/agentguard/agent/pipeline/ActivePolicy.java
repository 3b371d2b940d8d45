package dev.agentguard.agent.pipeline;

import dev.agentguard.agent.config.Policy;

/** The loaded policy with everything built from it; replaced as a whole, never mutated. */
public record ActivePolicy(Policy policy, Pipeline pipeline, PrincipalResolver principals) {}
