package dev.agentguard.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code agentguard.tool.<name>.method=} pattern, which names tool methods in code that cannot be
 * annotated: {@code com.acme.mail.MailService#send(java.lang.String,java.lang.String)}.
 *
 * <p>{@code *} in the class or method part matches any characters, dots included. The parameter list is
 * optional (absent = any overload); in it, types are fully qualified ({@code java.lang.String}), primitive
 * ({@code int}) or arrays ({@code byte[]}), {@code *} is any one type and a final {@code ..} any remaining
 * ones. Nested classes are written {@code Outer$Inner}. Matching allocates nothing: it runs for every class
 * the JVM loads.
 */
public final class MethodPattern {
  private static final String EXAMPLE = "write Type#method or Type#method(param,...), for example "
      + "com.acme.mail.MailService#send(java.lang.String,int)";
  private static final Set<String> PRIMITIVES =
      Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");
  private static final String ANY_ONE = "*";
  private static final String ANY_REST = "..";

  private final String text;
  private final String typeGlob;
  private final String methodGlob;
  /** {@code null} = any overload; otherwise exact names, {@link #ANY_ONE}, and a last {@link #ANY_REST}. */
  private final String[] parameters;

  private MethodPattern(String text, String typeGlob, String methodGlob, String[] parameters) {
    this.text = text;
    this.typeGlob = typeGlob;
    this.methodGlob = methodGlob;
    this.parameters = parameters;
  }

  /**
   * Parses a pattern.
   *
   * @throws IllegalArgumentException naming what is wrong, for an operator to fix
   */
  public static MethodPattern parse(String text) {
    String s = Values.trim(text);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("no value; expected a method pattern: " + EXAMPLE);
    }
    int hash = s.indexOf('#');
    if (hash < 0 || s.indexOf('#', hash + 1) >= 0) {
      throw bad(s, "it needs exactly one # between the class and the method");
    }
    String type = s.substring(0, hash).trim();
    String rest = s.substring(hash + 1).trim();
    int open = rest.indexOf('(');
    String method = (open < 0 ? rest : rest.substring(0, open)).trim();
    String[] params = null;
    if (open >= 0) {
      if (!rest.endsWith(")") || rest.indexOf('(', open + 1) >= 0 || rest.indexOf(')') != rest.length() - 1) {
        throw bad(s, "the parameter list must be one (...) at the end");
      }
      params = parseParameters(s, rest.substring(open + 1, rest.length() - 1));
    } else if (rest.indexOf(')') >= 0) {
      throw bad(s, "')' without '('");
    }
    checkTypeName(s, type);
    checkMethodName(s, method);
    return new MethodPattern(s, type, method, params);
  }

  /** Does the class part match this binary class name ({@code com.acme.Foo$Bar})? */
  public boolean matchesType(String binaryClassName) {
    return globMatches(typeGlob, binaryClassName);
  }

  /**
   * Does the method part match?
   *
   * @param parameterTypeNames as {@code java.lang.String}, {@code int}, {@code byte[]}, {@code com.acme.A$B}
   */
  public boolean matchesMethod(String methodName, List<String> parameterTypeNames) {
    if (!globMatches(methodGlob, methodName)) {
      return false;
    }
    if (parameters == null) {
      return true;
    }
    int n = parameterTypeNames.size();
    for (int i = 0; i < parameters.length; i++) {
      String p = parameters[i];
      if (p == ANY_REST) {
        return true; // only ever last, see parseParameters
      }
      if (i >= n || (p != ANY_ONE && !p.equals(parameterTypeNames.get(i)))) {
        return false;
      }
    }
    return parameters.length == n;
  }

  /** The pattern as written (trimmed). */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MethodPattern other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  private static String[] parseParameters(String pattern, String list) {
    if (list.trim().isEmpty()) {
      return new String[0];
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start <= list.length()) {
      int comma = list.indexOf(',', start);
      int end = comma < 0 ? list.length() : comma;
      String p = list.substring(start, end).trim();
      if (p.isEmpty()) {
        throw bad(pattern, "empty parameter type in the list");
      }
      if (!out.isEmpty() && out.get(out.size() - 1) == ANY_REST) {
        throw bad(pattern, ".. (any remaining parameters) must come last");
      }
      out.add(parameterType(pattern, p));
      start = end + 1;
    }
    return out.toArray(new String[0]);
  }

  /** The canonical form of one parameter entry; identity of {@link #ANY_ONE}/{@link #ANY_REST} is kept. */
  private static String parameterType(String pattern, String p) {
    if (p.equals("*")) {
      return ANY_ONE;
    }
    if (p.equals("..")) {
      return ANY_REST;
    }
    String base = p;
    int dims = 0;
    if (base.endsWith("...")) { // varargs are arrays at run time
      base = base.substring(0, base.length() - 3).trim();
      dims++;
    }
    while (base.endsWith("[]")) {
      base = base.substring(0, base.length() - 2).trim();
      dims++;
    }
    if (base.indexOf('*') >= 0) {
      throw bad(pattern, "parameter type '" + p + "': wildcards inside a type are not supported; "
          + "use * for any one type");
    }
    if (!PRIMITIVES.contains(base)) {
      if (!isQualifiedName(base)) {
        throw bad(pattern, "parameter type '" + p + "' is not a Java type name");
      }
      if (base.indexOf('.') < 0) {
        throw bad(pattern, "parameter type '" + p + "' must be fully qualified, such as java.lang." + base);
      }
    }
    return dims == 0 ? base : base.concat("[]".repeat(dims));
  }

  private static void checkTypeName(String pattern, String type) {
    if (type.isEmpty()) {
      throw bad(pattern, "the class part before # is empty");
    }
    if (type.startsWith(".") || type.endsWith(".") || type.contains("..")) {
      throw bad(pattern, "the class part '" + type + "' has an empty package or class segment");
    }
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (!(Character.isJavaIdentifierPart(c) || c == '.' || c == '*') || Character.isIdentifierIgnorable(c)) {
        throw bad(pattern, "the class part '" + type + "' has '" + c + "', which no class name contains");
      }
    }
  }

  private static void checkMethodName(String pattern, String method) {
    if (method.isEmpty()) {
      throw bad(pattern, "the method name after # is empty");
    }
    if (method.equals("<init>") || method.equals("<clinit>")) {
      throw bad(pattern, "constructors and initialisers are never guarded");
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (!(Character.isJavaIdentifierPart(c) || c == '*') || Character.isIdentifierIgnorable(c)) {
        throw bad(pattern, "the method name '" + method + "' has '" + c + "', which no method name contains");
      }
    }
  }

  private static boolean isQualifiedName(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
      return false;
    }
    boolean segmentStart = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        segmentStart = true;
        continue;
      }
      if (segmentStart ? !Character.isJavaIdentifierStart(c) : !Character.isJavaIdentifierPart(c)) {
        return false;
      }
      segmentStart = false;
    }
    return true;
  }

  private static IllegalArgumentException bad(String pattern, String why) {
    return new IllegalArgumentException(Values.quote(pattern) + " is not a method pattern: " + why + "; " + EXAMPLE);
  }

  /**
   * Glob match where {@code *} is any run of characters: literal pieces are found left to right, which is
   * exact for a single wildcard kind and needs no regex and no allocation.
   */
  static boolean globMatches(String glob, String s) {
    int star = glob.indexOf('*');
    if (star < 0) {
      return glob.equals(s);
    }
    if (!s.regionMatches(0, glob, 0, star)) {
      return false;
    }
    int lastStar = glob.lastIndexOf('*');
    int tailLength = glob.length() - lastStar - 1;
    if (s.length() - tailLength < star || !s.regionMatches(s.length() - tailLength, glob, lastStar + 1, tailLength)) {
      return false;
    }
    int pos = star;
    int limit = s.length() - tailLength;
    int g = star + 1;
    while (g <= lastStar) {
      int next = glob.indexOf('*', g);
      int len = next - g;
      if (len > 0) {
        int found = indexOfRegion(s, pos, limit, glob, g, len);
        if (found < 0) {
          return false;
        }
        pos = found + len;
      }
      g = next + 1;
    }
    return true;
  }

  /** First index in {@code s[from, limit)} where {@code glob[g, g + len)} occurs entirely inside, or -1. */
  private static int indexOfRegion(String s, int from, int limit, String glob, int g, int len) {
    for (int i = from; i + len <= limit; i++) {
      if (s.regionMatches(i, glob, g, len)) {
        return i;
      }
    }
    return -1;
  }
}
