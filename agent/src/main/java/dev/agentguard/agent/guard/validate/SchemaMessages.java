package dev.agentguard.agent.guard.validate;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns validation errors into sentences about arguments: "`to[0]` must be an e-mail address". Errors
 * inside the branches of an {@code anyOf} or {@code oneOf} are alternatives, not a list of demands, and
 * read as such: "either `payment.iban` is required, or `payment.card` is required". Values the caller sent
 * and names of fields it made up are never repeated: they may be secrets or injected text. A made-up name
 * in a path is {@code *} ({@link #path}).
 */
final class SchemaMessages {
  private static final Map<String, String> FORMATS = Map.ofEntries(
      Map.entry("email", "an e-mail address"),
      Map.entry("idn-email", "an e-mail address"),
      Map.entry("date", "a date like 2026-01-31"),
      Map.entry("date-time", "a date and time like 2026-01-31T09:30:00Z"),
      Map.entry("time", "a time like 09:30:00Z"),
      Map.entry("duration", "an ISO 8601 duration like PT30M"),
      Map.entry("uri", "an absolute URI"),
      Map.entry("uri-reference", "a URI reference"),
      Map.entry("hostname", "a host name"),
      Map.entry("ipv4", "an IPv4 address"),
      Map.entry("ipv6", "an IPv6 address"),
      Map.entry("uuid", "a UUID"));

  /** What an argument must be, by keyword, after its name; {@code %s} is the keyword's first argument. */
  private static final Map<String, String> SENTENCES = Map.ofEntries(
      Map.entry("enum", "must be one of %s"),
      Map.entry("const", "must be exactly %s"),
      Map.entry("minimum", "must be at least %s"),
      Map.entry("maximum", "must be at most %s"),
      Map.entry("exclusiveMinimum", "must be greater than %s"),
      Map.entry("exclusiveMaximum", "must be less than %s"),
      Map.entry("minLength", "must be at least %s characters long"),
      Map.entry("maxLength", "must be at most %s characters long"),
      Map.entry("minItems", "must have at least %s item(s)"),
      Map.entry("maxItems", "must have at most %s item(s)"),
      Map.entry("pattern", "must have the form the tool expects"),
      Map.entry("uniqueItems", "must not repeat items"),
      Map.entry("multipleOf", "must be a multiple of %s"),
      Map.entry("minProperties", "must have at least %s field(s)"),
      Map.entry("maxProperties", "must have at most %s field(s)"),
      Map.entry("maxContains", "must contain at most %s item(s) of that form"),
      Map.entry("propertyNames", "has a field whose name is not accepted; use only the field names the tool defines"),
      Map.entry("not", "has a value that is not allowed here; choose another"));

  private SchemaMessages() {}

  /** At most this many alternatives are spelled out; the rest are counted. */
  private static final int MAX_ALTERNATIVES = 3;

  /** One sentence per problem, in the order the validator found them; alternatives make one problem. */
  static List<String> explainAll(List<Error> errors) {
    Map<String, Object> problems = new LinkedHashMap<>(); // a sentence, or the Alternatives of one anyOf/oneOf
    for (Error e : errors) {
      String eval = e.getEvaluationPath() == null ? "" : e.getEvaluationPath().toString();
      String keyword = e.getKeyword() == null ? "" : e.getKeyword();
      int[] branch = firstBranch(eval);
      if (branch != null) {
        String key = eval.substring(0, branch[0]);
        ((Alternatives) problems.computeIfAbsent(key, k -> new Alternatives())).add(branch[1], explain(e));
      } else if (keyword.equals("oneOf") || keyword.equals("anyOf")) {
        ((Alternatives) problems.computeIfAbsent(eval, k -> new Alternatives())).header = e;
      } else {
        problems.put(eval + "#" + problems.size(), explain(e));
      }
    }
    List<String> out = new ArrayList<>();
    for (Object p : problems.values()) {
      out.add(p instanceof Alternatives a ? a.explain() : (String) p);
    }
    return out;
  }

  /**
   * Where the first {@code /anyOf/N} or {@code /oneOf/N} of an evaluation path ends its keyword, and N;
   * null when the error lies in no branch.
   */
  private static int[] firstBranch(String eval) {
    int best = -1;
    int keywordEnd = -1;
    for (String composite : new String[] {"/anyOf/", "/oneOf/"}) {
      int at = eval.indexOf(composite);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
        keywordEnd = at + composite.length() - 1;
      }
    }
    if (best < 0) {
      return null;
    }
    int digits = keywordEnd + 1;
    int end = digits;
    while (end < eval.length() && Character.isDigit(eval.charAt(end))) {
      end++;
    }
    if (end == digits || end - digits > 6) {
      return null;
    }
    return new int[] {keywordEnd, Integer.parseInt(eval.substring(digits, end))};
  }

  /** The failed branches of one anyOf or oneOf, and the composite's own error where the validator gives one. */
  private static final class Alternatives {
    final Map<Integer, List<String>> branches = new TreeMap<>();
    Error header;

    void add(int branch, String sentence) {
      List<String> sentences = branches.computeIfAbsent(branch, b -> new ArrayList<>());
      if (!sentences.contains(sentence)) {
        sentences.add(sentence);
      }
    }

    String explain() {
      if (header != null && "oneOf".equals(header.getKeyword()) && matched(header) > 1) {
        return "`" + path(header) + "` fits more than one of its accepted forms; it must fit exactly one";
      }
      if (branches.isEmpty()) {
        return "`" + (header == null ? "arguments" : path(header)) + "` fits none of its accepted forms";
      }
      List<String> forms = new ArrayList<>();
      for (List<String> sentences : branches.values()) {
        if (forms.size() == MAX_ALTERNATIVES) {
          break;
        }
        forms.add(String.join(" and ", sentences));
      }
      if (forms.size() == 1) {
        return forms.get(0);
      }
      String either = "either " + String.join(", or ", forms);
      int more = branches.size() - forms.size();
      return more == 0 ? either : either + ", or fit one of " + more + " other accepted form(s)";
    }

    /** How many branches a oneOf matched: its first argument. */
    private static int matched(Error oneOf) {
      try {
        return Integer.parseInt(arg(oneOf.getArguments() == null ? new Object[0] : oneOf.getArguments(), 0));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  static String explain(Error e) {
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    String at = path(e);
    switch (keyword) {
      case "required":
        return "`" + join(at, e.getProperty() != null ? e.getProperty() : arg(args, 0)) + "` is required";
      case "additionalProperties":
      case "unevaluatedProperties":
        if (!at.equals("arguments")) { // a field the caller made up: its name may be injected text or a secret
          return "`" + at + "` has a field that is not accepted; leave out the fields the tool does not define";
        }
        return "`" + (e.getProperty() != null ? e.getProperty() : arg(args, 0))
            + "` is not an accepted argument; leave it out";
      case "type":
        return "`" + at + "` must be " + article(arg(args, 1)) + " (got " + arg(args, 0) + ")";
      case "format":
        String format = arg(args, 0);
        return "`" + at + "` must be " + FORMATS.getOrDefault(format, "a valid " + format);
      case "contains":
      case "minContains":
        return "`" + at + "` must contain at least " + (arg(args, 0).matches("\\d{1,9}") ? arg(args, 0) : "1")
            + " item(s) of the form the tool expects";
      case "dependentRequired":
        return "`" + join(at, arg(args, 0)) + "` is required when `" + join(at, arg(args, 1)) + "` is given";
      case "dependencies": // draft 7: the property given; the keyword's value maps it to what it needs
        return dependencies(e, at);
      case "false":
        return "`" + at + "` is not accepted; leave it out";
      case "additionalItems":
      case "unevaluatedItems":
        return "`" + (e.getIndex() != null ? at + "[" + e.getIndex() + "]" : at) + "` is not accepted; leave it out";
      default:
        String sentence = SENTENCES.get(keyword);
        return "`" + at + "` " + (sentence == null ? "is not acceptable (" + keyword + ")"
            : sentence.replace("%s", arg(args, 0)));
    }
  }

  private static String dependencies(Error e, String at) {
    String given = e.getProperty() == null ? "?" : e.getProperty();
    JsonNode needs = e.getSchemaNode() == null ? null : e.getSchemaNode().get(given);
    List<String> names = new ArrayList<>();
    if (needs != null && needs.isArray()) {
      for (JsonNode n : needs) {
        names.add("`" + join(at, n.asString()) + "`");
      }
    }
    if (names.isEmpty()) { // a schema dependency: its own errors say what is wrong
      return "`" + join(at, given) + "` needs other fields of `" + at + "` with it";
    }
    return String.join(" and ", names) + (names.size() == 1 ? " is" : " are") + " required when `" + join(at, given)
        + "` is given";
  }

  /**
   * The instance location as {@code to[0]} or {@code address.city}; the whole argument object is "arguments".
   * A name is written only if it is a parameter (the first name: the method's, not the caller's) or a
   * property the schema declares on the way (its evaluation path has {@code /properties/NAME}); a key the
   * caller made up, in a map the schema leaves open, is {@code *}: it may be injected text or a secret.
   */
  private static String path(Error e) {
    NodePath p = e.getInstanceLocation();
    if (p == null || p.getNameCount() == 0) {
      return "arguments";
    }
    String eval = e.getEvaluationPath() == null ? "" : e.getEvaluationPath().toString();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.getNameCount(); i++) {
      Object element = p.getElement(i);
      if (element instanceof Integer index) {
        sb.append('[').append(index).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        String name = String.valueOf(element);
        boolean declared = i == 0 || eval.contains("/properties/" + name.replace("~", "~0").replace("/", "~1"));
        sb.append(declared ? name : "*");
      }
    }
    return sb.toString();
  }

  private static String join(String at, String property) {
    return at.equals("arguments") ? property : at + "." + property;
  }

  private static String arg(Object[] args, int i) {
    return i < args.length && args[i] != null ? String.valueOf(args[i]) : "?";
  }

  private static String article(String type) {
    switch (type) {
      case "integer":
        return "an integer";
      case "array":
        return "an array";
      case "object":
        return "an object";
      default:
        return "a " + type;
    }
  }
}
