package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulasTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @ParameterizedTest(name = "mult={0} n={1} -> {2} ms")
  @CsvSource({
    // mult, n, probe interval 1 s, expected ms (memberlist: 4 * max(1, log10 n) * interval),
    // never below MIN_SUSPICION_PROBES (4) probe intervals
    "4, 1, 4000",
    "4, 10, 4000",
    "4, 100, 8000",
    "4, 1000, 12000",
    "0.5, 1000, 4000",
    "0.5, 10000, 4000",
    "0.5, 0, 4000",
    "2, 1000000, 12000",
  })
  void suspicionMinTimeout(double mult, int n, long expectedMs) {
    assertEquals(expectedMs * MS, Formulas.suspicionMinTimeout(mult, n, S));
  }

  @ParameterizedTest(name = "c={0} of {1}: {4} ms")
  @CsvSource({
    // confirmations, expected, min ms, max ms, timeout ms
    "0, 3, 1500, 4500, 4500",
    "1, 3, 1500, 4500, 3000",
    "2, 3, 1500, 4500, 2122",
    "3, 3, 1500, 4500, 1500",
    "9, 3, 1500, 4500, 1500",
    "0, 0, 1500, 4500, 1500",
    "1, 1, 2000, 2000, 2000",
  })
  void suspicionTimeoutShrinksWithConfirmations(int c, int k, long minMs, long maxMs, long expectedMs) {
    long got = Formulas.suspicionTimeout(c, k, minMs * MS, maxMs * MS);
    assertEquals(expectedMs, got / MS, "timeout in ms");
  }

  @ParameterizedTest(name = "mult={0} n={1} -> {2}")
  @CsvSource({
    "4, 0, 0",
    "4, 1, 4",
    "4, 9, 4",
    "4, 10, 8",
    "4, 99, 8",
    "4, 100, 12",
    "4, 1000, 16",
    "4, 10000, 20",
    "3, 10000, 15",
  })
  void retransmitLimit(int mult, int n, int expected) {
    assertEquals(expected, Formulas.retransmitLimit(mult, n));
  }

  @ParameterizedTest(name = "base={0} score={1}")
  @CsvSource({
    "500, 0, 500",
    "500, 1, 1000",
    "500, 7, 4000",
    "1000, 3, 4000",
  })
  void awarenessScaledTimeout(long baseMs, int score, long expectedMs) {
    assertEquals(expectedMs * MS, Formulas.awarenessScaledTimeout(baseMs * MS, score));
  }

  @ParameterizedTest(name = "n={1}")
  @CsvSource({
    "30, 1, 30",
    "30, 32, 30",
    "30, 33, 60",
    "30, 64, 60",
    "30, 65, 90",
    "30, 1000, 180",
    "30, 10000, 300",
  })
  void pushPullInterval(long baseS, int n, long expectedS) {
    assertEquals(expectedS * S, Formulas.pushPullInterval(baseS * S, n));
  }

  @ParameterizedTest(name = "deaths={0}")
  @CsvSource({
    "0, 0",
    "1, 0",
    "2, 30",
    "3, 60",
    "4, 120",
    "6, 480",
    "7, 600",
    "40, 600",
  })
  void rejoinBackoff(int deaths, long expectedS) {
    assertEquals(expectedS * S, Formulas.rejoinBackoff(deaths, 30 * S, 600 * S));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 30",
    "1, 60",
    "4, 480",
    "5, 600", // 960 is over the cap
    "62, 600", // the product overflows: still the cap
    "1000, 600",
  })
  void doubledIsCappedAndNeverOverflows(int doublings, long expectedS) {
    assertEquals(expectedS * S, Formulas.doubled(30 * S, doublings, 600 * S));
  }

  @ParameterizedTest
  @CsvSource({"500, 400", "1000, 800"})
  void nackTimeout(long probeMs, long expectedMs) {
    assertEquals(expectedMs * MS, Formulas.nackTimeout(probeMs * MS));
  }

  @Test
  void joinRetriesDoubleEachRoundOfSeedsUpToEightIntervals() {
    long base = 1_000;
    assertEquals(1_000, Formulas.joinRetryDelay(1, 1, base));
    assertEquals(2_000, Formulas.joinRetryDelay(2, 1, base));
    assertEquals(8_000, Formulas.joinRetryDelay(4, 1, base));
    assertEquals(8_000, Formulas.joinRetryDelay(40, 1, base));
    // Two seeds: the first round asks each one interval apart, then every round doubles.
    assertEquals(1_000, Formulas.joinRetryDelay(2, 2, base));
    assertEquals(1_000, Formulas.joinRetryDelay(3, 2, base));
    assertEquals(2_000, Formulas.joinRetryDelay(4, 2, base));
  }
}
