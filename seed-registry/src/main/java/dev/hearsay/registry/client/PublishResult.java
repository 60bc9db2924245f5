package dev.hearsay.registry.client;

import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.SignedHead;

/** The entry revoking the target (new, or the existing one when {@code created} is false) and the head after it. */
public record PublishResult(RevocationEntry entry, boolean created, SignedHead head) {}
