package dev.agentguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodPatternTest {
  private static final List<String> TWO_STRINGS = List.of("java.lang.String", "java.lang.String");

  @Test
  void exactClassMethodAndParameters() {
    MethodPattern p = MethodPattern.parse("com.acme.mail.MailService#send(java.lang.String,java.lang.String)");
    assertTrue(p.matchesType("com.acme.mail.MailService"));
    assertFalse(p.matchesType("com.acme.mail.MailServiceImpl"));
    assertFalse(p.matchesType("com.acme.mail.Mail"));
    assertTrue(p.matchesMethod("send", TWO_STRINGS));
    assertFalse(p.matchesMethod("send", List.of("java.lang.String")));
    assertFalse(p.matchesMethod("send", List.of("java.lang.String", "java.lang.Object")));
    assertFalse(p.matchesMethod("sendAll", TWO_STRINGS));
    assertEquals("com.acme.mail.MailService#send(java.lang.String,java.lang.String)", p.text());
  }

  @Test
  void noParameterListMeansAnyOverload() {
    MethodPattern p = MethodPattern.parse("com.acme.Billing#refund");
    assertTrue(p.matchesMethod("refund", List.of()));
    assertTrue(p.matchesMethod("refund", List.of("long", "java.math.BigDecimal")));
  }

  @Test
  void emptyParameterListMeansNoParameters() {
    MethodPattern p = MethodPattern.parse("com.acme.Billing#close()");
    assertTrue(p.matchesMethod("close", List.of()));
    assertFalse(p.matchesMethod("close", List.of("int")));
  }

  @Test
  void wildcardsInClassAndMethodCrossDots() {
    MethodPattern p = MethodPattern.parse("com.acme.*Service#send*");
    assertTrue(p.matchesType("com.acme.MailService"));
    assertTrue(p.matchesType("com.acme.mail.internal.MailService"), "* crosses package dots");
    assertFalse(p.matchesType("org.acme.MailService"));
    assertFalse(p.matchesType("com.acme.MailServiceImpl"));
    assertTrue(p.matchesMethod("send", List.of()));
    assertTrue(p.matchesMethod("sendEmail", List.of("int")));
    assertFalse(p.matchesMethod("resend", List.of()));
    MethodPattern middle = MethodPattern.parse("*.mail.*.Sender#*");
    assertTrue(middle.matchesType("com.acme.mail.smtp.Sender"));
    assertFalse(middle.matchesType("com.acme.mail.Sender"), "both stars need their dots around them");
    assertTrue(MethodPattern.parse("a*a#m").matchesType("aa"));
    assertFalse(MethodPattern.parse("a*a#m").matchesType("a"));
  }

  @Test
  void primitivesArraysAnyOneAndAnyRest() {
    MethodPattern p = MethodPattern.parse("com.acme.Files#write(java.lang.String, byte[], *, ..)");
    assertTrue(p.matchesMethod("write", List.of("java.lang.String", "byte[]", "int")));
    assertTrue(p.matchesMethod("write", List.of("java.lang.String", "byte[]", "long", "boolean", "java.lang.Object")));
    assertFalse(p.matchesMethod("write", List.of("java.lang.String", "byte[]")), "* needs one type");
    assertFalse(p.matchesMethod("write", List.of("java.lang.String", "byte[][]", "int")));
    MethodPattern prim = MethodPattern.parse("com.acme.Math#add(int,long)");
    assertTrue(prim.matchesMethod("add", List.of("int", "long")));
    assertFalse(prim.matchesMethod("add", List.of("java.lang.Integer", "long")));
    MethodPattern rest = MethodPattern.parse("com.acme.Log#log(..)");
    assertTrue(rest.matchesMethod("log", List.of()));
    assertTrue(rest.matchesMethod("log", List.of("int", "int")));
    MethodPattern varargs = MethodPattern.parse("com.acme.Log#log(java.lang.String...)");
    assertTrue(varargs.matchesMethod("log", List.of("java.lang.String[]")));
  }

  @Test
  void nestedClassesUseDollar() {
    MethodPattern p = MethodPattern.parse("com.acme.Outer$Inner#run(com.acme.Outer$Arg[])");
    assertTrue(p.matchesType("com.acme.Outer$Inner"));
    assertFalse(p.matchesType("com.acme.Outer"));
    assertTrue(p.matchesMethod("run", List.of("com.acme.Outer$Arg[]")));
  }

  @Test
  void malformedPatternsSayWhy() {
    assertMalformed("com.acme.MailService.send", "exactly one #");
    assertMalformed("com.acme.A#b#c", "exactly one #");
    assertMalformed("#send", "class part");
    assertMalformed("com.acme.A#", "method name");
    assertMalformed("com..acme.A#send", "empty package");
    assertMalformed("com.acme.A#send(java.lang.String", "(...)");
    assertMalformed("com.acme.A#send)", "')' without '('");
    assertMalformed("com.acme.A#send(String)", "fully qualified, such as java.lang.String");
    assertMalformed("com.acme.A#send(java.util.*)", "wildcards inside a type");
    assertMalformed("com.acme.A#send(.., int)", "must come last");
    assertMalformed("com.acme.A#send(int,,int)", "empty parameter");
    assertMalformed("com.acme.A#send(java.lang.1String)", "not a Java type name");
    assertMalformed("com.acme.A#<init>", "constructors");
    assertMalformed("com.acme.A-B#send", "'-'");
    assertMalformed("com.acme.A#se.nd", "'.'");
    assertMalformed("  ", "no value");
  }

  private static void assertMalformed(String pattern, String expected) {
    String message = assertThrows(IllegalArgumentException.class, () -> MethodPattern.parse(pattern)).getMessage();
    assertTrue(message.contains(expected), pattern + " -> " + message);
  }

  @Test
  void globMatcher() {
    assertTrue(MethodPattern.globMatches("*", ""));
    assertTrue(MethodPattern.globMatches("**", "abc"));
    assertTrue(MethodPattern.globMatches("a*b*c", "abc"));
    assertTrue(MethodPattern.globMatches("a*b*c", "a.x.b.y.c"));
    assertFalse(MethodPattern.globMatches("a*b*c", "acb"));
    assertTrue(MethodPattern.globMatches("*ab*ab", "xabab"));
    assertFalse(MethodPattern.globMatches("*ab*ab", "xab"));
    assertTrue(MethodPattern.globMatches("exact", "exact"));
    assertFalse(MethodPattern.globMatches("exact", "exactly"));
  }
}
