package dev.hearsay.overlay.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {
  private static final RegistrySettings DEFAULTS = RegistrySettings.of(URI.create("https://127.0.0.1:9443"));

  @Test
  void theDefaultLongPollStaysUnderTheDefaultStaleness() {
    RegistrySettings s = DEFAULTS.withStaleness(RegistrySettings.DEFAULT_MAX_STALENESS, StalenessPolicy.OPEN);
    assertEquals(Duration.ofSeconds(25), s.longPollWait());
  }

  @Test
  void aShortStalenessShortensTheLongPollSoAHealthyNodeNeverLooksStale() {
    RegistrySettings s = DEFAULTS.withStaleness(Duration.ofSeconds(15), StalenessPolicy.CLOSED);
    assertEquals(Duration.ofSeconds(5), s.longPollWait());
    assertEquals(Duration.ofSeconds(15), s.maxStaleness());
    assertEquals(StalenessPolicy.CLOSED, s.policy());
  }

  @Test
  void theLongPollNeverDropsBelowATenthOfASecond() {
    assertEquals(Duration.ofMillis(100), DEFAULTS.withStaleness(Duration.ofMillis(90), StalenessPolicy.OPEN).longPollWait());
  }

  @Test
  void aZeroStalenessIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withStaleness(Duration.ZERO, StalenessPolicy.OPEN));
  }
}
