package dev.agentguard.agent.detect;

import java.util.Arrays;

/**
 * Per-thread scratch arrays of one scan level (normalised text, offsets, tokens), reused
 * across calls so scanning a typical argument allocates almost nothing. Buffers that grew for a huge
 * text are dropped afterwards instead of being kept for the thread's lifetime.
 */
final class ScanBuffer {
  static final int KEEP_LIMIT = 1 << 16;

  // Normalised view: norm[i] came from the original text at origStart[i] (see endOf).
  char[] norm = new char[1024];
  int[] origStart = new int[1024];
  int normLength;
  int textLength;
  // Original ranges of runs that may be base64 or hex, noted by the normaliser for the decoders.
  int[] encodedRuns = new int[16];
  int encodedRunCount;
  int dotsAndDashes;

  // Evidence the normaliser saw.
  int invisibleInWord;
  int tagChars;
  int ipaChars; // IPA-block letters (U+0250-U+02AF): turned letters of upside-down text among them
  int decodedEscapes;
  // Original-text range of the hidden characters seen (tag characters, invisibles inside words).
  int hiddenFrom;
  int hiddenTo;

  // Tokens over the normalised view.
  int[] tokStart = new int[256];
  int[] tokEnd = new int[256];
  long[] tokHash = new long[256];
  long[] tokStemHash = new long[256]; // hash of the first STEM_CHARS chars: a crude stemmer for the text model
  long[] tokClass = new long[256];
  int[] tokSentence = new int[256];
  byte[] tokFlags = new byte[256];
  /** The tokenizer's scratch: the hash of each prefix of the word it reads ({@code [l - 1]}: l chars). */
  final long[] prefixHash = new long[Tokenizer.PREFIX_HASHES];
  int[] tokMark = new int[256]; // OrderWords marks: the word's own from the tokenizer, completed by OrderWords.mark
  int tokenCount;
  int sentenceCount;
  /** The OrderWords gates of the words read (GATE_QUESTION ...): which finders may fire. */
  int wordGates;

  // Cited quotations [citedFrom[i], citedTo[i]] of the view (QuotedExample), found on the first rule match of a
  // scan; citedCount is -1 until then.
  int[] citedFrom = new int[8];
  int[] citedTo = new int[8];
  int citedCount = -1;

  /** Work done by the last scans on this thread, for the linear-time test. */
  long work;


  void ensureNorm(int capacity) {
    if (norm.length < capacity) {
      int n = Math.max(capacity, norm.length * 2);
      norm = Arrays.copyOf(norm, n);
      origStart = Arrays.copyOf(origStart, n);
    }
  }

  /** The first token that starts at or after view index {@code k} (tokens are in text order), or tokenCount. */
  int firstTokenAt(int k) {
    int lo = 0;
    int hi = tokenCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokStart[mid] < k) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The original offset just past normalised char {@code k}: where the next char came from (so
   * removed invisible characters in between count as part of a span), or the text's end.
   */
  int endOf(int k) {
    int here = origStart[k];
    for (int j = k + 1; j < normLength; j++) {
      if (origStart[j] != here) {
        return origStart[j];
      }
    }
    return textLength;
  }

  void addEncodedRun(int start, int end) {
    if (encodedRunCount * 2 + 2 > encodedRuns.length) {
      encodedRuns = Arrays.copyOf(encodedRuns, encodedRuns.length * 2);
    }
    encodedRuns[encodedRunCount * 2] = start;
    encodedRuns[encodedRunCount * 2 + 1] = end;
    encodedRunCount++;
  }

  /**
   * Whether token {@code t} opens a clause: it is the first of its sentence, or one of {@code punctuation}
   * stands between it and the token before.
   */
  boolean opensClause(int t, String punctuation) {
    if (t == 0 || tokSentence[t - 1] != tokSentence[t]) {
      return true;
    }
    return punctuationBetween(tokEnd[t - 1], tokStart[t], punctuation);
  }

  /**
   * Whether token {@code t} ends its phrase: it is the last of its sentence, or one of {@code punctuation}
   * stands between it and the token after.
   */
  boolean endsPhrase(int t, String punctuation) {
    if (t + 1 >= tokenCount || tokSentence[t + 1] != tokSentence[t]) {
      return true;
    }
    return punctuationBetween(tokEnd[t], tokStart[t + 1], punctuation);
  }

  /** Whether the normalised view holds {@code word} at index {@code at}. */
  boolean viewHas(int at, String word) {
    if (at < 0 || at + word.length() > normLength) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (norm[at + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a colon follows token {@code t}, spaces aside: a label ("AI agents:", "User :"). */
  boolean colonAfter(int t) {
    int i = tokEnd[t];
    while (i < normLength && norm[i] == ' ') {
      i++;
      work++;
    }
    return i < normLength && norm[i] == ':';
  }

  /** Whether '(' or '[' stands right before token {@code t}, spaces aside. */
  boolean bracketBefore(int t) {
    int i = tokStart[t] - 1;
    while (i >= 0 && norm[i] == ' ') {
      i--;
      work++;
    }
    return i >= 0 && (norm[i] == '(' || norm[i] == '[');
  }

  private boolean punctuationBetween(int from, int to, String punctuation) {
    for (int i = from; i < to; i++) {
      if (punctuation.indexOf(norm[i]) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Appends a token: its normalised range, hashes, word classes, marks and gates ({@link Lexicon#marksAt}),
   * sentence and flags.
   */
  void addToken(int start, int end, long hash, long stemHash, long classes, long marks, int sentence, byte flags) {
    int t = tokenCount;
    ensureTokens(t + 1);
    tokStart[t] = start;
    tokEnd[t] = end;
    tokHash[t] = hash;
    tokStemHash[t] = stemHash;
    tokClass[t] = classes;
    tokMark[t] = (int) marks;
    wordGates |= (int) (marks >>> 32);
    tokSentence[t] = sentence;
    tokFlags[t] = flags;
    tokenCount = t + 1;
  }

  void ensureTokens(int capacity) {
    if (tokStart.length < capacity) {
      int n = Math.max(capacity, tokStart.length * 2);
      tokStart = Arrays.copyOf(tokStart, n);
      tokEnd = Arrays.copyOf(tokEnd, n);
      tokHash = Arrays.copyOf(tokHash, n);
      tokStemHash = Arrays.copyOf(tokStemHash, n);
      tokClass = Arrays.copyOf(tokClass, n);
      tokSentence = Arrays.copyOf(tokSentence, n);
      tokFlags = Arrays.copyOf(tokFlags, n);
      tokMark = Arrays.copyOf(tokMark, n);
    }
  }

  /** Frees arrays that grew for one exceptionally large text. */
  void shrink() {
    if (norm.length > KEEP_LIMIT) {
      norm = new char[1024];
      origStart = new int[1024];
      encodedRuns = new int[16];
    }
    if (tokStart.length > KEEP_LIMIT / 4) {
      tokStart = new int[256];
      tokEnd = new int[256];
      tokHash = new long[256];
      tokStemHash = new long[256];
      tokClass = new long[256];
      tokSentence = new int[256];
      tokFlags = new byte[256];
      tokMark = new int[256];
    }
  }
}
