package dev.agentguard.benchmarks;

/** Typical tool-argument text of about 1 KB, written for the benchmarks (not taken from any data set). */
final class SampleTexts {
  private SampleTexts() {}

  static final String EMAIL_1KB = repeatTo(1024,
      "Hello Maria, thank you for getting back to us about order 48213. The replacement headset shipped "
          + "this morning from our Leeds warehouse and should arrive on Thursday between 9:00 and 13:00. "
          + "If nobody is at home the courier will leave a card with a link to pick another day. Your refund "
          + "of 24.90 EUR for the delayed delivery has been booked to the card ending in 4412 and usually "
          + "shows within three to five working days. Please keep the original box until the new headset "
          + "works, in case we need to collect it. If anything else comes up, reply to this e-mail or call "
          + "our support line on weekdays from 8 to 18. Kind regards, Tom from customer care. ");

  private static String repeatTo(int size, String s) {
    StringBuilder sb = new StringBuilder(size + s.length());
    while (sb.length() < size) {
      sb.append(s);
    }
    return sb.substring(0, size);
  }
}
