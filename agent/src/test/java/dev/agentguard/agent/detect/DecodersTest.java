package dev.agentguard.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Caesar search computes five shifts at once; every value must be the one-shift value, bit for bit. */
class DecodersTest {
  @Test
  void chiSquaresFiveAtATimeEqualOneAtATime() {
    Random random = new Random(11);
    double[] squares = new double[52];
    double[] chi = new double[26];
    for (int round = 0; round < 1000; round++) {
      int letters = 0;
      for (int k = 0; k < 26; k++) {
        int count = random.nextInt(round % 2 == 0 ? 5 : 500);
        letters += count;
        squares[k] = squares[k + 26] = count * count;
      }
      letters = Math.max(letters, 1);
      Decoders.chiSquares(squares, letters, chi);
      for (int shift = 1; shift < 26; shift++) {
        assertEquals(Double.doubleToRawLongBits(Decoders.chiSquare(squares, shift, letters)),
            Double.doubleToRawLongBits(chi[shift]), "shift " + shift);
      }
    }
  }
}
