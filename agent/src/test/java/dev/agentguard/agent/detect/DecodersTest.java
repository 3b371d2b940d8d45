package dev.agentguard.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Caesar test's shortcut must change nothing: the shift it picks is the one all 25 whole sums pick. */
class DecodersTest {
  private static final double[] ENGLISH = {
    8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.77, 4.0, 2.4, 6.7, 7.5, 1.9, 0.095, 6.0, 6.3, 9.1,
    2.8, 0.98, 2.4, 0.15, 2.0, 0.074
  };

  /** The shift as chosen before the floor: every shift's whole sum, the best kept if it fits well enough. */
  private static int everyShift(double[] squares, int letters, double chi0) {
    int best = 0;
    double bestChi = chi0;
    for (int shift = 1; shift < 26; shift++) {
      double chi = Decoders.shiftedChiSquare(squares, shift, letters);
      if (chi < bestChi) {
        bestChi = chi;
        best = shift;
      }
    }
    return best == 0 || bestChi > chi0 * 0.4 || bestChi > letters * 1.5 ? 0 : best;
  }

  @Test
  void theFloorPicksTheShiftThatEveryWholeSumPicks() {
    Random random = new Random(27);
    int fitting = 0;
    for (int round = 0; round < 50_000; round++) {
      int[] counts = new int[52];
      int letters = 20 + random.nextInt(round % 2 == 0 ? 60 : 2000);
      int shift = random.nextInt(26);
      boolean english = random.nextInt(3) != 0;
      for (int i = 0; i < letters; i++) {
        int letter = english ? englishLetter(random) : random.nextInt(26);
        counts[(letter + shift) % 26]++;
      }
      System.arraycopy(counts, 0, counts, 26, 26);
      double[] squares = new double[52];
      Decoders.squares(counts, squares);
      double chi0 = Decoders.chiSquare(squares, letters);
      for (int s = 1; s < 26; s++) {
        assertTrue(Decoders.rareLettersChiSquare(squares, s, letters) <= Decoders.shiftedChiSquare(squares, s, letters));
      }
      int expected = everyShift(squares, letters, chi0);
      assertEquals(expected, Decoders.fittingShift(squares, letters, chi0), "round " + round);
      fitting += expected != 0 ? 1 : 0;
    }
    assertTrue(fitting > 2_500, "too few shifted English samples: " + fitting);
  }

  private static int englishLetter(Random random) {
    double r = random.nextDouble() * 100.1;
    for (int k = 0; k < 26; k++) {
      r -= ENGLISH[k];
      if (r < 0) {
        return k;
      }
    }
    return 25;
  }
}
