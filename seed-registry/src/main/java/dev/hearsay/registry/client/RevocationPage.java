package dev.hearsay.registry.client;

import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.SignedHead;
import java.util.List;

/**
 * Entries after the requested sequence, as sent (verify them with a {@code ChainVerifier}); pass
 * {@code next} as the next {@code since}; {@code more} when the log goes on past this page.
 */
public record RevocationPage(List<RevocationEntry> entries, long next, boolean more, SignedHead head) {
  public RevocationPage {
    entries = List.copyOf(entries);
  }
}
