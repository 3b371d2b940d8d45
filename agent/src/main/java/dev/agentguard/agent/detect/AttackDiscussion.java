package dev.agentguard.agent.detect;

/**
 * A text that discusses attacks on AI rather than carrying one: a security guide, a paper on jailbreaks, an
 * article or a scanner's README that quotes "ignore previous instructions" as its example. Such a text names
 * what it discusses with words of at least two of four groups ({@link #GROUPS}): the attack, its means, the
 * adversary and the defence ("indirect prompt injection ... an attacker ... mitigations"). An injection hidden
 * in data does not name itself so: in the 31 probe sets of {@code benchmarks/probes}, 2 of 1,225 attacks hold
 * words of two groups, and 87 of 1,748 benign texts do; in the development data, 3 of 746 attacks (jailbreaks
 * that call themselves one) and 5 of 1,111 benign texts.
 *
 * <p>The feature pulls the score down ({@code data.discusses_attacks}, prior -2); it gives no order, so it never
 * spares a tool result the margin of one in which nothing fired, and it is no signal of a detection. An attacker
 * who adds such words loses 2 logits of a score that a real order in the text keeps far above the threshold.
 * One pass over the tokens, only when {@link OrderWords} marked one of the words.
 */
final class AttackDiscussion {
  /** The four groups, each word folded as the lexicon folds; a word belongs to one group. */
  static final String[][] GROUPS = {
    // The attack.
    {"attack", "attacks", "phishing", "jailbreak", "jailbreaks", "jailbreaking", "angriff", "angriffe", "angriffs",
        "attaque", "attaques", "ataque", "ataques", "attacco", "attacchi", "攻击", "攻撃", "越狱", "ジェイルブレイク", "атака",
        "атаки", "атак", "атаку"},
    // Its means.
    {"injection", "injections", "injected", "injecting", "payload", "payloads", "exploit", "exploits", "exploited",
        "exploitation", "injektion", "injektionen", "inyeccion", "inyecciones", "iniezione", "iniezioni", "injecao",
        "injecoes", "注入", "インジェクション", "инъекция", "инъекции", "инъекций"},
    // The adversary.
    {"attacker", "attackers", "adversary", "adversaries", "adversarial", "malicious", "hacker", "hackers",
        "threat", "threats", "scammer", "scammers", "fraudster", "fraudsters", "angreifer", "bosartig",
        "bosartige", "bosartigen", "attaquant", "attaquants", "malveillant", "malveillante", "malveillants",
        "malveillantes", "atacante", "atacantes", "malicioso", "maliciosa", "maliciosos", "maliciosas",
        "attaccante", "attaccanti", "malevolo", "malevola", "攻击者", "恶意", "攻撃者", "悪意", "злоумышленник",
        "злоумышленники", "злоумышленника", "вредоносный", "вредоносные"},
    // The defence.
    {"mitigation", "mitigations", "mitigate", "mitigates", "vulnerability", "vulnerabilities", "vulnerable",
        "defense", "defence", "defenses", "defences", "countermeasure", "countermeasures", "owasp", "red-team",
        "red-teaming", "redteam", "cve", "advisory", "severity", "pentest", "schwachstelle", "schwachstellen",
        "abwehr", "gegenmassnahmen", "vulnerabilite", "vulnerabilites", "contre-mesures", "defensa", "defensas",
        "vulnerabilidad", "vulnerabilidades", "mitigacion", "vulnerabilita", "difesa", "difese", "mitigazione",
        "vulnerabilidade", "defesa", "mitigacao", "漏洞", "防御", "缓解", "脆弱性", "уязвимость", "уязвимости", "защита"}
  };
  /** How many groups a text must name. */
  static final int MIN_GROUPS = 2;
  private static final WordBits GROUP_OF = new WordBits(8);

  static {
    for (int g = 0; g < GROUPS.length; g++) {
      GROUP_OF.add(1 << g, GROUPS[g]);
    }
  }

  private AttackDiscussion() {}

  /** Whether the text holds words of {@link #MIN_GROUPS} groups; {@code marks} are its {@link OrderWords} marks. */
  static boolean find(ScanBuffer b, int marks) {
    if ((marks & OrderWords.DISCUSSION) == 0) {
      return false;
    }
    int groups = 0;
    for (int t = 0; t < b.tokenCount; t++) {
      if ((b.tokMark[t] & OrderWords.DISCUSSION) != 0) {
        groups |= GROUP_OF.of(b.tokHash[t]);
        if (Integer.bitCount(groups) >= MIN_GROUPS) {
          return true;
        }
      }
    }
    return false;
  }
}
