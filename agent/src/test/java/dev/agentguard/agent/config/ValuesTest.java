package dev.agentguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValuesTest {
  private static String error(Function<String, ?> parser, String value) {
    return assertThrows(IllegalArgumentException.class, () -> parser.apply(value), value).getMessage();
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMillis(500), Values.parseDuration("500ms"));
    assertEquals(Duration.ofSeconds(30), Values.parseDuration(" 30s "));
    assertEquals(Duration.ofMinutes(5), Values.parseDuration("5m"));
    assertEquals(Duration.ofHours(1), Values.parseDuration("1h"));
    assertEquals(Duration.ofDays(1), Values.parseDuration("1d"));
    for (String bad : List.of("", "30", "s", "1.5s", "-1s", "30 s", "30S", "1w", "0s", "99999999999999999d")) {
      String message = error(Values::parseDuration, bad);
      assertFalse(message.isEmpty());
    }
    assertEquals("'5x' is not a duration (a whole number and a unit: 500ms, 30s, 5m, 1h or 1d)",
        error(Values::parseDuration, "5x"));
    assertTrue(error(Values::parseDuration, "").startsWith("no value"));
  }

  @Test
  void sizes() {
    assertEquals(100L << 20, Values.parseSize("100MB"));
    assertEquals(64L << 20, Values.parseSize("64MB"));
    assertEquals(512L << 10, Values.parseSize("512KB"));
    assertEquals(1L << 30, Values.parseSize("1GB"));
    assertEquals(1000L << 30, Values.parseSize("1000gb"));
    assertEquals(10L, Values.parseSize("10B"));
    for (String bad : List.of("100", "MB", "1.5GB", "0MB", "10 MB", "10XB", "9999999999999999TB")) {
      error(Values::parseSize, bad);
    }
  }

  @Test
  void rates() {
    assertEquals(new Rate(50, Duration.ofHours(1)), Values.parseRate("50/1h"));
    assertEquals(new Rate(1, Duration.ofSeconds(1)), Values.parseRate("1/1s"));
    for (String bad : List.of("50", "50/", "/1h", "0/1h", "50/h", "5.5/1h", "x/1h", "50/1h/2")) {
      error(Values::parseRate, bad);
    }
  }

  @Test
  void money() {
    assertEquals(new BigDecimal("10.00"), Values.parseMoney("10.00"));
    assertEquals(new BigDecimal("0.02"), Values.parseMoney("0.02"));
    assertEquals(new BigDecimal("5"), Values.parseMoney("5"));
    assertEquals(BigDecimal.ZERO, Values.parseMoney("0"));
    for (String bad : List.of("-1", "+1", "1e3", "$10", "10.", ".5", "1,000.00", "ten", "")) {
      error(Values::parseMoney, bad);
    }
  }

  @Test
  void booleansAreTrueOrFalseOnly() {
    assertTrue(Values.parseBoolean("true"));
    assertTrue(Values.parseBoolean("TRUE"));
    assertFalse(Values.parseBoolean(" false "));
    for (String bad : List.of("yes", "no", "1", "0", "on", "")) {
      assertTrue(error(Values::parseBoolean, bad).contains("true or false"));
    }
  }

  @Test
  void choices() {
    List<String> risks = List.of("low", "medium", "high", "critical");
    assertEquals("high", Values.parseChoice("HIGH", risks));
    assertEquals("'extreme' is not one of low, medium, high, critical",
        error(v -> Values.parseChoice(v, risks), "extreme"));
  }

  @Test
  void commaLists() {
    assertEquals(List.of("a", "b", "c"), Values.parseList(" a , b,,c, "));
    assertEquals(List.of(), Values.parseList(""));
    assertEquals(Set.of("mcp", "spring-ai"), Values.parseSubset("mcp, Spring-AI", List.of("langchain4j", "spring-ai", "mcp")));
    assertTrue(error(v -> Values.parseSubset(v, List.of("langchain4j", "spring-ai", "mcp")), "mcp,springai")
        .startsWith("'springai' is not one of"));
  }

  @Test
  void portsAndNumbers() {
    assertEquals(0, Values.parsePort("0"));
    assertEquals(65_535, Values.parsePort("65535"));
    error(Values::parsePort, "65536");
    error(Values::parsePort, "-1");
    error(Values::parsePort, "80a");
    assertEquals(100, Values.parseInt("100", 1, 100));
    assertEquals("'0' is not a whole number from 1 to 100", error(v -> Values.parseInt(v, 1, 100), "0"));
    assertEquals("'x' is not a whole number of at least 1",
        error(v -> Values.parseInt(v, 1, Integer.MAX_VALUE), "x"));
    error(v -> Values.parseInt(v, 1, Integer.MAX_VALUE), "99999999999");
  }

  @Test
  void filesThatMustExist(@TempDir Path dir) throws IOException {
    Path key = Files.writeString(dir.resolve("hmac.key"), "secret");
    assertEquals(key, Values.parseExistingFile(key.toString()));
    String missing = error(Values::parseExistingFile, dir.resolve("nope.key").toString());
    assertTrue(missing.startsWith("file not found: ") && missing.contains("nope.key"), missing);
    assertTrue(error(Values::parseExistingFile, dir.toString()).contains("not a regular file"));
    assertTrue(error(Values::parseExistingFile, "relative/nope.txt").contains("relative to the working directory"));
    assertTrue(error(Values::parseExistingFile, "a\0b").contains("not a valid file path"));
  }

  @Test
  void pathInAnExistingDirectory(@TempDir Path dir) {
    Path halt = dir.resolve("HALT");
    assertEquals(halt, Values.parsePathInExistingDirectory(halt.toString()), "the file itself need not exist");
    assertTrue(error(Values::parsePathInExistingDirectory, dir.resolve("no/such/HALT").toString())
        .contains("does not exist"));
  }

  @Test
  void schemaReferences(@TempDir Path dir) throws IOException {
    Path schema = Files.writeString(dir.resolve("s.json"), "{}");
    assertEquals("classpath:/schemas/send_email.json", Values.parseSchemaReference("classpath:/schemas/send_email.json"));
    assertEquals("file:" + schema, Values.parseSchemaReference("file:" + schema));
    assertTrue(error(Values::parseSchemaReference, "file:" + dir.resolve("missing.json")).contains("file not found"));
    for (String bad : List.of("schemas/x.json", "classpath:schemas/x.json", "classpath:/", "file:", "http://x/s.json")) {
      assertTrue(error(Values::parseSchemaReference, bad).contains("schema"), bad);
    }
  }

  @Test
  void principalSources() {
    assertEquals(List.of(new PrincipalSource(PrincipalSource.Kind.CONTEXT, null),
            new PrincipalSource(PrincipalSource.Kind.MDC, "userId"),
            new PrincipalSource(PrincipalSource.Kind.BAGGAGE, "enduser.id")),
        Values.parsePrincipalSources("context, mdc:userId, baggage:enduser.id"));
    for (String bad : List.of("", "mdc", "mdc:", "context:x", "header:user", "baggage: ")) {
      error(Values::parsePrincipalSources, bad);
    }
  }

  @Test
  void celAndWords() {
    assertEquals("args.amount > 10", Values.parseCel(" args.amount > 10 "));
    error(Values::parseCel, "  ");
    assertEquals("support-bot", Values.parseWord("support-bot"));
    error(Values::parseWord, "two words");
  }

  @Test
  void syntaxesOfKeysNotBuiltYet() {
    assertArrayEquals(new Duration[] {Duration.ofMillis(200), Duration.ofSeconds(5)},
        Values.parseDurationRange("200ms..5s"));
    error(Values::parseDurationRange, "5s..200ms");
    error(Values::parseDurationRange, "200ms..");
    assertEquals(new BigDecimal("10.00"), Values.parseBudget("10.00/1d")[0]);
    error(Values::parseBudget, "10.00");
    assertEquals("none", Values.parseApproval("none"));
    assertEquals("when:args.amount > 10000", Values.parseApproval("when: args.amount > 10000"));
    error(Values::parseApproval, "when:");
    error(Values::parseApproval, "sometimes");
    assertEquals("2", Values.parseApprovalLevel("2"));
    assertEquals("confirm", Values.parseApprovalLevel("confirm"));
    error(Values::parseApprovalLevel, "0");
    assertEquals(new BigDecimal("0.02"), Values.parseMoneyOrCel("0.02"));
    assertEquals("args.tokens * 0.0001", Values.parseMoneyOrCel("args.tokens * 0.0001"));
    assertEquals("tool:lookup_cache", Values.parseFallback("tool:lookup_cache"));
    assertEquals("{\"status\":\"unavailable\"}", Values.parseFallback("{\"status\":\"unavailable\"}"));
    assertEquals("42", Values.parseFallback("42"));
    error(Values::parseFallback, "{not json");
    error(Values::parseFallback, "tool:");
    assertEquals(List.of("api.acme.com:443", "*.internal"), Values.parseNetworkRules("api.acme.com:443, *.internal"));
    assertEquals(List.of("deny"), Values.parseNetworkRules("DENY"));
    error(Values::parseNetworkRules, "api.acme.com:99999");
    error(Values::parseNetworkRules, "http://api.acme.com");
    assertEquals(List.of("/usr/bin/convert"), Values.parseExecRules("/usr/bin/convert"));
    error(Values::parseExecRules, "convert");
    assertEquals(Set.of("SELECT", "INSERT"), Values.parseSqlOperations("select,INSERT"));
    error(Values::parseSqlOperations, "SELECT,GRANT");
    String hex = "a".repeat(64);
    assertEquals(hex, Values.parseSha256Hex(hex.toUpperCase()));
    String secretish = error(Values::parseSha256Hex, "my-plain-token");
    assertFalse(secretish.contains("my-plain-token"), "a token pasted by mistake is not echoed");
    assertEquals("https", Values.parseHttpUrl("https://hooks.acme.com/x?token=t").getScheme());
    String url = error(Values::parseHttpUrl, "ftp://user:pw@host/x");
    assertFalse(url.contains("pw"), url);
    assertEquals("redis", Values.parseRedisUri("redis://127.0.0.1:6379/0").getScheme());
    error(Values::parseRedisUri, "127.0.0.1:6379");
    assertEquals("0.0.0.0", Values.parseHost("0.0.0.0"));
    assertEquals("::1", Values.parseHost("::1"));
    error(Values::parseHost, "bad host");
  }
}
