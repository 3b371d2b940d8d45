package dev.agentguard.agent.detect;

/**
 * Many-shot and few-shot framing: a text that demonstrates an exchange ("Q: ... A: ... Q: ...", "Input: ... Output: ... Input: ...") so that
 * the model continues the pattern instead of its instructions. Found on the token stream: a question
 * label or an answer label is one of a few words followed directly by a colon in the normalised text. It
 * fires when at least two question labels and one answer label occur, that is, a demonstrated answer
 * followed by a new question. One pass over the tokens.
 */
final class FewShotDialogue {
  static final WordBits QUESTION = WordBits.setOf("q", "question", "frage", "pregunta", "domanda", "pergunta",
      "input", "eingabe", "entree", "entrada", "ingresso");
  static final WordBits ANSWER = WordBits.setOf("a", "answer", "antwort", "respuesta", "risposta",
      "resposta", "reponse", "output", "ausgabe", "sortie", "salida", "uscita", "saida");
  static final int MIN_QUESTIONS = 2;

  private FewShotDialogue() {}

  /** The token index of the question label that completes the pattern, or -1. */
  static int find(ScanBuffer b) {
    int both = OrderWords.GATE_QUESTION | OrderWords.GATE_ANSWER;
    if ((b.wordGates & both) != both) {
      return -1;
    }
    int questions = 0;
    int answers = 0;
    for (int t = 0; t < b.tokenCount; t++) {
      int end = b.tokEnd[t];
      if (end >= b.normLength || b.norm[end] != ':' || end - b.tokStart[t] > 8) {
        continue;
      }
      long h = b.tokHash[t];
      if (QUESTION.contains(h)) {
        questions++;
        if (questions >= MIN_QUESTIONS && answers > 0) {
          return t;
        }
      } else if (ANSWER.contains(h)) {
        answers++;
      }
    }
    return -1;
  }
}
