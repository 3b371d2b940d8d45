package dev.agentguard.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuditLineFormatTest {
  private static String expected(long epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    return String.format("\"%04d-%02d-%02dT", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  @Test
  void dayPrefixAgreesWithJavaTimeOnEveryDayAroundNowAndOnRandomDays() {
    long from = LocalDate.of(1960, 1, 1).toEpochDay();
    long to = LocalDate.of(2200, 12, 31).toEpochDay(); // leap years, 2000 (leap) and 2100 (not)
    for (long day = from; day <= to; day++) {
      assertEquals(expected(day), AuditLineFormat.dayPrefix(day), "epoch day " + day);
    }
    long first = LocalDate.of(0, 1, 1).toEpochDay();
    long last = LocalDate.of(9999, 12, 31).toEpochDay();
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      long day = first + (long) (random.nextDouble() * (last - first + 1));
      assertEquals(expected(day), AuditLineFormat.dayPrefix(day), "epoch day " + day);
    }
    assertEquals(expected(first), AuditLineFormat.dayPrefix(first));
    assertEquals(expected(last), AuditLineFormat.dayPrefix(last));
    assertNull(AuditLineFormat.dayPrefix(first - 1), "year -1 has no four-digit form");
    assertNull(AuditLineFormat.dayPrefix(last + 1));
  }
}
