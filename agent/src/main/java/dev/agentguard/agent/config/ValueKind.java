package dev.agentguard.agent.config;

import java.util.List;
import java.util.Locale;

/**
 * The syntax of a key's value, naming the {@link Values} parser that reads it. An enum with one switch
 * rather than a lambda per key: the table is built in {@code premain}, where every spun lambda class costs.
 */
enum ValueKind {
  CHOICE,
  BOOLEAN,
  DURATION,
  DURATION_RANGE,
  SIZE,
  RATE,
  BUDGET,
  MONEY_OR_CEL,
  PORT,
  COUNT,
  COUNT_TO_100,
  SCORE,
  PATH,
  EXISTING_FILE,
  PATH_IN_EXISTING_DIRECTORY,
  SCHEMA,
  CEL,
  WORD,
  WORDS,
  LIST,
  FRAMEWORKS,
  PII_TYPES,
  PRINCIPAL_SOURCES,
  METHOD,
  ALLOW_LIST,
  APPROVAL,
  APPROVAL_LEVEL,
  FALLBACK,
  NETWORK,
  EXEC,
  SQL_OPERATIONS,
  SHA256_HEX,
  HTTP_URL,
  REDIS_URI,
  HOST;

  static final List<String> FRAMEWORK_NAMES = List.of("langchain4j", "spring-ai", "mcp");
  static final List<String> PII_TYPE_NAMES = List.of("email", "phone", "credit_card", "ssn", "iban", "ip", "secret");

  /**
   * Parses {@code value} to its canonical form (equal values compare equal).
   *
   * @param choices the allowed values for {@link #CHOICE}, else unused
   * @throws IllegalArgumentException worded for the operator
   */
  Object parse(String value, List<String> choices) {
    switch (this) {
      case CHOICE:
        return Values.parseChoice(value, choices).toLowerCase(Locale.ROOT);
      case BOOLEAN:
        return Values.parseBoolean(value);
      case DURATION:
        return Values.parseDuration(value);
      case DURATION_RANGE:
        return List.of(Values.parseDurationRange(value));
      case SIZE:
        return Values.parseSize(value);
      case RATE:
        return Values.parseRate(value);
      case BUDGET:
        return List.of(Values.parseBudget(value));
      case MONEY_OR_CEL:
        return Values.parseMoneyOrCel(value);
      case PORT:
        return Values.parsePort(value);
      case COUNT:
        return Values.parseInt(value, 1, Integer.MAX_VALUE);
      case COUNT_TO_100:
        return Values.parseInt(value, 1, 100);
      case SCORE:
        return Values.parseScore(value);
      case PATH:
        return Values.parsePath(value);
      case EXISTING_FILE:
        return Values.parseExistingFile(value);
      case PATH_IN_EXISTING_DIRECTORY:
        return Values.parsePathInExistingDirectory(value);
      case SCHEMA:
        return Values.parseSchemaReference(value);
      case CEL:
        return Values.parseCel(value);
      case WORD:
        return Values.parseWord(value);
      case WORDS:
        return Values.parseWords(value);
      case LIST:
        return Values.parseList(value);
      case FRAMEWORKS:
        return Values.parseSubset(value, FRAMEWORK_NAMES);
      case PII_TYPES:
        return Values.parseSubset(value, PII_TYPE_NAMES);
      case PRINCIPAL_SOURCES:
        return Values.parsePrincipalSources(value);
      case METHOD:
        return MethodPattern.parse(value);
      case ALLOW_LIST:
        return AllowList.parse(value);
      case APPROVAL:
        return Values.parseApproval(value);
      case APPROVAL_LEVEL:
        return Values.parseApprovalLevel(value);
      case FALLBACK:
        return Values.parseFallback(value);
      case NETWORK:
        return Values.parseNetworkRules(value);
      case EXEC:
        return Values.parseExecRules(value);
      case SQL_OPERATIONS:
        return Values.parseSqlOperations(value);
      case SHA256_HEX:
        return Values.parseSha256Hex(value);
      case HTTP_URL:
        return Values.parseHttpUrl(value);
      case REDIS_URI:
        return Values.parseRedisUri(value);
      case HOST:
        return Values.parseHost(value);
      default:
        throw new IllegalStateException("no parser for " + this);
    }
  }
}
