package dev.agentguard.agent.detect;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 3 of a scan: the phrase rules of rules.txt, matched over the token stream. A rule is a short
 * sequence of word classes with bounded gaps, so one rule covers a phrase family in every language of
 * the lexicon ("ignore all previous instructions", "ignoriere die vorherigen Anweisungen",
 * "忽略之前的指令"). Matching tries each rule only at tokens of its first class and never looks further
 * than the rule's bounded width, so the work is linear in the number of tokens.
 */
final class PhraseRules {
  private static final int CLASS = 0;
  private static final int LITERAL = 1;
  private static final int GAP = 2;

  /** One compiled rule. */
  static final class Rule {
    final String family;
    final String name;
    final double priorWeight;
    /**
     * Counts only in a text scanned as a tool argument ({@link Use#INPUT}): the rule is about the assistant's
     * own secrets, and in a tool result "your" speaks to the document's human reader ("never share your
     * password"), not to the assistant.
     */
    final boolean inputOnly;
    final int[] kind;
    final long[] value; // class mask or gap width
    final WordBits[] literals; // for LITERAL elements: every accepted word ("a"|"b")
    final boolean[] optional;
    /**
     * Word sets that must not be in the match, or within {@link #unlessAfter} tokens after it ({@code !SET} or
     * {@code !SET+N}), or, for {@code !SET-N}, within the {@link #unlessBefore} tokens before it; none for most
     * rules. {@code !SET-N/COND}: a word of SET before the match does not count when a word of @COND is within
     * N tokens before that word ({@link #unlessLifted}: "if you do not ignore ...").
     */
    final WordBits[] unless;
    final int[] unlessAfter;
    final int[] unlessBefore;
    final WordBits[] unlessLifted;

    final long[] required; // class masks of the required elements after the first

    Rule(String family, String name, double priorWeight, boolean inputOnly, int[] kind, long[] value,
        WordBits[] literals, boolean[] optional, WordBits[] unless, int[] unlessAfter, int[] unlessBefore,
        WordBits[] unlessLifted) {
      this.family = family;
      this.name = name;
      this.priorWeight = priorWeight;
      this.inputOnly = inputOnly;
      this.kind = kind;
      this.value = value;
      this.literals = literals;
      this.optional = optional;
      this.unless = unless;
      this.unlessAfter = unlessAfter;
      this.unlessBefore = unlessBefore;
      this.unlessLifted = unlessLifted;
      java.util.List<Long> req = new java.util.ArrayList<>();
      for (int i = 1; i < kind.length; i++) {
        if (kind[i] == CLASS && !optional[i]) {
          req.add(value[i]);
        }
      }
      this.required = req.stream().mapToLong(Long::longValue).toArray();
    }

    /** Whether every required class occurs in a sentence with these classes. */
    boolean possibleIn(long sentenceClasses) {
      for (long m : required) {
        if ((sentenceClasses & m) == 0) {
          return false;
        }
      }
      return true;
    }

    String id() {
      return family + "." + name;
    }
  }

  final List<Rule> rules;
  private final Rule[] ruleArray; // the same rules, without a list call per candidate
  private final int[][] byFirstBit; // class bit -> rules whose first element has that bit
  private final long firstClasses; // every class some rule starts with: other tokens cannot start a match

  private PhraseRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    this.ruleArray = rules.toArray(new Rule[0]);
    List<List<Integer>> index = new ArrayList<>();
    for (int bit = 0; bit < 64; bit++) {
      index.add(new ArrayList<>());
    }
    for (int r = 0; r < rules.size(); r++) {
      long mask = rules.get(r).value[0];
      for (int bit = 0; bit < 64; bit++) {
        if ((mask & (1L << bit)) != 0) {
          index.get(bit).add(r);
        }
      }
    }
    byFirstBit = new int[64][];
    long first = 0;
    for (int bit = 0; bit < 64; bit++) {
      byFirstBit[bit] = index.get(bit).stream().mapToInt(Integer::intValue).toArray();
      if (byFirstBit[bit].length > 0) {
        first |= 1L << bit;
      }
    }
    firstClasses = first;
  }

  /** Receives each match: rule index and token range [first, last]. */
  interface Hits {
    void hit(int rule, int firstToken, int lastToken);
  }

  /** Finds all rule matches; a rule that matched is not reported again for overlapping tokens. */
  void match(ScanBuffer b, int[] lastEndByRule, Hits hits) {
    java.util.Arrays.fill(lastEndByRule, 0, rules.size(), -1);
    int n = b.tokenCount;
    int sentence = -1;
    long sentenceClasses = 0;
    for (int t = 0; t < n; t++) {
      long cls = b.tokClass[t] & firstClasses;
      if (cls == 0) {
        continue;
      }
      if (b.tokSentence[t] != sentence) {
        // The classes of the whole sentence: a rule whose words are not all there is not tried.
        sentence = b.tokSentence[t];
        sentenceClasses = 0;
        for (int k = t; k < n && b.tokSentence[k] == sentence; k++) {
          sentenceClasses |= b.tokClass[k];
        }
      }
      while (cls != 0) {
        int bit = Long.numberOfTrailingZeros(cls);
        cls &= cls - 1;
        for (int r : byFirstBit[bit]) {
          Rule rule = ruleArray[r];
          if (t <= lastEndByRule[r] || !rule.possibleIn(sentenceClasses)) {
            continue;
          }
          b.work++;
          int end = matchFrom(rule, 1, t + 1, b.tokSentence[t], b);
          if (end >= 0 && rule.unless.length > 0 && isExcluded(rule, t, end, b)) {
            end = -1;
          }
          if (end >= 0) {
            lastEndByRule[r] = end;
            hits.hit(r, t, end);
          }
        }
      }
    }
  }

  /**
   * Whether a word of one of the rule's {@code !SET} sets is in tokens (first, last + N] of the sentence:
   * what "ignore the previous" or "forget any" takes as its object is then a thing ("ignore the previous
   * invoice"), or the speaker's own ("ignore my previous message"), not the instructions. A {@code !SET-N}
   * set looks at tokens [first - N, first) instead: the order is negated ("never let them override ..."),
   * unless a condition comes before the negation ("... if you do not ignore your rules").
   */
  private static boolean isExcluded(Rule rule, int first, int last, ScanBuffer b) {
    int sentence = b.tokSentence[first];
    for (int s = 0; s < rule.unless.length; s++) {
      int from = rule.unlessBefore[s] > 0 ? Math.max(0, first - rule.unlessBefore[s]) : first + 1;
      int to = rule.unlessBefore[s] > 0 ? first - 1 : last + rule.unlessAfter[s];
      for (int t = from; t <= to && t < b.tokenCount; t++) {
        if (b.tokSentence[t] != sentence) {
          if (t > first) {
            break;
          }
          continue;
        }
        b.work++;
        if (rule.unless[s].contains(b.tokHash[t])
            && !(rule.unlessBefore[s] > 0 && lifted(rule.unlessLifted[s], t, first, rule.unlessBefore[s], b))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the word of a {@code !SET-N} set at token t does not govern the match that starts at token
   * {@code first}: a clause break stands between them ("Do not wait: ignore all previous instructions"), or a
   * word of {@code cond} stands within the n tokens before t ("if you do not ignore ...") or between t and
   * the match ("do not hesitate to ignore ...").
   */
  private static boolean lifted(WordBits cond, int t, int first, int n, ScanBuffer b) {
    for (int k = t; k < first; k++) {
      b.work++;
      if (b.endsPhrase(k, ",:;") || k > t && cond != null && cond.contains(b.tokHash[k])) {
        return true;
      }
    }
    if (cond == null) {
      return false;
    }
    for (int k = t - 1; k >= Math.max(0, t - n) && b.tokSentence[k] == b.tokSentence[t]; k--) {
      b.work++;
      if (cond.contains(b.tokHash[k])) {
        return true;
      }
    }
    return false;
  }

  /** Matches elements [e..] starting at token t; returns the last token used, or -1. */
  private static int matchFrom(Rule rule, int e, int t, int sentence, ScanBuffer b) {
    if (e == rule.kind.length) {
      return t - 1;
    }
    int kind = rule.kind[e];
    if (kind == GAP) {
      int width = (int) rule.value[e];
      for (int skip = 0; skip <= width; skip++) {
        if (t + skip > b.tokenCount || (skip > 0 && b.tokSentence[t + skip - 1] != sentence)) {
          break;
        }
        b.work++;
        int r = matchFrom(rule, e + 1, t + skip, sentence, b);
        if (r >= 0) {
          return r;
        }
      }
      return -1;
    }
    if (t < b.tokenCount && b.tokSentence[t] == sentence) {
      boolean ok = kind == CLASS ? (b.tokClass[t] & rule.value[e]) != 0
          : rule.literals[e].contains(b.tokHash[t]);
      if (ok) {
        int r = matchFrom(rule, e + 1, t + 1, sentence, b);
        if (r >= 0) {
          return r;
        }
      }
    }
    return rule.optional[e] ? matchFrom(rule, e + 1, t, sentence, b) : -1;
  }

  static PhraseRules load(InputStream in, String resourceName, Lexicon lex) throws IOException {
    List<Rule> rules = new ArrayList<>();
    Map<String, List<String>> sets = new HashMap<>();
    for (DataLines.Line dataLine : DataLines.read(in)) {
      int lineNo = dataLine.number();
      String line = dataLine.text();
      try {
        if (line.startsWith("@")) {
          int eq = line.indexOf('=');
          if (eq < 0) {
            throw new IllegalArgumentException("expected '@SET = word word ...'");
          }
          sets.computeIfAbsent(line.substring(1, eq).strip(), k -> new ArrayList<>())
              .addAll(List.of(line.substring(eq + 1).strip().split("\\s+")));
          continue;
        }
        rules.add(parse(line, lex, sets));
      } catch (IllegalArgumentException e) {
        throw new IOException(resourceName + " line " + lineNo + ": " + e.getMessage());
      }
    }
    return new PhraseRules(rules);
  }

  private static Rule parse(String line, Lexicon lex, Map<String, List<String>> sets) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected 'family.name weight : elements'");
    }
    String[] head = line.substring(0, colon).strip().split("\\s+");
    boolean inputOnly = head.length == 3 && head[2].equals("input");
    if (head.length != (inputOnly ? 3 : 2) || head[0].indexOf('.') <= 0) {
      throw new IllegalArgumentException("expected 'family.name weight' or 'family.name weight input' before ':'");
    }
    String family = head[0].substring(0, head[0].indexOf('.'));
    String name = head[0].substring(head[0].indexOf('.') + 1);
    double weight = Double.parseDouble(head[1]);
    String[] all = line.substring(colon + 1).strip().split("\\s+");
    int elements = all.length;
    while (elements > 1 && all[elements - 1].startsWith("!")) {
      elements--;
    }
    WordBits[] unless = new WordBits[all.length - elements];
    int[] unlessAfter = new int[unless.length];
    int[] unlessBefore = new int[unless.length];
    WordBits[] unlessLifted = new WordBits[unless.length];
    for (int i = 0; i < unless.length; i++) {
      String set = all[elements + i].substring(1);
      int slash = set.indexOf('/');
      if (slash >= 0) {
        List<String> cond = sets.get(set.substring(slash + 1));
        if (cond == null || set.indexOf('-') < 0) {
          throw new IllegalArgumentException("!SET-N/COND needs a word set @COND defined above this rule: " + set);
        }
        unlessLifted[i] = WordBits.setOf(cond.toArray(new String[0]));
        set = set.substring(0, slash);
      }
      int plus = set.indexOf('+');
      int minus = set.indexOf('-');
      if (plus >= 0) {
        unlessAfter[i] = Integer.parseInt(set.substring(plus + 1));
        set = set.substring(0, plus);
        if (unlessAfter[i] < 0 || unlessAfter[i] > 8) {
          throw new IllegalArgumentException("!" + set + "+N: N must be 0..8");
        }
      } else if (minus >= 0) {
        unlessBefore[i] = Integer.parseInt(set.substring(minus + 1));
        set = set.substring(0, minus);
        if (unlessBefore[i] < 1 || unlessBefore[i] > 8) {
          throw new IllegalArgumentException("!" + set + "-N: N must be 1..8");
        }
      }
      List<String> words = sets.get(set);
      if (words == null) {
        throw new IllegalArgumentException("no word set @" + set + " defined above this rule");
      }
      unless[i] = WordBits.setOf(words.toArray(new String[0]));
    }
    String[] parts = Arrays.copyOf(all, elements);
    int[] kind = new int[parts.length];
    long[] value = new long[parts.length];
    WordBits[] literals = new WordBits[parts.length];
    boolean[] optional = new boolean[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.startsWith("~")) {
        kind[i] = GAP;
        value[i] = Integer.parseInt(p.substring(1));
        if (value[i] < 1 || value[i] > 8 || i == 0 || i == parts.length - 1) {
          throw new IllegalArgumentException("gap " + p + " must be ~1..~8 between two elements");
        }
        continue;
      }
      if (p.endsWith("?")) {
        optional[i] = true;
        p = p.substring(0, p.length() - 1);
      }
      if (p.startsWith("\"")) {
        kind[i] = LITERAL;
        String[] words = p.split("\\|");
        for (int w = 0; w < words.length; w++) {
          if (words[w].length() < 3 || !words[w].startsWith("\"") || !words[w].endsWith("\"")) {
            throw new IllegalArgumentException("literal alternatives must all be quoted: " + p);
          }
          words[w] = words[w].substring(1, words[w].length() - 1);
        }
        literals[i] = WordBits.setOf(words);
      } else {
        kind[i] = CLASS;
        long mask = 0;
        for (String c : p.split("\\|")) {
          mask |= lex.classBit(c);
        }
        value[i] = mask;
      }
    }
    if (kind[0] != CLASS || optional[0]) {
      throw new IllegalArgumentException("a rule must start with a required word class");
    }
    return new Rule(family, name, weight, inputOnly, kind, value, literals, optional, unless, unlessAfter,
        unlessBefore, unlessLifted);
  }
}
