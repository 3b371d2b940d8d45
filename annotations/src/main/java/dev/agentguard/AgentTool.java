package dev.agentguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method an LLM may call. With the AgentGuard agent attached every call passes the guard
 * pipeline and leaves one audit record; without it the annotation does nothing.
 * An annotation on an interface or superclass method guards the implementing method too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AgentTool {
  /** Tool name; default: the method name. */
  String value() default "";

  String description() default "";

  /** The properties file ({@code agentguard.tool.<name>.risk}) overrides it. */
  Risk risk() default Risk.UNSET;

  /** Safe to retry and to replay from the journal. */
  boolean idempotent() default false;
}
